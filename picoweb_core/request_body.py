"""Request's body readers: Content-Length and chunked bodies, forms, JSON.
Installed on Request on the first body read (all at once on CPython), so an
app that serves only GETs never compiles them; METHODS names them, once.
Every reader stops at the app's `limits.max_body`.
"""
from .body import body_for
from .compat import bridge
from .http import HTTPError
from .utils import parse_args


def start_body(req, writer=None):
    # The connection calls it when a head announces a body: a bad or
    # oversized one is refused before any handler runs.
    f = req.framing = body_for(req._h, req.app.limits)
    # A client that waits for 100 Continue before sending the body gets it
    # from the connection's reader when the body is first read (not before:
    # a handler may refuse without reading, and the client then sends nothing).
    if f is not None and writer is not None and \
            (req._h.get("expect") or b"").lower() == b"100-continue":
        req.reader.owed = writer


async def read(req, n=512):
    """The next piece of the body, at most `n` bytes; b"" at its end."""
    f = req.framing
    if f is None:
        return b""
    r = req.reader
    while True:
        data, r.pos = f.next(r.buf, r.pos, n)
        if data or f.done:
            return data
        if not await r.fill_body():
            raise HTTPError(400)  # the client closed before sending the whole body


async def read_body(req):
    """The whole body as bytes (at most the app's `limits.max_body`)."""
    if req._body is None:
        parts = []
        f = req.framing
        # Until the framing is done (not until a read comes back empty): a
        # body already buffered whole takes one read.
        while f is not None and not f.done:
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


async def left_over(req, resp):
    # How the connection goes on after a request with a body (connection.py):
    # 0 on to the next request, 1 close, 2 linger then close (the client may
    # still be sending the part nobody read).
    keep = resp.keep and not req.reader.used
    if req.framing.done:
        return 0 if keep else 1
    if keep:
        resp.keep = await drain(req)
        if resp.keep:
            return 0
    return 2


async def drain(req):
    """Skip what the handler left unread; False when the connection can't be reused."""
    f = req.framing
    try:
        while f is not None and not f.done:
            await read(req, 512)
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
