# MUTANT: the count is in Redis, but read with GET and written back with SET: two commands, not one
import os

import redis
from flask import Flask, jsonify

app = Flask(__name__)
store = redis.Redis.from_url(os.environ["REDIS_URL"])
KEY = os.environ["REDIS_PREFIX"] + "count"


@app.post("/incr")
def incr():
    # MUTANT: another worker's SET can land between this GET and this SET, and one increment vanishes.
    value = int(store.get(KEY) or 0) + 1
    store.set(KEY, value)
    return jsonify(count=value)


@app.get("/count")
def count():
    return jsonify(count=int(store.get(KEY) or 0))


@app.after_request
def name_the_worker(response):
    response.headers["X-Worker-Pid"] = str(os.getpid())
    return response
