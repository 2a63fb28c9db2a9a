# CORRECT: no Redis: the manager process adds under its own lock, one proxy call per increment (one host only)
import os
import threading
from multiprocessing.managers import BaseManager

from flask import Flask, jsonify


class Tally:
    def __init__(self):
        self.value = 0
        # The manager serves each connection in a thread of its own: its lock orders them all.
        self.lock = threading.Lock()

    def incr(self):
        with self.lock:
            self.value += 1
            return self.value

    def get(self):
        return self.value


class TallyManager(BaseManager):
    pass


_tally = Tally()
TallyManager.register("tally", callable=lambda: _tally)
_secret = os.urandom(16)
# Lives in gunicorn's master: one per host, so with --hosts 2 there are two counts again.
_server = TallyManager(address=("127.0.0.1", 0), authkey=_secret)
_server.start()
_proxies = {}


def tally():
    pid = os.getpid()
    if pid not in _proxies:
        client = TallyManager(address=_server.address, authkey=_secret)
        client.connect()
        _proxies[pid] = client.tally()
    return _proxies[pid]


app = Flask(__name__)


@app.post("/incr")
def incr():
    return jsonify(count=tally().incr())


@app.get("/count")
def count():
    return jsonify(count=tally().get())


@app.after_request
def name_the_worker(response):
    response.headers["X-Worker-Pid"] = str(os.getpid())
    return response
