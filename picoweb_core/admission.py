"""Admitting connections at the concurrency cap: reclaim an idle slot, let a
few newcomers wait for one, refuse the rest. Loaded the first time the
server is full (or closing), never on the hot path."""
from .compat import asyncio, ticks_diff, ticks_ms
from .connection_end import try_error


async def admit(server, writer):
    """Whether a new connection may be served; if not, it got a 503 (or,
    while the server shuts down, nothing)."""
    if server.closing:
        return False
    if await wait_slot(server):
        return True
    await try_error(writer, 503)
    return False


def reclaim_idle(server):
    # A keep-alive connection waiting for its next request gives up its slot
    # to a newcomer (a browser just reconnects), and so does a new one that
    # has sent nothing for a second (a browser's speculative preconnect); one
    # that has just connected keeps it: its request is on the way.
    silent = ticks_ms() + server.app.keepalive_timeout * 1000 - 1000
    for r in server.conns:
        if r.deadline is not None and not r.expired and not r.buffered() and (
                r.busy is False or (r.busy is None and ticks_diff(silent, r.deadline) >= 0)):
            r.expired = True
            r.task.cancel()
            return True
    return False


async def wait_slot(server):
    """True when a new connection may be served. Past the cap it waits for
    a slot, but only `max_waiting` wait (each holds a socket and tasks): the
    rest are refused, so memory stays bounded."""
    app = server.app
    if reclaim_idle(server):
        return True
    if server.waiting >= app.max_waiting:
        return False
    if server.freed is None:
        server.freed = asyncio.Event()
    server.waiting += 1
    try:
        while len(server.conns) >= app.max_connections and not server.closing:
            server.freed.clear()
            await asyncio.wait_for(server.freed.wait(), app.request_timeout)
    except asyncio.TimeoutError:
        return False
    finally:
        server.waiting -= 1
    return not server.closing
