# MUTANT: INCR in Redis, but a read answers with the last count this worker saw, not Redis's
import os

import redis
from flask import Flask, jsonify

app = Flask(__name__)
store = redis.Redis.from_url(os.environ["REDIS_URL"])
KEY = os.environ["REDIS_PREFIX"] + "count"
last_seen = 0


@app.post("/incr")
def incr():
    global last_seen
    last_seen = store.incr(KEY)
    return jsonify(count=last_seen)


@app.get("/count")
def count():
    # MUTANT: saves a round trip, but this worker's copy misses what the other workers counted since.
    return jsonify(count=last_seen)


@app.after_request
def name_the_worker(response):
    response.headers["X-Worker-Pid"] = str(os.getpid())
    return response
