"""The Response helpers fewer apps use, installed on Response on first use
(all at once on CPython): a board serving plain return values never compiles
them. METHODS names them, once; each takes the Response as `self`, and each
coroutine is bridged so that picoweb 1.x generator handlers can also use it
with `yield from` on CPython."""
import json

from .compat import bridge, close_stream
from .http_status import reason
from .peer import peer_address
from .response_head import HTML, JSON, TEXT, delete_cookie, set_cookie, start_response



async def awrite(self, buf, off=0, sz=-1):
    """Write str or bytes `buf` (from `off`, `sz` bytes); chunked when the head
    said so. Bytes before any head are the handler's own status line."""
    if isinstance(buf, str):
        buf = buf.encode()
    if off or sz >= 0:
        buf = memoryview(buf)[off:off + sz if sz >= 0 else len(buf)]
    if not self.started:
        self.started = True
        self.raw = True
        self.keep = False
    elif self.head_only and not self.raw:
        return
    n = len(buf)
    if self.chunked:
        if not n:
            return  # an empty chunk would end the body
        if n <= 512 and isinstance(buf, bytes):
            await self._send(b"%x\r\n%s\r\n" % (n, buf))  # a small chunk: one write
        else:
            self.w.write(b"%x\r\n" % n)
            self.w.write(buf)
            await self._send(b"\r\n")
    else:
        await self._send(buf)
    self.sent += n


async def http_error(self, status, message=None, headers=None):
    """A small plain-text error page: `await resp.http_error(404)`."""
    status = int(status)
    if message is None:
        message = "%d %s" % (status, reason(status))
    await self._send_body(status, (message + "\n").encode(), TEXT, headers)


def get_extra_info(self, name, default=None):
    """picoweb 1.x: `resp.get_extra_info("peername")` -> ("ip", port)."""
    if name == "peername":
        return peer_address(self.w)
    try:
        return self.w.get_extra_info(name)
    except (KeyError, AttributeError):
        return default


async def send_iter(self, iterable, status, headers):
    # A handler returned an iterable: a head without a length, then its parts.
    await start_response(self, HTML, status, headers)
    if self.head_only:
        # HEAD: nothing of the body goes out, so the source is not run at
        # all (an endless event stream would otherwise run forever).
        await close_iter(iterable)
        return
    await write_iter(self, iterable)


async def close_iter(iterable):
    """Close a generator or async generator that will not be run to its end."""
    close = getattr(iterable, "aclose", None)
    if close is not None:
        await close()
        return
    close = getattr(iterable, "close", None)
    if close is not None:
        close()


async def write_iter(self, iterable):
    """Write every part of a (sync or async) iterable of str/bytes; the
    iterable is closed if a write fails (the client went away)."""
    try:
        await _write_parts(self, iterable)
    except BaseException:
        try:
            await close_iter(iterable)
        except Exception:
            pass  # the first error is the one to report
        raise


async def _write_parts(self, iterable):
    if hasattr(iterable, "__aiter__"):
        # Each part as it comes: an async source may wait between parts (events).
        async for part in iterable:
            await awrite(self, part)
        return
    # A plain iterable yields without waiting, so its small parts (a template's
    # rows) are gathered into chunks of up to 512 bytes: each chunk costs a
    # frame and a send. A large part (or a buffer) goes out as it is.
    parts = []
    size = 0
    for part in iterable:
        if isinstance(part, str):
            part = part.encode()
        big = len(part) > 512 or not isinstance(part, bytes)
        if parts and (big or size + len(part) > 512):
            await awrite(self, b"".join(parts))
            parts = []
            size = 0
        if big:
            await awrite(self, part)
            continue
        parts.append(part)
        size += len(part)
    if parts:
        await awrite(self, b"".join(parts))


async def aclose(self):
    """End the response and close the connection (as picoweb does)."""
    end = self._finish() if self.started and not self.raw else None
    if end:
        await end
    self.keep = False
    await close_stream(self.w)


async def jsonify(self, obj, status=200, headers=None):
    """Send `obj` as a JSON response."""
    await self._send_body(status, json.dumps(obj).encode(), JSON, headers)


async def redirect(self, location, status=302):
    """Answer with a redirect to `location`."""
    await self._send_body(status, b"", None, [("Location", location)])


def fail(self):
    """Give up on a response already under way: the connection is closed
    without ending the body, so the client sees it was cut short."""
    self.keep = False
    self.chunked = False
    self.length = None


async def _awritestr(self, s):
    """picoweb 1.x: write a str."""
    await awrite(self, s.encode())


async def _sendstream(self, f, bufsize=512):
    """Copy file-like `f` to the client in fixed-size pieces."""
    from .files import sendstream
    await sendstream(self, f, bufsize)


# The public methods, as installed on Response.
METHODS = {
    "start_response": start_response, "awrite": awrite, "awritestr": _awritestr,
    "awriteiter": write_iter, "write_iter": write_iter, "aclose": aclose,
    "http_error": http_error, "jsonify": jsonify, "redirect": redirect,
    "sendstream": _sendstream, "set_cookie": set_cookie, "delete_cookie": delete_cookie,
    "get_extra_info": get_extra_info, "fail": fail,
}


def method(name):
    """The function to install as Response.<name> (a coroutine bridged)."""
    func = METHODS[name]
    if func in (set_cookie, delete_cookie, get_extra_info, fail):
        return func
    return bridge(func)


def load(resp, name):
    if name not in METHODS:
        raise AttributeError("'Response' object has no attribute %r" % name)
    setattr(type(resp), name, method(name))
    return getattr(resp, name)


def install_all(cls):
    """Install every helper on `cls` (CPython, at import)."""
    for name in METHODS:
        setattr(cls, name, method(name))
