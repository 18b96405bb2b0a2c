"""The hello app plus /heap, the live heap in bytes, for MicroPython memory tests.

    micropython tests/apps/heap_app.py PORT
"""
import gc
import sys

import picoweb_core as picoweb

app = picoweb.WebApp(__name__)


@app.route("/")
async def index(req, resp):
    return "Hello, world!\n"


@app.route("/heap")
async def heap(req, resp):
    gc.collect()
    return str(gc.mem_alloc())


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=-1)
