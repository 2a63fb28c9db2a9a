# The counter moved into a multiprocessing manager, a server process that every worker reaches
# through a proxy, but changed as "read it, add one, write it back": two proxy calls, not one.
import os
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
# Started once, in gunicorn's master (--preload loads this module there before forking): the
# manager's process is the one place the number lives, and it outlives worker restarts.
_server = TallyManager(address=("127.0.0.1", 0), authkey=_secret)
_server.start()
_proxies = {}


def tally():
    """This process's own proxy: a connection made in the master must not be shared by forked workers."""
    pid = os.getpid()
    if pid not in _proxies:
        client = TallyManager(address=_server.address, authkey=_secret)
        client.connect()
        _proxies[pid] = client.tally()
    return _proxies[pid]


app = Flask(__name__)


@app.post("/incr")
def incr():
    shared = tally()
    # BUG: another worker can write between this get and this set: its increment is then
    # overwritten. Each proxy call is a round trip to the manager's process.
    value = shared.get() + 1
    shared.set(value)
    return jsonify(count=value)


@app.get("/count")
def count():
    return jsonify(count=tally().get())


@app.after_request
def name_the_worker(response):
    response.headers["X-Worker-Pid"] = str(os.getpid())
    return response
