# A page-view counter in a module-level variable of a Flask app: right under `gunicorn -w 1`,
# wrong as soon as gunicorn forks a second worker process (seed 003_eb6165e813f4c6e1.txt).
import os

from flask import Flask, jsonify

app = Flask(__name__)

# BUG: a module global lives in one process. gunicorn imports this module once and forks each worker
# from it, so every worker starts with its own copy at 0 and adds only the requests it served.
hits = 0


@app.post("/incr")
def incr():
    global hits
    hits += 1
    return jsonify(count=hits)


@app.get("/count")
def count():
    return jsonify(count=hits)


@app.after_request
def name_the_worker(response):
    # The harness cannot add its x-worker-id to a foreign server: the app names its process itself.
    response.headers["X-Worker-Pid"] = str(os.getpid())
    return response
