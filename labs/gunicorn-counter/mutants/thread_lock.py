# MUTANT: the manager's get-then-set guarded by a threading.Lock, which exists once per process
import os
import threading
from multiprocessing.managers import BaseManager

from flask import Flask, jsonify


class Tally:
    def __init__(self):
        self.value = 0

    def get(self):
        return self.value

    def set(self, value):
        self.value = value


class TallyManager(BaseManager):
    pass


_tally = Tally()
TallyManager.register("tally", callable=lambda: _tally)
_secret = os.urandom(16)
_server = TallyManager(address=("127.0.0.1", 0), authkey=_secret)
_server.start()
_proxies = {}
# MUTANT: every forked worker gets its own copy of this lock: it orders nothing between workers.
_lock = threading.Lock()


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
    with _lock:
        value = tally().get() + 1
        tally().set(value)
    return jsonify(count=value)


@app.get("/count")
def count():
    return jsonify(count=tally().get())


@app.after_request
def name_the_worker(response):
    response.headers["X-Worker-Pid"] = str(os.getpid())
    return response
