"""A picoweb 1.x-style app that touches every core feature once: return
values, start_response, jsonify, a regex route, a typed route, a form POST,
a JSON body, a hook, an error handler, a 404. bench/heap_floor.py finds the
smallest heap it serves in.

    micropython bench/apps/picoweb_features.py PORT
"""
import re
import sys

import picoweb_core as picoweb


def index(req, resp):
    yield from picoweb.start_response(resp)
    yield from resp.awrite("Hello, world!\n")


def squares(req, resp):
    yield from picoweb.jsonify(resp, {"squares": [i * i for i in range(5)]})


def iam(req, resp):
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite("I am " + req.url_match.group(1))


ROUTES = [("/", index), ("/squares", squares), (re.compile("^/iam/(.+)"), iam)]

app = picoweb.WebApp(__name__, ROUTES)


@app.route("/user/<int:uid>")
async def user(req, resp, uid):
    return {"id": uid, "seen": req.seen}


@app.route("/form", methods=["POST"])
def form(req, resp):
    yield from req.read_form_data()
    yield from picoweb.start_response(resp)
    yield from resp.awrite("name=" + req.form["name"])


@app.route("/api", methods=["POST"])
async def api(req, resp):
    data = await req.read_json()
    return {"got": data}


@app.before_request
def mark(req, resp):
    req.seen = True


@app.errorhandler(404)
async def not_found(req, resp, exc):
    return ("nothing at " + req.path, 404)


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=-1)
