# One connection: admit it, read a request head, serve that request, again
# while the client keeps the connection, then end it. Methods of Server
# (`self`), in their own module so each stays small for a board's compiler.
# What goes wrong is answered in one place: the `except` of serve().
from .compat import asyncio, close_stream
from .request import Request
from .response import Response
from .reader import Reader


async def serve(self, sreader, swriter):
    """Serve one connection over a stream pair (a socket, or the in-memory
    streams of testing.py and asgi.py) until it ends."""
    app = self.app
    if self.closing or len(self.conns) >= app.max_connections:
        # Rare paths (the cap, errors, lingering) live in their own modules.
        from .admission import admit
        if not await admit(self, swriter):
            return await close_stream(swriter)
    reader = Reader(sreader, app.read_chunk, app.request_timeout * 1000,
                    asyncio.current_task())
    self.conns.append(reader)
    state = [False, False, None, None]  # detached, linger, req, resp: read by the end
    try:
        while not self.closing:
            # Nothing of the last request stays alive while the next is awaited.
            state[2] = state[3] = None
            head = await reader.read_head(app)
            if head is None:
                return  # closed, or went idle, between requests
            if not await serve_one(self, app, reader, swriter, head, state):
                break
    except MemoryError:
        raise  # fatal: passes through (and the error path would need heap)
    except BaseException as e:
        # Malformed heads and bodies, timeouts, lost clients, bugs.
        from .connection_end import failed
        state[1] = await failed(self, e, reader, state[2], state[3], swriter)
    finally:
        await end(self, reader, swriter, state)


async def serve_one(self, app, reader, swriter, head, state):
    """Serve the request of `head`; True when the connection may carry the next."""
    h = head[3]
    req = state[2] = Request(app, reader, head[0], head[1], head[2], h)
    resp = state[3] = Response(swriter, req)
    reader.busy = True
    if "content-length" in h or "transfer-encoding" in h:
        # A bad or oversized body is answered before any handler runs, and
        # a client that waits for 100 Continue gets it on the first read.
        from .request_body import start_body
        start_body(req, swriter)
    else:
        req._left = 0
    await app.handle(req, resp)
    if resp.detached:
        state[0] = True  # picoweb's push: the handler keeps the socket
        return False
    end_body = None if resp.raw else resp._finish()  # sends the last chunk, if any
    if end_body:
        await end_body
    if app.teardown_hooks:
        from .hooks import teardown
        await teardown(app, req, resp)
    if app.debug >= 1 and app.log:
        self._log(swriter, req, resp)
    reader.busy = False
    keep = resp.keep
    if keep and req._left and not reader.used:
        # Skip what the handler left of the body, to reach the next request.
        from .request_body import drain
        resp.keep = keep = await drain(req)
    if not keep or reader.used:
        state[1] = bool(req._left)  # the client may still be sending: linger
        return False
    return True


async def end(self, reader, swriter, state):
    """Let go of the connection: linger if the client may still be sending,
    free its slot, close the socket (unless a handler kept it)."""
    if state[1] and not self.closing:
        try:
            from .connection_end import linger
            await linger(reader, swriter)
        except Exception:
            pass  # no heap left for the rare path: close at once
    self.conns.remove(reader)
    if self.waiting:
        self.freed.set()
    if not state[0]:
        # Out of heap, closing needs a little: let go of the buffered input first.
        reader.buf = state[2] = state[3] = None
        await close_stream(swriter)
