# One connection: read a request head, hand the request to the app, write
# what it answered, and again while the client keeps the connection. A method
# of Server (`self`); what goes wrong is answered in connections.py.
from .compat import asyncio, close_stream
from .request import Request
from .response import Response
from .stream import Reader


async def serve(self, sreader, swriter):
    app = self.app
    if self.closing or len(self.conns) >= app.max_connections:
        # Rare paths (the cap, errors, lingering) live in connections.py.
        from .connections import admit
        if not await admit(self, swriter):
            return await close_stream(swriter)
    reader = Reader(sreader, app.read_chunk, app.request_timeout * 1000,
                    asyncio.current_task())
    self.conns.append(reader)
    detached = must_linger = False
    req = resp = None
    logging = app.debug >= 1 and app.log  # read once: each lookup costs on a board
    try:
        while not self.closing:
            # Nothing of the last request stays alive while the next is awaited.
            req = resp = head = h = None
            head = await reader.read_head(app)
            if head is None:
                return  # closed, or went idle, between requests
            h = head[3]
            req = Request(app, reader, head[0], head[1], head[2], h)
            resp = Response(swriter, req)
            reader.busy = True
            if "content-length" in h or "transfer-encoding" in h:
                req.start_body(swriter)  # a bad or oversized body is answered before any handler
            else:
                req._left = 0
            await app.handle(req, resp)
            if resp.detached:
                detached = True
                return
            h = None if resp.raw else resp._finish()  # sends the last chunk, if any
            if h:
                await h
            if logging:
                self._log(swriter, req, resp)
            reader.busy = False
            keep = resp.keep
            if keep and req._left and not reader.used:
                # Skip what the handler left of the body, to reach the next request.
                from .body import drain
                resp.keep = keep = await drain(req)
            if not keep or reader.used:
                must_linger = bool(req._left)  # the client may still be sending
                break
    except MemoryError:
        raise  # fatal: passes through (and the error path would need heap)
    except BaseException as e:
        # Malformed heads and bodies, timeouts, lost clients, bugs.
        from .connections import failed
        must_linger = await failed(self, e, reader, req, resp, swriter)
    finally:
        if must_linger and not self.closing:
            try:
                from .connections import linger
                await linger(reader, swriter)
            except Exception:
                pass  # no heap left for the rare path: close at once
        self.conns.remove(reader)
        if self.waiting:
            self.freed.set()
        if not detached:
            # Out of heap, closing needs a little: let go of the buffered input first.
            reader.buf = req = resp = None
            await close_stream(swriter)
