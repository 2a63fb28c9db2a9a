# MUTANT: INCR in Redis, but under a key that names the process: each worker still counts alone
import os

import redis
from flask import Flask, jsonify

app = Flask(__name__)
store = redis.Redis.from_url(os.environ["REDIS_URL"])


def key():
    # MUTANT: "unique per process" looked safe; it splits the count into one key per worker.
    return f"{os.environ['REDIS_PREFIX']}count:{os.getpid()}"


@app.post("/incr")
def incr():
    return jsonify(count=store.incr(key()))


@app.get("/count")
def count():
    return jsonify(count=int(store.get(key()) or 0))


@app.after_request
def name_the_worker(response):
    response.headers["X-Worker-Pid"] = str(os.getpid())
    return response
