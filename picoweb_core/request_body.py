"""Request's body readers: Content-Length and chunked bodies, forms, JSON.
Installed on Request on the first body read (all at once on CPython), so an
app that serves only GETs never compiles them; METHODS names them, once.
Every reader stops at the app's `limits.max_body`.
"""
from .body import body_length, parse_chunk_size
from .compat import bridge
from .http import HTTPError
from .utils import parse_args


def start_body(req, writer=None):
    # The server calls it (as a Request method) when a head announces a body.
    req._left = body_length(req._h, req.app.limits)
    # The client waits for a 100 Continue before sending a large body: the
    # writer to send it with, until the body is first read.
    if req._left and writer is not None and \
            (req._h.get("expect") or b"").lower() == b"100-continue":
        req._expect = writer


async def read(req, n=512):
    """The next piece of the body, at most `n` bytes; b"" at its end."""
    if req._left is None:
        start_body(req)
    w = req._expect
    if w:
        req._expect = None
        w.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        await w.drain()
    if req._left == -1:
        return await _read_chunk(req, n)
    if req._left <= 0:
        return b""
    r = req.reader
    if not r.buffered() and not await r.fill():
        raise HTTPError(400)  # the client closed before sending the whole body
    data = r.take(min(n, req._left))
    req._left -= len(data)
    return data


async def _line(req):
    # Chunk-size and trailer lines are bounded like header lines, and
    # trailers count toward the body limit: an endless one is a 400 or 413.
    line = await req.reader._readline(req.app.limits.max_line)
    if not line.endswith(b"\n"):
        raise HTTPError(400)
    req._seen += len(line)
    if req._seen > req.app.limits.max_body:
        raise HTTPError(413)
    return line


async def _read_chunk(req, n):
    r = req.reader
    size = req._chunk
    if size == 0:
        size = parse_chunk_size(await _line(req))
        req._seen += size
        if req._seen > req.app.limits.max_body:
            raise HTTPError(413)
        if size == 0:
            # Trailer fields: read and drop them up to the blank line.
            while await _line(req) not in (b"\r\n", b"\n"):
                pass
            req._left = 0
            return b""
    if not r.buffered() and not await r.fill():
        raise HTTPError(400)
    data = r.take(min(n, size))
    size -= len(data)
    if size == 0 and await r._readexactly(2) != b"\r\n":
        raise HTTPError(400)
    req._chunk = size
    return data


async def read_body(req):
    """The whole body as bytes (at most the app's `limits.max_body`)."""
    if req._body is None:
        if req._left is None:
            start_body(req)
        parts = []
        # Until nothing is left (not until a read comes back empty): a body
        # already buffered whole takes one read.
        while req._left:
            part = await read(req, req.app.limits.max_body)
            if not part:
                break
            parts.append(part)
        req._body = parts[0] if len(parts) == 1 else b"".join(parts)
    return req._body


async def read_form(req):
    """The urlencoded body as a MultiDict; also sets `req.form`."""
    if req.form is None:
        data = await read_body(req)
        try:
            req.form = parse_args(data)
        except UnicodeError:
            raise HTTPError(400)
    return req.form


async def read_json(req):
    """The body parsed as JSON; 400 when it is not."""
    import json
    data = await read_body(req)
    try:
        return json.loads(data)
    except (ValueError, UnicodeError):
        raise HTTPError(400, "invalid JSON")


async def drain(req):
    """Skip what the handler left unread; False when the connection can't be reused."""
    try:
        while req._left:
            if not await read(req, 512):
                return False
    except HTTPError:
        return False
    return True


async def read_form_data(req):
    """picoweb 1.x: `req.form` in picoweb's shape (str values, a list for a
    repeated name, True for a bare name)."""
    # picoweb 1.x: req.form in picoweb's shape (str values, a list for a
    # repeated name, True for a bare name), not read_form()'s MultiDict.
    from .utils import parse_qs
    data = await read_body(req)
    try:
        req.form = parse_qs(data.decode())
    except UnicodeError:
        raise HTTPError(400)
    return req.form


def parse_qs(req):
    """picoweb 1.x: parse the query string into `req.form`."""
    from .utils import parse_qs
    req.form = parse_qs(req.qs)
    return req.form


# The public methods, as installed on Request.
METHODS = {"read": read, "read_body": read_body, "read_form": read_form,
           "read_form_data": read_form_data, "read_json": read_json, "parse_qs": parse_qs}


def load(req, name):
    if name not in METHODS:
        raise AttributeError("'Request' object has no attribute %r" % name)
    func = METHODS[name]
    setattr(type(req), name, func if func is parse_qs else bridge(func))
    return getattr(req, name)


def install_all(cls):
    """Install every reader on `cls` (CPython, at import)."""
    for name, func in METHODS.items():
        setattr(cls, name, func if func is parse_qs else bridge(func))
