"""Sans-IO HTTP/1.x: parse a request head from bytes, format a response head.

Strategy: `parse_head` is a pure function over a buffer. It returns None while
the head is incomplete ("need more bytes") and raises HTTPError with the status
to answer when the bytes can never become a valid head or break a limit. The
server only moves bytes; nothing here touches a socket.
"""

# One string rather than a dict: on MicroPython a dict of 40 str objects costs
# about 4 KiB of heap, this costs one allocation.
_REASONS = ("|100Continue|200OK|201Created|202Accepted|204No Content|206Partial Content"
            "|301Moved Permanently|302Found|303See Other|304Not Modified"
            "|307Temporary Redirect|308Permanent Redirect|400Bad Request|401Unauthorized"
            "|403Forbidden|404Not Found|405Method Not Allowed|406Not Acceptable"
            "|408Request Timeout|409Conflict|410Gone|411Length Required"
            "|412Precondition Failed|413Content Too Large|414URI Too Long"
            "|415Unsupported Media Type|416Range Not Satisfiable|417Expectation Failed"
            "|418I'm a Teapot|422Unprocessable Content|429Too Many Requests"
            "|431Request Header Fields Too Large|500Internal Server Error|501Not Implemented"
            "|502Bad Gateway|503Service Unavailable|504Gateway Timeout"
            "|505HTTP Version Not Supported|")


def reason(status):
    """The reason phrase: `reason(404)` -> "Not Found"."""
    i = _REASONS.find("|%d" % status) if 100 <= status <= 999 else -1
    if i < 0:
        return "Unknown"
    return _REASONS[i + 4:_REASONS.find("|", i + 4)]


class HTTPError(Exception):
    """Raise to answer with an error status: `raise HTTPError(404)`.

    The app turns it into a response through its error handlers.
    """

    def __init__(self, status, message=None):
        super().__init__(status, message)
        self.status = status
        self.message = message


def abort(status, message=None):
    """Stop the handler and answer `status`: `abort(403, "no entry")`."""
    raise HTTPError(status, message)


class Limits:
    """Request limits; the defaults fit a board with tens of KiB of free heap."""

    def __init__(self, max_line=1024, max_headers=32, max_header_bytes=4096,
                 max_body=16384):
        self.max_line = max_line                  # request line; over it: 414
        self.max_headers = max_headers            # header count; over it: 431
        self.max_header_bytes = max_header_bytes  # all header lines together; over it: 431
        self.max_body = max_body                  # request body, also when chunked; over it: 413


DEFAULT_LIMITS = Limits()



def _find_end(buf, start):
    """Index just past the blank line ending the head, or -1."""
    i = buf.find(b"\n", start)
    while i >= 0:
        j = i + 1
        if buf[j:j + 1] == b"\n":
            return j + 1
        if buf[j:j + 2] == b"\r\n":
            return j + 2
        if j >= len(buf):
            return -1
        i = buf.find(b"\n", j)
    return -1


def _line_end(line):
    return line[:-1] if line[-1:] == b"\r" else line


def parse_head(buf, start=0, limits=DEFAULT_LIMITS):
    """Parse the request head in `buf[start:]`.

    Returns None when more bytes are needed, else
    `(method, target, version, headers, end)` with str method and target,
    version as 10 or 11, headers a dict of lower-case str names to str values,
    and `end` the index of the first body byte. Raises HTTPError(400/414/431/505).

    >>> parse_head(b"GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
    ('GET', '/', 11, {'host': 'x'}, 27)
    """
    # Clients may send stray blank lines between pipelined requests (RFC 9112 2.2).
    n = len(buf)
    while start < n and buf[start] in (10, 13):
        start += 1
    end = _find_end(buf, start)
    if end < 0:
        nl = buf.find(b"\n", start)
        if nl < 0:
            if n - start > limits.max_line:
                raise HTTPError(414)
        elif nl - start > limits.max_line:
            raise HTTPError(414)
        elif n - nl > limits.max_header_bytes + 4:
            raise HTTPError(431)
        return None
    nl = buf.find(b"\n", start)
    if nl - start > limits.max_line:
        raise HTTPError(414)
    method, target, version = parse_request_line(_line_end(buf[start:nl]))
    if end - nl > limits.max_header_bytes + 4:
        raise HTTPError(431)
    headers = {}
    count = 0
    pos = nl + 1
    while True:
        nl = buf.find(b"\n", pos)
        line = _line_end(buf[pos:nl])
        pos = nl + 1
        if not line:
            break
        count += 1
        if count > limits.max_headers:
            raise HTTPError(431)
        name, value = parse_header_line(line)
        old = headers.get(name)
        if old is None:
            headers[name] = value
        else:
            headers[name] = old + ("; " if name == "cookie" else ", ") + value
    return method, target, version, headers, end


def parse_request_line(line):
    """`b"GET /x HTTP/1.1"` -> ("GET", "/x", 11), or HTTPError(400/505)."""
    parts = line.split(b" ")
    if len(parts) != 3:
        raise HTTPError(400)
    method, target, proto = parts
    if not method or not target:
        raise HTTPError(400)
    # min()/max() scan in C on both runtimes, unlike a loop over the bytes.
    if min(method) < 65 or max(method) > 90:  # methods are A-Z only
        raise HTTPError(400)
    if min(target) < 33 or max(target) > 126:  # controls, spaces, raw non-ASCII
        raise HTTPError(400)
    if proto == b"HTTP/1.1":
        version = 11
    elif proto == b"HTTP/1.0":
        version = 10
    elif proto[:5] == b"HTTP/" and len(proto) == 8 and proto[6:7] == b".":
        raise HTTPError(505)
    else:
        raise HTTPError(400)
    if target[0] != 47 and target != b"*":  # not "/": absolute-form from a proxy
        i = target.find(b"://")
        if i < 0:
            raise HTTPError(400)
        slash = target.find(b"/", i + 3)
        target = target[slash:] if slash >= 0 else b"/"
    return method.decode(), target.decode(), version


def parse_header_line(line):
    """`b"Host: x"` -> ("host", "x"); folded or malformed lines give 400."""
    if line[0] in (32, 9):
        raise HTTPError(400)  # obsolete line folding (RFC 9112 5.2)
    i = line.find(b":")
    if i <= 0:
        raise HTTPError(400)
    name = line[:i]
    if min(name) < 33 or max(name) > 126:
        raise HTTPError(400)  # whitespace before the colon is a smuggling vector
    try:
        return name.decode().lower(), line[i + 1:].strip().decode()
    except UnicodeError:
        raise HTTPError(400)


_lines = {}  # (status, version) -> status line: a few entries, built once each


def format_status_line(status, version=11):
    line = _lines.get((status, version))
    if line is None:
        line = _lines[(status, version)] = "HTTP/1.%d %d %s\r\n" % (
            version - 10, status, reason(status))
    return line


def format_head(status, headers, version=11):
    """The response head as bytes; `headers` is a list of (name, value) pairs.

    >>> format_head(200, [("Content-Length", "2")])
    b'HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\n'
    """
    parts = [format_status_line(status, version)]
    for name, value in headers:
        parts.append("%s: %s\r\n" % (name, value))
    parts.append("\r\n")
    return "".join(parts).encode()
