"""Request body readers: Content-Length and chunked framing, form, JSON.

Imported on the first body read, so an app that serves only GETs never pays
for it. Every reader stops at the app's `limits.max_body`.
"""
from .compat import bridge
from .lazy import install_method
from .http import DEFAULT_LIMITS, HTTPError
from .utils import parse_args


def body_length(headers, limits=DEFAULT_LIMITS):
    """How the request body is framed: its length, 0 for none, -1 for chunked.

    `headers` as parse_head returns them (bytes values). Raises 400 for a
    bad or ambiguous length (request smuggling), 413 over the limit, 501 for
    a transfer coding other than chunked.
    """
    te = headers.get("transfer-encoding")
    cl = headers.get("content-length")
    if te is not None:
        if cl is not None:
            raise HTTPError(400)
        if te.lower() != b"chunked":
            raise HTTPError(501)
        return -1
    if cl is None:
        return 0
    if not cl.isdigit():
        raise HTTPError(400)
    n = int(cl)
    if n > limits.max_body:
        raise HTTPError(413)
    return n


def parse_chunk_size(line):
    """The size from a chunk-size line (extensions ignored), or 400."""
    i = line.find(b";")
    if i >= 0:
        line = line[:i]
    line = line.strip()
    if not line or len(line) > 8:
        raise HTTPError(400)
    try:
        return int(line, 16)
    except ValueError:
        raise HTTPError(400)


def start_body(req, writer=None):
    # The server calls it (as a Request method) when a head announces a body.
    req._left = body_length(req._h, req.app.limits)
    # The client waits for a 100 Continue before sending a large body: the
    # writer to send it with, until the body is first read.
    if req._left and writer is not None and \
            (req._h.get("expect") or b"").lower() == b"100-continue":
        req._expect = writer


async def _read(req, n=512):
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


async def _read_body(req):
    if req._body is None:
        if req._left is None:
            start_body(req)
        parts = []
        # Until nothing is left (not until a read comes back empty): a body
        # already buffered whole takes one read.
        while req._left:
            part = await _read(req, req.app.limits.max_body)
            if not part:
                break
            parts.append(part)
        req._body = parts[0] if len(parts) == 1 else b"".join(parts)
    return req._body


async def _read_form(req):
    if req.form is None:
        data = await _read_body(req)
        try:
            req.form = parse_args(data)
        except UnicodeError:
            raise HTTPError(400)
    return req.form


async def _read_json(req):
    import json
    data = await _read_body(req)
    try:
        return json.loads(data)
    except (ValueError, UnicodeError):
        raise HTTPError(400, "invalid JSON")


async def drain(req):
    """Skip what the handler left unread; False when the connection can't be reused."""
    try:
        while req._left:
            if not await _read(req, 512):
                return False
    except HTTPError:
        return False
    return True


async def _read_form_data(req):
    # picoweb 1.x: req.form in picoweb's shape (str values, a list for a
    # repeated name, True for a bare name), not read_form()'s MultiDict.
    from .utils import parse_qs
    data = await _read_body(req)
    try:
        req.form = parse_qs(data.decode())
    except UnicodeError:
        raise HTTPError(400)
    return req.form


def parse_qs(req):
    """picoweb 1.x: parse the query string into req.form."""
    from .utils import parse_qs
    req.form = parse_qs(req.qs)
    return req.form


read = bridge(_read)
read_body = bridge(_read_body)
read_form = bridge(_read_form)
read_form_data = bridge(_read_form_data)
read_json = bridge(_read_json)


METHODS = ("start_body", "read", "read_body", "read_form", "read_form_data", "read_json", "parse_qs")


def load(req, name):
    from .request import Request
    return install_method(Request, req, name, globals(), METHODS)
