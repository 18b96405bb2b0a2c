# One connection, in named steps: admit it, read a request head, serve that
# request, again while the client keeps the connection, then end it.
# Functions of Server (`self`), in their own module so each stays small for
# a board's compiler. What goes wrong is answered in one place: the `except`
# of serve() (connection_end.failed).
from .compat import asyncio, close_stream
from .request import Request
from .response import Response
from .reader import Reader


async def serve(self, sreader, swriter):
    """Serve one connection over a stream pair (a socket, or the in-memory
    streams of testing.py) until it ends."""
    app = self.app
    if self.closing or len(self.conns) >= app.max_connections:
        # Rare paths (the cap, errors, lingering) live in their own modules.
        from .admission import admit
        if not await admit(self, swriter):
            return await close_stream(swriter)
    reader = Reader(sreader, app.read_chunk, app.request_timeout * 1000,
                    asyncio.current_task())
    self.conns.append(reader)
    how = 1  # how it ends: 1 close, 2 linger then close, 3 a handler kept the socket
    try:
        while not self.closing:
            # Nothing of the last request stays alive while the next is awaited.
            reader.req = reader.resp = None
            head = await reader.read_head(app)
            if head is None:
                return  # closed, or went idle, between requests
            how = await serve_one(self, reader, swriter, head)
            if how:
                break
    except MemoryError:
        raise  # fatal: passes through (and the error path would need heap)
    except BaseException as e:
        # Malformed heads and bodies, timeouts, lost clients, bugs.
        from .connection_end import failed
        how = 2 if await failed(self, e, reader, reader.req, reader.resp, swriter) else 1
    finally:
        await end(self, reader, swriter, how)


async def serve_one(self, reader, swriter, head):
    """Serve the request of `head`; 0 when the connection may carry the
    next one, else how it ends (see serve)."""
    app = self.app
    h = head[3]
    req = reader.req = Request(app, reader, head[0], head[1], head[2], h)
    resp = reader.resp = Response(swriter, req)
    reader.busy = True
    if "content-length" in h or "transfer-encoding" in h:
        # A bad or oversized body is answered before any handler runs, and
        # a client that waits for 100 Continue gets it on the first read.
        from .request_body import start_body
        start_body(req, swriter)
    await app.handle(req, resp)
    if resp.detached:
        return 3  # picoweb's push: the handler keeps the socket
    h = resp._finish()  # sends the last chunk, if any
    if h:
        await h
    reader.busy = False
    if req.framing is not None:
        # What the handler left of the body is skipped to reach the next
        # request, or lingered over before closing.
        from .request_body import left_over
        return await left_over(req, resp)
    return 0 if resp.keep and not reader.used else 1


async def end(self, reader, swriter, how):
    """Let go of the connection: linger if the client may still be sending,
    free its slot, close the socket (unless a handler kept it)."""
    if how == 2 and not self.closing:
        try:
            from .connection_end import linger
            await linger(reader, swriter)
        except MemoryError:
            pass  # no heap left for the rare path: close at once
    self.conns.remove(reader)
    if self.waiting:
        self.freed.set()
    if how != 3:
        # Out of heap, closing needs a little: let go of the buffered input first.
        reader.buf = reader.req = reader.resp = None
        await close_stream(swriter)
