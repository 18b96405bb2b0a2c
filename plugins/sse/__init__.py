"""picoweb_sse: Server-Sent Events for picoweb_core apps.

    from picoweb_sse import sse

    @app.route("/events")
    async def events(req, resp):
        async def ticks():                     # or a plain generator
            n = 0
            while True:
                yield {"event": "tick", "id": n, "data": {"n": n}}
                n += 1
                await asyncio.sleep(1)
        return sse(ticks(), keepalive=15, retry=3000)

Loaded only when an app imports it; `sse()` is a return value the core
streams like any other (chunked, part by part), so nothing is installed.
"""
from .events import encode_item, format_event
from picoweb_core.http_status import header_pairs

from .stream import EventStream

__all__ = ("sse", "format_event", "encode_item", "EventStream")

_HEADERS = [("Content-Type", "text/event-stream"), ("Cache-Control", "no-cache"),
            ("X-Accel-Buffering", "no")]


def sse(source, keepalive=15, retry=None, headers=None, req=None):
    """A handler's return value streaming `source` as text/event-stream.

    source: a generator or async generator (CPython) of events, an async
        iterator, or `async def source(stream)` that calls
        `await stream.send(data, event=..., id=..., retry=...)`. An event is
        str or bytes data, a dict of fields (`data`, `event`, `id`, `retry`,
        `comment`), or other data sent as JSON; multi-line data is split.
    keepalive: seconds without an event before a comment line is sent (None: never).
    retry: the client's reconnection delay in ms, sent first.
    req: the request, so that a HEAD request gets the head only and the
        source is never run (the core iterates a HEAD response's body
        without sending it, which for an endless source never ends).
    The source is closed when it ends or the client leaves.
    """
    h = list(_HEADERS)
    if headers:
        h += list(header_pairs(headers))
    if req is not None and req.method == "HEAD":
        close = getattr(source, "close", None)
        if close is not None and not hasattr(source, "aclose"):
            close()
        return ("", 200, h)
    return (EventStream(source, keepalive, retry), 200, h)
