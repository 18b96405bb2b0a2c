"""The asyncio connection loop: keep-alive, timeouts, dispatch.

Strategy: one task per connection reads heads with the sans-IO parser and
hands each request to the app. Timeouts cost nothing per read: reads record a
deadline, and one watchdog task cancels connections whose deadline passed
(a slow head gets 408, an idle keep-alive connection is closed quietly).
"""
from .compat import CancelledError, asyncio, close_stream, peer_address, ticks_diff, ticks_ms
from .http import HTTPError, parse_head
from .request import Request
from .response import Response
from .stream import Reader


class _Conn:
    __slots__ = ("reader", "task", "busy")

    def __init__(self, reader, task):
        self.reader = reader
        self.task = task
        self.busy = False


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

    async def _serve(self, sreader, swriter):
        if self.closing:
            return await close_stream(swriter)
        if len(self.conns) >= self.app.max_connections:
            # Rare paths (the cap, errors, lingering) live in connections.py.
            from .connections import try_error, wait_slot
            if not await wait_slot(self):
                await try_error(swriter, 503)
                return await close_stream(swriter)
        app = self.app
        reader = Reader(sreader, app.read_chunk, app.request_timeout * 1000)
        conn = _Conn(reader, asyncio.current_task())
        self.conns.append(conn)
        detached = False
        must_linger = False
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
                try:
                    req._start_body()
                except HTTPError as e:
                    resp.keep = False
                    must_linger = True
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
                    must_linger = bool(req._left)  # the client may still be sending
                    break
        except HTTPError as e:
            # The head was malformed or too large: answer and close, since we
            # can't tell where the next request would start.
            must_linger = True
            if resp is None or not resp.started:
                from .connections import try_error
                await try_error(swriter, e.status)
        except CancelledError:
            if not reader.expired:
                raise
            # The watchdog fired: 408 if a request was under way, else quiet.
            if (reader.buffered() or req is not None) and (resp is None or not resp.started):
                from .connections import try_error
                await try_error(swriter, 408)
        except OSError as e:
            if app.log and app.debug >= 2:
                app.log.debug("connection error: %r", e)
        except Exception as e:
            if app.log is not None:
                from .log import log_exc
                log_exc(app.log, e, "connection failed: %r", e)
        finally:
            if must_linger and not self.closing:
                from .connections import linger
                await linger(reader, swriter)
            self.conns.remove(conn)
            if self.waiting:
                self.freed.set()
            if not detached:
                await close_stream(swriter)

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
        from .connections import shutdown
        await shutdown(self, timeout)

    async def wait_closed(self):
        """Wait until the server has shut down."""
        while not self.closing or self.conns:
            await asyncio.sleep(0.05)
