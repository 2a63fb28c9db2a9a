# The counter kept in Redis, which every worker (and every host) reaches, and changed there by one
# atomic command. The harness starts the redis-server and passes its URL and a key prefix.
import os

import redis
from flask import Flask, jsonify

app = Flask(__name__)
# Made in the master (--preload); redis-py opens connections lazily and anew in each forked worker.
store = redis.Redis.from_url(os.environ["REDIS_URL"])
KEY = os.environ["REDIS_PREFIX"] + "count"


@app.post("/incr")
def incr():
    # FIX: INCR reads, adds and writes inside Redis, as one command: no other worker can come between.
    return jsonify(count=store.incr(KEY))


@app.get("/count")
def count():
    # FIX: read the shared number on every request; the worker keeps no copy of its own.
    return jsonify(count=int(store.get(KEY) or 0))


@app.after_request
def name_the_worker(response):
    response.headers["X-Worker-Pid"] = str(os.getpid())
    return response
