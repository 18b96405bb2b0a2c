"""The app behind tests/core/test_http_musts.py, a new-style app (it does not
import the core as `picoweb`); runs unchanged on CPython and MicroPython.

    <runtime> musts_app.py PORT
"""
import sys

try:
    import asyncio
except ImportError:
    import uasyncio as asyncio

from picoweb_core import WebApp


class MustsApp(WebApp):
    request_timeout = 30   # junk must be refused at once, not after this
    keepalive_timeout = 2


app = MustsApp(__name__)


@app.route("/")
async def index(req, resp):
    return "ok"


@app.route("/any")
async def any_method(req, resp):
    return "method " + req.method


@app.route("/dav", methods=["GET", "PROPFIND"])
async def dav(req, resp):
    return "dav " + req.method


@app.route("/p/<path:rest>")
async def path(req, resp, rest):
    return "path " + rest


@app.route("/headers")
async def headers(req, resp):
    return {"names": sorted(req.headers), "keys": sorted(req.headers.keys()),
            "items": sorted([k, v] for k, v in req.headers.items()),
            "types": sorted(set(type(k).__name__ for k in req.headers))}


async def main(port):
    server = await app.start_server("127.0.0.1", port, debug=-1)
    await server.wait_closed()


asyncio.run(main(int(sys.argv[1])))
