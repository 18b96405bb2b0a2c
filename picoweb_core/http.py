# Sans-IO HTTP/1.x: parse a request head from bytes, format a status line.
#
# Strategy: `parse_head` is a pure function over a buffer. It returns None while
# the head is incomplete ("need more bytes") and raises HTTPError with the status
# to answer when the bytes can never become a valid head or break a limit. The
# server only moves bytes; nothing here touches a socket.

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



def parse_head(buf, start=0, limits=DEFAULT_LIMITS):
    """Parse the request head in `buf[start:]`.

    Returns None when more bytes are needed, else
    `(method, target, version, headers, end)` with str method and target,
    version as 10 or 11, headers a dict of lower-case str names to bytes
    values (stripped; request_fields.Headers decodes them when read), and `end` the
    index of the first body byte. Raises HTTPError(400/414/431/505).

    >>> parse_head(b"GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
    ('GET', '/', 11, {'host': b'x'}, 27)
    """
    # Clients may send stray blank lines between pipelined requests (RFC 9112 2.2).
    n = len(buf)
    while start < n and buf[start] in (10, 13):
        start += 1
    nl = buf.find(b"\n", start)
    if nl < 0:
        if n - start > limits.max_line:
            raise HTTPError(414)
        if n > start and (buf[start] < 65 or buf[start] > 90):
            # A method begins with A-Z: anything else (a TLS hello, binary
            # junk) is refused now, not after holding a slot till timeout.
            raise HTTPError(400)
        return None
    if nl - start > limits.max_line:
        raise HTTPError(414)
    # The head ends at the first empty line: "\n\n" or "\n\r\n". When the
    # bytes so far end with one (a request without a body, arrived whole),
    # the line loop below finds it. Else two searches in C, rather than a
    # step per line: a head that arrives in pieces is looked for again each time.
    if not (buf.endswith(b"\n\r\n") or buf.endswith(b"\n\n")) and \
            buf.find(b"\n\r\n", nl) < 0 and buf.find(b"\n\n", nl) < 0:
        if n - nl > limits.max_header_bytes + 4:
            raise HTTPError(431)
        # Not whole yet: its first line is, so a bad one is refused now.
        parse_request_line(buf, start, nl - 1 if buf[nl - 1] == 13 else nl)
        return None
    headers = {}
    count = 0
    pos = first = nl + 1
    # Each line is read in place, by index: a name and a value are the only
    # slices, which matters on a board, where every slice is a heap block.
    try:
        method, target, version = parse_request_line(buf, start, nl - 1 if buf[nl - 1] == 13 else nl)
        while True:
            nl = buf.find(b"\n", pos)
            eol = nl - 1 if buf[nl - 1] == 13 else nl  # without its "\r"
            if eol <= pos:
                break  # the blank line
            if nl - first > limits.max_header_bytes:
                raise HTTPError(431)
            count += 1
            if count > limits.max_headers:
                raise HTTPError(431)
            i = buf.find(b":", pos, eol)
            name = buf[pos:i]
            low = _names.get(name)
            if low is None:
                # No name, or spaces or controls in it: 400. That covers folded
                # lines (RFC 9112 5.2) and whitespace before the colon, a
                # smuggling vector. min()/max() scan in C on both runtimes.
                if i <= pos or min(name) < 33 or max(name) > 126:
                    raise HTTPError(400)
                low = name.decode().lower()
                if len(_names) < 24:
                    _names[name] = low  # checked once: the usual names, sent again and again
            # The value stays bytes until someone reads it (request_fields.Headers):
            # on MicroPython each new str costs a search of the interned strings.
            # The usual single space after the colon is skipped, not copied
            # away by strip(): one slice per value instead of two.
            j = i + 1
            if j < eol and buf[j] == 32:
                j += 1
            value = buf[j:eol]
            if j < eol and (buf[j] < 33 or buf[eol - 1] < 33):
                value = value.strip()  # more whitespace than that: rare
            pos = nl + 1
            old = headers.get(low)
            if old is None:
                headers[low] = value
            else:
                from .http_refusals import combine  # a repeated name: rare
                headers[low] = combine(low, old, value, HTTPError)
    except TypeError:
        # A bytearray: its slices can't be looked up in _names. Rare (the
        # server's buffer is bytes): parse a bytes copy.
        return parse_head(bytes(buf), start, limits)
    # RFC 9112 3.2: an HTTP/1.1 request names its Host (exactly once: combine).
    # A NUL, or a CR that ends no line, is a 400 (RFC 9110 5.5, RFC 9112 2.2):
    # three scans in C of the header lines, with no slice and no loop here.
    if version == 11 and "host" not in headers:
        raise HTTPError(400)
    if buf.count(b"\r", first, nl) != buf.count(b"\r\n", first, nl + 1) or \
            buf.find(b"\0", first, nl) >= 0:
        raise HTTPError(400)
    return method, target, version, headers, nl + 1


def parse_request_line(buf, start=0, end=None):
    """`b"GET /x HTTP/1.1"` (or that line in `buf[start:end]`) -> ("GET", "/x", 11),
    or HTTPError(400/505)."""
    # By index in the caller's buffer rather than split(): no list, and the
    # method and target are the only slices on the hot path. A space after
    # the second one fails the version check below.
    if end is None:
        end = len(buf)
    sp = buf.find(b" ", start, end)
    sp2 = buf.find(b" ", sp + 1, end)
    if sp <= start or sp2 <= sp + 1:
        raise HTTPError(400)  # not three non-empty parts
    method = buf[start:sp]
    target = buf[sp + 1:sp2]
    # min()/max() scan in C on both runtimes, unlike a loop over the bytes.
    m = _methods.get(method)
    if m is None:
        # Seen first, or not a standard method and named by no route: 501.
        from .http_refusals import method_name
        m = _methods[method] = method_name(method, HTTPError)
    if min(target) < 33 or max(target) > 126:  # controls, spaces, raw non-ASCII
        raise HTTPError(400)
    if end - sp2 == 9 and buf.startswith(b"HTTP/1.1", sp2 + 1):
        version = 11
    elif end - sp2 == 9 and buf.startswith(b"HTTP/1.0", sp2 + 1):
        version = 10
    else:
        proto = buf[sp2 + 1:end]
        if proto[:5] == b"HTTP/" and len(proto) == 8 and proto[6:7] == b".":
            raise HTTPError(505)
        raise HTTPError(400)
    if target[0] != 47:  # not "/": absolute-form from a proxy, or "*"
        from .http_refusals import origin_form
        target = origin_form(m, target, HTTPError)
    t = _targets.get(target)
    if t is None:
        t = target.decode()
        if len(_targets) < 8 and len(target) <= 48:
            _targets[target] = t  # a board's few endpoints, asked again and again
    return m, t, version


# Bytes as sent -> the str the parser returns, so the common ones cost no
# decode: on MicroPython a new str is a search through every interned string.
# The usual methods and those an app's routes name are added when the app
# starts (serving_routes.py), so http_refusals.py is loaded only for another
# standard method, on its first sight.
_methods = {}
_names = {}  # header names seen, up to 24: raw bytes -> checked lower-case str
_targets = {}  # request targets seen, the first 8 of at most 48 bytes: bytes -> str


# status * 100 + version -> status line, as bytes: a few entries, built once
# each, looked up with an int (a tuple key would be a heap block per lookup).
# The common one is here from the start, so a board serving only 200s never
# loads the reason phrases (http_status.py).
_lines = {20011: b"HTTP/1.1 200 OK\r\n"}


def format_status_line(status, version=11):
    line = _lines.get(status * 100 + version)
    if line is None:
        from .http_status import status_line
        line = _lines[status * 100 + version] = status_line(status, version)
    return line
