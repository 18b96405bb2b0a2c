"""The app the WebSocket tests drive, on CPython and on MicroPython.

    <runtime> ws_app.py PORT [max_connections]

/echo echoes every message; /small echoes with max_message=200; /counter
pushes a count every 50 ms and answers "ping?" with "pong!"; /proto speaks
the subprotocols "v2" and "v1"; /boom raises after the upgrade; /pinged pings after 0.3 s of silence; /big sends
10000 and 70000 bytes; /bye sends "bye" and closes with 4000; / is the
counter page for the browser test; /ping is plain HTTP; /stats counts open
WebSockets (and the heap on MicroPython); /stop shuts the server down
(open WebSockets get 1001) and the process exits.
"""
import gc
import sys

try:
    import asyncio
except ImportError:
    import uasyncio as asyncio

import picoweb_core
import picoweb_websocket
from picoweb_websocket import ConnectionClosed, with_websocket

port = int(sys.argv[1])
app = picoweb_core.WebApp(__name__)
if len(sys.argv) > 2:
    app.max_connections = int(sys.argv[2])
stop = asyncio.Event()


@app.route("/echo")
@with_websocket
async def echo(req, ws):
    async for msg in ws:
        await ws.send(msg)


@app.route("/small")
@with_websocket(max_message=200)
async def small(req, ws):
    async for msg in ws:
        await ws.send(msg)


@app.route("/proto")
@with_websocket(subprotocols=("v2", "v1"))
async def proto(req, ws):
    await ws.send(ws.subprotocol or "none")
    await ws.receive()


@app.route("/pinged")
@with_websocket(ping_interval=0.3)
async def pinged(req, ws):
    async for msg in ws:
        await ws.send(msg)


@app.route("/boom")
@with_websocket
async def boom(req, ws):
    await ws.receive()
    raise ValueError("boom after upgrade")


@app.route("/big")
@with_websocket
async def big(req, ws):
    # Larger than a board's single-write limit: header and payload in two writes.
    for n in (10000, 70000):
        await ws.send(bytes(i * 7 & 0xFF for i in range(n)))
    await ws.receive()


@app.route("/bye")
@with_websocket
async def bye(req, ws):
    await ws.send("bye")
    await ws.close(4000, "done here")


async def tick(ws):
    n = 0
    try:
        while True:
            await ws.send("count %d" % n)
            n += 1
            await asyncio.sleep(0.05)
    except ConnectionClosed:
        pass


@app.route("/counter")
@with_websocket
async def counter(req, ws):
    t = asyncio.create_task(tick(ws))
    try:
        async for msg in ws:
            if msg == "ping?":
                await ws.send("pong!")
    finally:
        t.cancel()


PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>counter</title></head>
<body><h1>Live counter: <span id="count">-</span></h1><p id="reply">-</p>
<script>
var ws = new WebSocket("ws://" + location.host + "/counter");
ws.onopen = function () { ws.send("ping?"); };
ws.onmessage = function (ev) {
  if (ev.data.indexOf("count ") === 0) {
    document.getElementById("count").textContent = ev.data.slice(6);
  } else {
    document.getElementById("reply").textContent = ev.data;
  }
};
ws.onclose = function (ev) { document.title = "closed " + ev.code; };
</script></body></html>
"""


@app.route("/")
async def index(req, resp):
    return PAGE


@app.route("/ping")
async def ping(req, resp):
    return "pong"


@app.route("/stats")
async def stats(req, resp):
    gc.collect()
    heap = gc.mem_alloc() if hasattr(gc, "mem_alloc") else -1
    return {"open": len(picoweb_websocket.OPEN), "heap": heap}


@app.route("/stop")
async def stop_route(req, resp):
    stop.set()
    return "stopping"


async def main():
    server = await app.start_server("127.0.0.1", port, debug=0)
    await stop.wait()
    await asyncio.sleep(0.05)  # let /stop's answer go out
    await app.shutdown()
    sys.stdout.write("shutdown done, open=%d\n" % len(picoweb_websocket.OPEN))
    await server.wait_closed()


asyncio.run(main())
