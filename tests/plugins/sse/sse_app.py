"""The app the SSE tests drive, on CPython and on MicroPython.

    <runtime> sse_app.py PORT

/fixed      a generator of three events (multi-line data, names, ids, JSON), then the end
/retry      retry: 2500 first, then one event
/gen        an endless plain generator: it counts how often it was closed
/iter       an endless async iterator object (works on both runtimes), closed-counting
/agen       an endless async generator (CPython only), closed-counting
/callback   `async def source(stream)` sending with stream.send()
/quiet      a source that waits long between events, keepalive=0.2 s
/broken     one event, then the source raises
/page       an EventSource page for the browser test (/browser-events)
/state      how many of each source are running and were closed
"""
import sys

try:
    import asyncio
except ImportError:
    import uasyncio as asyncio

import picoweb_core
from picoweb_sse import sse

port = int(sys.argv[1])
app = picoweb_core.WebApp(__name__)
state = {"gen": 0, "iter": 0, "agen": 0, "callback": 0, "quiet": 0,
         "gen_open": 0, "iter_open": 0, "agen_open": 0, "callback_open": 0, "quiet_open": 0}


def fixed_events():
    yield "first"
    yield {"event": "multi", "id": 2, "data": "line one\nline two\r\nline three"}
    yield {"data": {"n": 3, "s": "caf\u00e9"}, "id": "3"}


@app.route("/fixed")
async def fixed(req, resp):
    return sse(fixed_events())


@app.route("/retry")
async def retry(req, resp):
    return sse(iter(["only"]), retry=2500)


def endless(kind):
    state[kind + "_open"] += 1
    n = 0
    try:
        while True:
            yield {"id": n, "data": "%s %d" % (kind, n)}
            n += 1
    finally:
        state[kind + "_open"] -= 1
        state[kind] += 1


@app.route("/gen")
async def gen(req, resp):
    return sse(endless("gen"), keepalive=None, req=req)


class Ticks:
    """An async iterator without async generators (MicroPython has none)."""

    def __init__(self):
        self.n = 0
        state["iter_open"] += 1

    def __aiter__(self):
        return self

    async def __anext__(self):
        await asyncio.sleep(0.02)
        self.n += 1
        return "tick %d" % self.n

    async def aclose(self):
        state["iter_open"] -= 1
        state["iter"] += 1


@app.route("/iter")
async def iter_route(req, resp):
    return sse(Ticks())


if sys.implementation.name != "micropython":
    async def agen_source():
        state["agen_open"] += 1
        n = 0
        try:
            while True:
                await asyncio.sleep(0.02)
                yield "agen %d" % n
                n += 1
        finally:
            state["agen_open"] -= 1
            state["agen"] += 1

    @app.route("/agen")
    async def agen(req, resp):
        return sse(agen_source())


async def pusher(stream):
    state["callback_open"] += 1
    try:
        for i in range(1000000):
            await stream.send("push %d" % i, event="push", id=i)
            await asyncio.sleep(0.02)
    finally:
        state["callback_open"] -= 1
        state["callback"] += 1


@app.route("/callback")
async def callback(req, resp):
    return sse(pusher)


async def slow(stream):
    state["quiet_open"] += 1
    try:
        await stream.send("hello")
        await asyncio.sleep(3600)
    finally:
        state["quiet_open"] -= 1
        state["quiet"] += 1


@app.route("/quiet")
async def quiet(req, resp):
    return sse(slow, keepalive=0.2)


PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>events</title></head>
<body><pre id="multi"></pre><pre id="json"></pre><pre id="ids"></pre>
<script>
var es = new EventSource("/browser-events");
var ids = [];
es.addEventListener("multi", function (ev) {
  document.getElementById("multi").textContent = ev.data;
  ids.push(ev.lastEventId);
});
es.onmessage = function (ev) {
  var obj = JSON.parse(ev.data);
  document.getElementById("json").textContent = obj.word + " " + obj.n;
  ids.push(ev.lastEventId);
  document.getElementById("ids").textContent = ids.join(",");
  es.close();
  document.title = "done";
};
</script></body></html>
"""


@app.route("/page")
async def page(req, resp):
    return PAGE


def browser_events():
    yield {"event": "multi", "id": "a1", "data": "line one\nline two\r\n\nline four"}
    yield {"id": 2, "data": {"word": "caf\u00e9", "n": 2}}


@app.route("/browser-events")
async def browser_route(req, resp):
    return sse(browser_events(), retry=60000, req=req)


def broken_events():
    yield "one"
    raise ValueError("the source broke")


@app.route("/broken")
async def broken(req, resp):
    return sse(broken_events())


@app.route("/state")
async def state_route(req, resp):
    return state


app.run(host="127.0.0.1", port=port, debug=0)
