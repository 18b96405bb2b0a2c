"""The asyncio connection loop: keep-alive, timeouts, dispatch.

Strategy: one task per connection reads heads with the sans-IO parser and
hands each request to the app. Timeouts cost nothing per read: reads record a
deadline, and one watchdog task cancels connections whose deadline passed
(a slow head gets 408, an idle keep-alive connection is closed quietly).
"""
from .compat import CancelledError, asyncio, close_stream, ticks_diff, ticks_ms
from .http import HTTPError, parse_head
from .request import Request
from .response import Response
from .stream import Reader


class Server:
    """Serves one WebApp; made by `app.start_server()`."""

    def __init__(self, app):
        self.app = app
        self.conns = []
        self.closing = False
        self.waiting = 0
        self.freed = None  # an Event, set when a connection ends, once some wait
        self.listener = None
        self.watchdog = None

    async def start(self, host, port):
        self.listener = await asyncio.start_server(self._serve, host, port,
                                                   backlog=self.app.backlog)
        self.watchdog = asyncio.create_task(self._watch())

    async def _watch(self):
        while True:
            await asyncio.sleep(0.25)
            now = ticks_ms()
            for r in self.conns:
                if r.deadline is not None and ticks_diff(now, r.deadline) > 0 and not r.expired:
                    r.expired = True
                    r.task.cancel()

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
        reader = Reader(sreader, app.read_chunk, app.request_timeout * 1000,
                        asyncio.current_task())
        self.conns.append(reader)
        detached = False
        must_linger = False
        req = resp = None
        try:
            while not self.closing:
                req = resp = None
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
                        return  # closed, or went idle, between requests
                reader.head = reader.pos  # for picoweb's "leave" headers mode
                reader.pos = head[4]
                req = Request(app, reader, head[0], head[1], head[2], head[3], swriter)
                resp = Response(swriter, req)
                reader.timeout_ms = app.request_timeout * 1000
                reader.busy = True
                try:
                    h = req._h
                    if "content-length" in h or "transfer-encoding" in h:
                        from .body import start
                        start(req)  # a bad or oversized body is answered before any handler
                    else:
                        req._left = 0
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
                reader.busy = False
                if resp.keep and req._left and not reader.used:
                    # Skip what the handler left of the body, to reach the next request.
                    from .body import drain
                    resp.keep = await drain(req)
                if not resp.keep or reader.used:
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
            self.conns.remove(reader)
            if self.waiting:
                self.freed.set()
            if not detached:
                await close_stream(swriter)

    def __getattr__(self, name):
        # port(), shutdown(), wait_closed() and the access log's peer lookup
        # live in connections.py.
        from .connections import load
        return load(self, name)
