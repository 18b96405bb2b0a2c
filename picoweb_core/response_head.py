"""Response heads with custom headers (the fast path in response.py sends
the usual ones itself): the head's framing (length, chunked, close),
start_response, and cookies. A part of the Response helpers
(response_helpers.py), in its own module so each compiles in small pieces
on a board."""
from .http_status import format_head, header_pairs

# The content types the helpers send (response.py has HTML too: neither
# module imports the other, so each says it).
HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
JSON = "application/json"


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
    for name, value in header_pairs(self.headers):
        pairs.append((name, value))
    for name, value in header_pairs(headers):
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
