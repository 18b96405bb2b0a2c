"""Hello world: the smallest picoweb-core app. Runs on CPython and MicroPython.

    python examples/hello/app.py          # http://127.0.0.1:8081/
    micropython examples/hello/app.py
"""
import sys

import picoweb_core as picoweb

app = picoweb.WebApp(__name__)


@app.route("/")
async def index(req, resp):
    return "Hello, world!\n"


@app.route("/hello/<name>")
async def hello(req, resp, name):
    return {"hello": name}


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8081
    debug = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    app.run(host="127.0.0.1", port=port, debug=debug)
