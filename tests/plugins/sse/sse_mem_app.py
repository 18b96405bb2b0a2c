"""An SSE app for the heap test: /ev pushes an event every 5 ms; /heap is
the heap in use after a collection.

    micropython sse_mem_app.py PORT
"""
import gc
import sys

try:
    import asyncio
except ImportError:
    import uasyncio as asyncio

import picoweb_core
from picoweb_sse import sse

app = picoweb_core.WebApp(__name__)


async def push(stream):
    n = 0
    while True:
        await stream.send("n %d" % n, id=n)
        n += 1
        await asyncio.sleep(0.005)


@app.route("/ev")
async def ev(req, resp):
    return sse(push)


@app.route("/heap")
async def heap(req, resp):
    gc.collect()
    return str(gc.mem_alloc())


app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=-1)
