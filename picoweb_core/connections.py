"""Admitting and ending connections: the concurrency cap, a lingering close
after errors, and shutdown. Functions of the Server (passed as `server`), kept apart from the connection loop so each module stays small:
on MicroPython a module's compile-time peak grows faster than its size.
"""
from .compat import CancelledError, asyncio, half_close, ticks_diff, ticks_ms
from .http import HTTPError
from .status import format_head, reason


async def write_error(writer, status):
    """A minimal error response for when no Request could be built."""
    body = ("%d %s\n" % (status, reason(status))).encode()
    writer.write(format_head(status, [("Content-Type", "text/plain; charset=utf-8"),
                                      ("Content-Length", str(len(body))),
                                      ("Connection", "close")]) + body)
    await writer.drain()


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


async def linger(reader, writer):
    """Read and drop what the client is still sending (at most 64 KiB, for
    at most half a second per read) before closing after an error: closing
    with unread input makes the kernel reset the connection, and the client
    would lose the error response it has not read yet."""
    half_close(writer)  # where the runtime can, the client sees EOF now
    reader.timeout_ms = 500
    reader.expired = False
    dropped = 0
    try:
        while dropped < 65536:
            dropped += reader.buffered()
            reader.pos = len(reader.buf)
            if not await reader.fill():
                break
    except (CancelledError, OSError):
        pass


async def admit(server, writer):
    """Whether a new connection may be served; if not, it got a 503 (or,
    while the server shuts down, nothing)."""
    if server.closing:
        return False
    if await wait_slot(server):
        return True
    await try_error(writer, 503)
    return False


async def failed(server, e, reader, req, resp, writer):
    """Answer what ended a connection's loop, if anything can still be said;
    returns whether to linger before closing. Re-raises what isn't ours."""
    app = server.app
    if isinstance(e, HTTPError):
        # A malformed or oversized head or body: answer and close, since we
        # can't tell where the next request would start.
        if resp is None or not resp.started:
            await try_error(writer, e.status)
        return True
    if isinstance(e, CancelledError):
        if not reader.expired:
            raise e
        # The watchdog fired: 408 if a request was under way, else quiet.
        if (reader.buffered() or req is not None) and (resp is None or not resp.started):
            await try_error(writer, 408)
    elif isinstance(e, OSError):
        if app.log and app.debug >= 2:
            app.log.debug("connection error: %r", e)
    elif isinstance(e, Exception):
        if app.log is not None:
            from .log import log_exc
            log_exc(app.log, e, "connection failed: %r", e)
    else:
        raise e  # KeyboardInterrupt, SystemExit
    return False


async def try_error(writer, status):
    try:
        await write_error(writer, status)
    except OSError:
        pass


async def shutdown(server, timeout=10):
    """Stop accepting; let requests in flight finish; close idle connections."""
    server.closing = True
    if server.listener is not None:
        server.listener.close()
    start = ticks_ms()
    while server.conns and ticks_diff(ticks_ms(), start) < timeout * 1000:
        for r in server.conns:
            if not r.busy and not r.expired:
                r.expired = True  # close quietly, like an idle timeout
                r.task.cancel()
        await asyncio.sleep(0.01)
    if server.watchdog is not None:
        server.watchdog.cancel()
        server.watchdog = None


def peer_address(writer):
    """("ip", port) of the client; MicroPython's unix port gives a raw sockaddr."""
    addr = writer.get_extra_info("peername")
    if isinstance(addr, (bytes, bytearray)):
        import socket
        _, ip, port = socket.sockaddr(addr)
        if isinstance(ip, (bytes, bytearray)):
            ip = ".".join(str(b) for b in ip) if len(ip) == 4 else socket.inet_ntop(10, ip)
        addr = (ip, port)
    return addr


# Server methods most apps never call, installed on first use (see lazy.py).


def port(server):
    """The port actually bound (useful after binding port 0)."""
    socks = getattr(server.listener, "sockets", None)
    return socks[0].getsockname()[1] if socks else None


async def wait_closed(server):
    """Wait until the server has shut down."""
    while not server.closing or server.conns:
        await asyncio.sleep(0.05)


def _log(server, writer, req, resp):
    """The access log line (debug >= 1)."""
    try:
        peer = peer_address(writer)[0]
    except (TypeError, IndexError, KeyError, OSError):
        peer = "-"
    server.app.log.info('%s "%s %s" %d', peer, req.method, req.path, resp.status)


METHODS = ("port", "shutdown", "wait_closed", "_log")


def load(server, name):
    from .lazy import install_method
    from .server import Server
    return install_method(Server, server, name, globals(), METHODS)
