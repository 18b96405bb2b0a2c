"""Ending a connection that went wrong: the answer for an error that came
before any Request could be built (400, 408, 413, ...), and a lingering close
so that the client reads it. Loaded on the first such error."""
from .compat import CancelledError, half_close
from .http import HTTPError
from .http_status import format_head, reason


async def write_error(writer, status):
    """A minimal error response for when no Request could be built."""
    body = ("%d %s\n" % (status, reason(status))).encode()
    headers = [("Content-Type", "text/plain; charset=utf-8"),
               ("Content-Length", str(len(body))), ("Connection", "close")]
    if status == 503:
        headers.append(("Retry-After", "1"))  # full: a slot is usually free by then
    writer.write(format_head(status, headers) + body)
    await writer.drain()


async def try_error(writer, status):
    try:
        await write_error(writer, status)
    except OSError:
        pass


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
        # The watchdog fired (or a newcomer took the slot back): 408 if a
        # request was under way (admission.py marks a silent newcomer so),
        # then linger (the client may be sending still), else quiet.
        if (reader.buffered() or reader.since is not None or req is not None) and (
                resp is None or not resp.started):
            await try_error(writer, 408)
            return True
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


async def linger(reader, writer):
    """Read and drop what the client is still sending (at most 64 KiB, for
    at most half a second per read) before closing after an error: closing
    with unread input makes the kernel reset the connection, and the client
    would lose the error response it has not read yet."""
    half_close(writer)  # where the runtime can, the client sees EOF now
    reader.busy = 2  # on its way out: not a slot to take back (admission.py)
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
