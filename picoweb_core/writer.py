"""The response helpers fewer apps use, loaded on first use.

Response.__getattr__ installs each of these on the class the first time an
app touches it, so a board serving plain return values never pays for them.
Each takes the Response as its first argument, like a method.
"""
import json

from .compat import bridge, close_stream, install_method, is_async_iterable, peer_address
from .response import JSON, Response


def get_extra_info(self, name, default=None):
    """picoweb 1.x: `resp.get_extra_info("peername")` -> ("ip", port)."""
    if name == "peername":
        return peer_address(self.w)
    try:
        return self.w.get_extra_info(name)
    except (KeyError, AttributeError):
        return default


async def _awritestr(self, s):
    await self._awrite(s.encode())


async def write_iter(self, iterable):
    if is_async_iterable(iterable):
        async for part in iterable:
            await self._awrite(part)
    else:
        for part in iterable:
            await self._awrite(part)


async def _aclose(self):
    """End the response and close the connection (as picoweb does)."""
    if self.started and not self.raw:
        await self._finish()
    self.keep = False
    await close_stream(self.w)


async def _jsonify(self, obj, status=200, headers=None):
    await self._send_body(status, json.dumps(obj).encode(), JSON, headers)


async def _redirect(self, location, status=302):
    await self._send_body(status, b"", None, [("Location", location)])


async def _sendstream(self, f, bufsize=512):
    """Copy file-like `f` to the client in fixed-size pieces."""
    from .files import sendstream
    await sendstream(self, f, bufsize)


def set_cookie(self, name, value="", max_age=None, expires=None, path="/",
               domain=None, secure=False, httponly=False, samesite=None):
    """Add a Set-Cookie header; call it before the head is sent."""
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
    self.set_cookie(name, "", max_age=0, expires="Thu, 01 Jan 1970 00:00:00 GMT",
                    path=path, domain=domain)


awritestr = bridge(_awritestr)
awriteiter = bridge(write_iter)
aclose = bridge(_aclose)
jsonify = bridge(_jsonify)
redirect = bridge(_redirect)
sendstream = bridge(_sendstream)


METHODS = ("get_extra_info", "awritestr", "awriteiter", "aclose", "jsonify", "redirect",
           "sendstream", "set_cookie", "delete_cookie", "_awritestr", "_aclose",
           "_jsonify", "_redirect", "_sendstream")


def load(resp, name):
    return install_method(Response, resp, name, globals(), METHODS)
