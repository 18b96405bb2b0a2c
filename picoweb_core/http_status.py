"""HTTP status lines: reason phrases and response heads for the paths off the
hot one (errors, custom headers), loaded on first use: the phrase table alone
costs a board about 1.5 KiB of heap. A leaf: http.py caches what it builds."""

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


def header_pairs(headers):
    """Headers as (name, value) pairs, from None, a dict or a list of pairs:
    the one place the core (and plugins) turn what an app gave into pairs."""
    if headers is None:
        return ()
    if isinstance(headers, dict):
        return headers.items()
    return headers


def reason(status):
    """The reason phrase: `reason(404)` -> "Not Found"."""
    i = _REASONS.find("|%d" % status) if 100 <= status <= 999 else -1
    if i < 0:
        return "Unknown"
    return _REASONS[i + 4:_REASONS.find("|", i + 4)]


def format_head(status, headers, version=11):
    """The response head as bytes; `headers` is a list of (name, value) pairs.

    >>> format_head(200, [("Content-Length", "2")])
    b'HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\n'
    """
    parts = []
    for name, value in headers:
        parts.append("%s: %s\r\n" % (name, value))
    parts.append("\r\n")
    return status_line(status, version) + "".join(parts).encode()


def status_line(status, version=11):
    """`status_line(404)` -> b"HTTP/1.1 404 Not Found\\r\\n"."""
    return b"HTTP/1.%d %d %s\r\n" % (version - 10, status, reason(status).encode())
