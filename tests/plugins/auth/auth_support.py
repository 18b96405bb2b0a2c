"""Helpers for the auth tests (a unique module name: every plugin's test folder
has its own conftest): requests from a chosen loopback source address, since
the limiter keys failures by client address, and cookie handling."""
import base64
import itertools
import socket

import support

_next_src = itertools.count(10)


def fresh_source():
    """A loopback source address no other test has used (127.0.0.10, .11, ...);
    traffic still goes to 127.0.0.1 only."""
    n = next(_next_src)
    return "127.0.%d.%d" % (n // 250, 1 + n % 250)


def http(port, method, path, headers=None, body=None, src="127.0.0.1", timeout=10):
    """One request on a fresh connection from `src`; a support.HTTPResponse."""
    s = socket.socket()
    s.settimeout(timeout)
    try:
        s.bind((src, 0))
        s.connect(("127.0.0.1", port))
        h = {"Host": "127.0.0.1:%d" % port, "Connection": "close"}
        h.update(headers or {})
        if isinstance(body, str):
            body = body.encode()
        if body is not None:
            h["Content-Length"] = str(len(body))
        head = "%s %s HTTP/1.1\r\n" % (method, path)
        raw = head.encode() + b"".join(
            (k.encode() if isinstance(k, str) else k) + b": " +
            (v.encode("utf-8") if isinstance(v, str) else v) + b"\r\n" for k, v in h.items())
        s.sendall(raw + b"\r\n" + (body or b""))
        f = s.makefile("rb")
        try:
            return support.read_response(f, method)
        finally:
            f.close()
    finally:
        s.close()


def basic(user, password):
    raw = ("%s:%s" % (user, password)).encode("utf-8")
    return "Basic " + base64.b64encode(raw).decode()


def set_cookies(resp):
    """{name: (value, attributes-lowercased)} from a response's Set-Cookie headers.
    (read_response joins repeated headers with ', '; our values hold no comma
    except in Expires dates, which only deletions carry.)"""
    raw = resp.headers.get("set-cookie")
    out = {}
    if not raw:
        return out
    for part in raw.split(", "):
        if "=" not in part.split(";")[0]:
            continue  # the rest of an Expires date
        first, _, attrs = part.partition(";")
        name, _, value = first.partition("=")
        out[name.strip()] = (value.strip(), attrs.lower())
    return out


def form(**fields):
    from urllib.parse import urlencode
    return urlencode(fields)


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
SAME = {"Sec-Fetch-Site": "same-origin"}
