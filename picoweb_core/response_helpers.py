"""The Response helpers fewer apps use, installed on Response on first use
(all at once on CPython): a board serving plain return values never compiles
them. METHODS names them, once; each takes the Response as `self`, and each
coroutine is bridged so that picoweb 1.x generator handlers can also use it
with `yield from` on CPython."""
import json

from .peer import peer_address
from .compat import bridge, close_stream
from .http_status import format_head, reason

# The content types the helpers send (response.py has HTML too: neither
# module imports the other, so each says it).
HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
JSON = "application/json"


def _header_pairs(headers):
    if headers is None:
        return ()
    if isinstance(headers, dict):
        return headers.items()
    return headers


def head(self, status, content_type, headers):
    """Build and frame the head; returns its bytes."""
    pairs = []
    has_ct = False
    length = None
    raw_block = None
    if isinstance(headers, (str, bytes)):
        raw_block = headers.decode() if isinstance(headers, bytes) else headers
        low = raw_block.lower()
        i = low.find("content-length:")
        if i >= 0:
            length = int(raw_block[i + 15:].split("\r\n", 1)[0].strip())
        has_ct = "content-type:" in low
        headers = None
    for name, value in _header_pairs(self.headers):
        pairs.append((name, value))
    for name, value in _header_pairs(headers):
        value = str(value)
        if "\n" in value or "\r" in value:
            # A value from user input (a redirect target) must not start a new header.
            raise ValueError("newline in header %r" % name)
        low = name.lower()
        if low == "content-length":
            length = int(value)
        elif low == "content-type":
            has_ct = True
        pairs.append((name, value))
    if content_type and not has_ct:
        pairs.insert(0, ("Content-Type", content_type))
    self.status = status
    self.started = True
    req = self.req
    if req.reader.used:
        self.keep = False  # the app read the body itself: framing unknown
    bodyless = self.head_only or status < 200 or status in (204, 304)
    if length is not None:
        self.length = length
    elif not bodyless:
        if req.version >= 11 and self.keep:
            self.chunked = True
            pairs.append(("Transfer-Encoding", "chunked"))
        else:
            self.keep = False
    if not self.keep:
        pairs.append(("Connection", "close"))
    elif req.version < 11:
        pairs.append(("Connection", "keep-alive"))
    head = format_head(status, pairs, req.version)
    if raw_block:
        block = raw_block.encode()
        if not block.endswith(b"\r\n"):
            block += b"\r\n"
        head = head[:-2] + block + b"\r\n"
    return head


async def start_response(self, content_type=HTML, status=200, headers=None):
    """Send the status line and headers; `status` may be an int or picoweb's
    str, `headers` a dict, a list of pairs or a raw "Name: value\\r\\n" block."""
    if self.started:
        raise RuntimeError("the response head was already sent")
    await self._send(head(self, int(status), content_type, headers))


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


def set_cookie(self, name, value="", max_age=None, expires=None, path="/",
               domain=None, secure=False, httponly=False, samesite=None):
    """Add a Set-Cookie header; call it before the head is sent.

    >>> resp.set_cookie("sid", token, max_age=3600, httponly=True, samesite="Lax")
    """
    if self.started:
        raise ValueError("set_cookie after the response head was sent")
    if "\n" in value or "\r" in value or ";" in value:
        raise ValueError("cookie value must not contain newlines or ';'")
    parts = ["%s=%s" % (name, value)]
    if max_age is not None:
        parts.append("Max-Age=%d" % max_age)
    if expires:
        parts.append("Expires=" + expires)
    if path:
        parts.append("Path=" + path)
    if domain:
        parts.append("Domain=" + domain)
    if secure:
        parts.append("Secure")
    if httponly:
        parts.append("HttpOnly")
    if samesite:
        parts.append("SameSite=" + samesite)
    self.headers.append(("Set-Cookie", "; ".join(parts)))


def delete_cookie(self, name, path="/", domain=None):
    """Tell the client to drop cookie `name`."""
    set_cookie(self, name, "", 0, "Thu, 01 Jan 1970 00:00:00 GMT", path, domain)


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
    "get_extra_info": get_extra_info,
}


def method(name):
    """The function to install as Response.<name> (a coroutine bridged)."""
    func = METHODS[name]
    if func in (set_cookie, delete_cookie, get_extra_info):
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
