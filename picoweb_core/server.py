"""The asyncio connection loop: keep-alive, timeouts, concurrency cap, shutdown.

Strategy: one task per connection reads heads with the sans-IO parser and
hands each request to the app. Timeouts cost nothing per read: reads record a
deadline, and one watchdog task cancels connections whose deadline passed
(a slow head gets 408, an idle keep-alive connection is closed quietly).
"""
from .compat import (CancelledError, asyncio, close_stream, half_close, peer_address, ticks_diff,
                     ticks_ms)
from .http import HTTPError, format_head, parse_head, reason
from .request import Request
from .response import Response
from .stream import Reader


class _Conn:
    __slots__ = ("reader", "task", "busy")

    def __init__(self, reader, task):
        self.reader = reader
        self.task = task
        self.busy = False


async def _write_error(writer, status):
    """A minimal error response for when no Request could be built."""
    body = ("%d %s\n" % (status, reason(status))).encode()
    writer.write(format_head(status, [("Content-Type", "text/plain; charset=utf-8"),
                                      ("Content-Length", str(len(body))),
                                      ("Connection", "close")]) + body)
    await writer.drain()


class Server:
    """Serves one WebApp; made by `app.start_server()`."""

    def __init__(self, app):
        self.app = app
        self.conns = []
        self.closing = False
        self.waiting = 0
        self.freed = asyncio.Event()  # set when a connection ends
        self.listener = None
        self.watchdog = None
        self.requests = 0

    async def start(self, host, port):
        self.listener = await asyncio.start_server(self._serve, host, port,
                                                   backlog=self.app.backlog)
        self.watchdog = asyncio.create_task(self._watch())

    def port(self):
        """The port actually bound (useful after binding port 0)."""
        socks = getattr(self.listener, "sockets", None)
        return socks[0].getsockname()[1] if socks else None

    async def _watch(self):
        while True:
            await asyncio.sleep(0.25)
            now = ticks_ms()
            for conn in self.conns:
                r = conn.reader
                if r.deadline is not None and ticks_diff(now, r.deadline) > 0 and not r.expired:
                    r.expired = True
                    conn.task.cancel()

    def _reclaim_idle(self):
        # A keep-alive connection waiting for its next request gives up its
        # slot to a newcomer (a browser just reconnects).
        for conn in self.conns:
            r = conn.reader
            if not conn.busy and r.deadline is not None and not r.buffered() and not r.expired:
                r.expired = True
                conn.task.cancel()
                return True
        return False

    async def _wait_slot(self):
        """True when a new connection may be served. Past the cap it waits for
        a slot, but only as many wait as there are slots (each waiter holds a
        socket and a task): the rest are refused, so memory stays bounded."""
        app = self.app
        if self._reclaim_idle():
            return True
        if self.waiting >= app.max_connections:
            return False
        self.waiting += 1
        try:
            while len(self.conns) >= app.max_connections and not self.closing:
                self.freed.clear()
                await asyncio.wait_for(self.freed.wait(), app.request_timeout)
        except asyncio.TimeoutError:
            return False
        finally:
            self.waiting -= 1
        return not self.closing

    async def _serve(self, sreader, swriter):
        if self.closing:
            return await close_stream(swriter)
        if len(self.conns) >= self.app.max_connections and not await self._wait_slot():
            await self._try_error(swriter, 503)
            return await close_stream(swriter)
        app = self.app
        reader = Reader(sreader, app.read_chunk, app.request_timeout * 1000)
        conn = _Conn(reader, asyncio.current_task())
        self.conns.append(conn)
        detached = False
        linger = False
        req = resp = None
        try:
            while not self.closing:
                req = resp = None
                head = await self._read_head(reader)
                if head is None:
                    break
                req = Request(app, reader, head[0], head[1], head[2], head[3], swriter)
                req.head_lines = head[5]
                resp = Response(swriter, req)
                reader.timeout_ms = app.request_timeout * 1000
                conn.busy = True
                self.requests += 1
                try:
                    req._start_body()
                except HTTPError as e:
                    resp.keep = False
                    linger = True
                    await resp._http_error(e.status)
                    break
                await app.handle(req, resp)
                if resp.detached:
                    detached = True
                    return
                if not resp.raw:
                    await resp._finish()
                if app.debug >= 1 and app.log:
                    app.log.info('%s "%s %s" %d', self._peer(swriter), req.method, req.path,
                                 resp.status)
                conn.busy = False
                if not resp.keep or reader.used or not await req._drain():
                    linger = bool(req._left)  # the client may still be sending
                    break
        except HTTPError as e:
            # The head was malformed or too large: answer and close, since we
            # can't tell where the next request would start.
            linger = True
            if resp is None or not resp.started:
                await self._try_error(swriter, e.status)
        except CancelledError:
            if not reader.expired:
                raise
            # The watchdog fired: 408 if a request was under way, else quiet.
            if (reader.buffered() or req is not None) and (resp is None or not resp.started):
                await self._try_error(swriter, 408)
        except OSError as e:
            if app.log and app.debug >= 2:
                app.log.debug("connection error: %r", e)
        except Exception as e:
            if app.log is not None:
                from .log import log_exc
                log_exc(app.log, e, "connection failed: %r", e)
        finally:
            if linger and not self.closing:
                await self._linger(reader, swriter)
            self.conns.remove(conn)
            if self.waiting:
                self.freed.set()
            if not detached:
                await close_stream(swriter)

    async def _linger(self, reader, writer):
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

    async def _try_error(self, writer, status):
        try:
            await _write_error(writer, status)
        except OSError:
            pass

    async def _read_head(self, reader):
        """`(method, target, version, headers, end, header_start)` of the next
        request, or None when the client closed (or went idle) between requests."""
        app = self.app
        reader.timeout_ms = app.keepalive_timeout * 1000
        while True:
            # Nothing buffered (the usual keep-alive case): no head to parse yet.
            if reader.buffered():
                head = parse_head(reader.buf, reader.pos, app.limits)
                if head is not None:
                    break
                reader.timeout_ms = app.request_timeout * 1000
            if not await reader.fill():
                if reader.buffered():
                    raise HTTPError(400)  # the client stopped mid-head
                return None
        start = reader.pos
        reader.pos = head[4]
        # Where the header lines start, for picoweb's "leave" headers mode.
        while reader.buf[start] in (10, 13):
            start += 1
        lines = reader.buf.find(b"\n", start)
        return head + (lines + 1,)

    def _peer(self, writer):
        try:
            return peer_address(writer)[0]
        except (TypeError, IndexError, KeyError, OSError):
            return "-"

    async def shutdown(self, timeout=10):
        """Stop accepting; let requests in flight finish; close idle connections."""
        self.closing = True
        if self.listener is not None:
            self.listener.close()
        start = ticks_ms()
        while self.conns and ticks_diff(ticks_ms(), start) < timeout * 1000:
            for conn in self.conns:
                if not conn.busy and not conn.reader.expired:
                    conn.reader.expired = True  # close quietly, like an idle timeout
                    conn.task.cancel()
            await asyncio.sleep(0.01)
        if self.watchdog is not None:
            self.watchdog.cancel()
            self.watchdog = None

    async def wait_closed(self):
        """Wait until the server has shut down."""
        while not self.closing or self.conns:
            await asyncio.sleep(0.05)
