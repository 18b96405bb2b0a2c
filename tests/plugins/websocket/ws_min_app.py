"""The smallest WebSocket app, for the heap-size test: an echo route and /heap.

    micropython -X heapsize=N ws_min_app.py PORT
"""
import gc
import sys

import picoweb_core
from picoweb_websocket import with_websocket

app = picoweb_core.WebApp(__name__)


@app.route("/echo")
@with_websocket
async def echo(req, ws):
    async for msg in ws:
        await ws.send(msg)


@app.route("/heap")
async def heap(req, resp):
    gc.collect()
    return str(gc.mem_alloc())


app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=-1)
