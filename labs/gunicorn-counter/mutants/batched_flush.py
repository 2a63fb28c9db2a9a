# MUTANT: each worker counts locally and adds its batch to Redis every 10 increments
import os

import redis
from flask import Flask, jsonify

app = Flask(__name__)
store = redis.Redis.from_url(os.environ["REDIS_URL"])
KEY = os.environ["REDIS_PREFIX"] + "count"
BATCH = 10
pending = 0


@app.post("/incr")
def incr():
    global pending
    pending += 1
    # MUTANT: fewer round trips, but up to 9 acknowledged increments per worker are in no one's count yet.
    if pending >= BATCH:
        store.incrby(KEY, pending)
        pending = 0
    return jsonify(count=int(store.get(KEY) or 0) + pending)


@app.get("/count")
def count():
    return jsonify(count=int(store.get(KEY) or 0))


@app.after_request
def name_the_worker(response):
    response.headers["X-Worker-Pid"] = str(os.getpid())
    return response
