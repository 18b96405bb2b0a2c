"""Pure-function cases for what HTTP requires a server to refuse (issue 18):
run by pytest (test_http_musts.py) and inside the real micropython binary."""
from picoweb_core import http
from picoweb_core.http import HTTPError, parse_head
from picoweb_core.request_fields import Headers

HOST = b"Host: h\r\n"


def check(cond, msg=""):
    if not cond:
        raise AssertionError(msg)


def status_of(data):
    try:
        parse_head(data)
    except HTTPError as e:
        return e.status
    return None


def case_http11_needs_exactly_one_host():
    check(status_of(b"GET / HTTP/1.1\r\n\r\n") == 400)
    check(status_of(b"GET / HTTP/1.1\r\nX: y\r\n\r\n") == 400)
    check(status_of(b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") == 400)
    check(status_of(b"GET / HTTP/1.1\r\nhost: a\r\nX: y\r\nHOST: a\r\n\r\n") == 400)
    check(status_of(b"GET / HTTP/1.1\r\n" + HOST + b"\r\n") is None)
    check(status_of(b"GET / HTTP/1.1\r\nHost:\r\n\r\n") is None)   # empty is allowed
    check(status_of(b"GET / HTTP/1.0\r\n\r\n") is None)            # 1.0 needs none


def case_nul_and_bare_cr_in_a_value_are_400():
    for value in (b"a\x00b", b"\x00", b"a\rb", b"a\r", b"\ra", b"a\r\rb"):
        data = b"GET / HTTP/1.1\r\n" + HOST + b"X: " + value + b"\r\n\r\n"
        check(status_of(data) == 400, repr(value))
        if not value.endswith(b"\r"):  # with LF-only lines, that CR ends its line
            data = b"GET / HTTP/1.0\nX: " + value + b"\n\n"
            check(status_of(data) == 400, repr(value))
    check(status_of(b"GET / HTTP/1.1\r\nHost: h\r\nX\x00: v\r\n\r\n") == 400)


def case_clean_heads_pass_the_control_check():
    # Tabs and obs-text are legal in values; LF-only and mixed line ends too.
    for data in (b"GET / HTTP/1.1\r\n" + HOST + b"X: a\tb\xff\r\n\r\n",
                 b"GET / HTTP/1.1\nHost: h\nX: a\tb\n\n",
                 b"GET / HTTP/1.1\r\nHost: h\nX: v\r\n\n",
                 b"GET / HTTP/1.1\nHost: h\r\nX: v\n\r\n"):
        check(status_of(data) is None, repr(data))


def case_methods_standard_ones_route_named_ones_and_501():
    for m in ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"):
        r = parse_head(m.encode() + b" / HTTP/1.1\r\n" + HOST + b"\r\n")
        check(r[0] == m, repr(r))
    check(status_of(b"BREW / HTTP/1.1\r\n" + HOST + b"\r\n") == 501)
    check(status_of(b"get / HTTP/1.1\r\n" + HOST + b"\r\n") == 400)
    check(status_of(b"G-T / HTTP/1.1\r\n" + HOST + b"\r\n") == 400)
    # A method a route names (serving.py puts it in the table at start).
    http._methods[b"MKCOL"] = "MKCOL"
    try:
        check(parse_head(b"MKCOL /d HTTP/1.1\r\n" + HOST + b"\r\n")[0] == "MKCOL")
    finally:
        del http._methods[b"MKCOL"]
    check(status_of(b"MKCOL /d HTTP/1.1\r\n" + HOST + b"\r\n") == 501)


def case_asterisk_form():
    check(status_of(b"OPTIONS * HTTP/1.1\r\n" + HOST + b"\r\n") == 501)
    check(status_of(b"GET * HTTP/1.1\r\n" + HOST + b"\r\n") == 400)
    check(status_of(b"OPTIONS *x HTTP/1.1\r\n" + HOST + b"\r\n") == 400)


def case_bytes_that_cannot_begin_a_request_are_400_at_once():
    hello = b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"   # the start of a TLS ClientHello
    for junk in (hello, b"\x00", b"\xff\xfe", b"{", b"1", b" GET"):
        check(status_of(junk) == 400, repr(junk))
    # Once the first line is whole, it is checked before the rest arrives.
    for line in (b"\x16\x03\x01\n", b"GET /\n", b"get / HTTP/1.1\r\n", b"BREW / HTTP/1.1\r\n",
                 b"GET / HTTP/3.0\r\n"):
        check(status_of(line + b"Host: h\r\n") in (400, 501, 505), repr(line))
    # What may still become a request waits for more bytes.
    for part in (b"G", b"GET", b"GET /", b"GET / HTTP/1.", b"GET / HTTP/1.1\r\nHost: h\r\n",
                 b"\r\nGE"):
        check(status_of(part) is None, repr(part))


def case_header_iteration_str_or_bytes():
    d = {"host": b"h", "x-a": b"1"}
    new = Headers(d)
    check(sorted(new) == ["host", "x-a"] and sorted(new.keys()) == ["host", "x-a"])
    check(sorted(new.items()) == [("host", "h"), ("x-a", "1")])
    check(sorted(new.values()) == ["1", "h"])
    old = Headers(d, True)
    check(sorted(old) == [b"host", b"x-a"] and sorted(old.keys()) == [b"host", b"x-a"])
    check(sorted(old.items()) == [(b"host", b"h"), (b"x-a", b"1")])
    check(sorted(old.values()) == [b"1", b"h"])
    # Lookups are the same either way.
    for h in (new, old):
        check(h["X-A"] == "1" and h[b"X-A"] == b"1" and b"HOST" in h and "x-a" in h)


def case_utf8_strict():
    from picoweb_core.request_fields import utf8_strict
    good = ["", "abc", "caf\u00e9", "\u20ac", "\U0001F600", "\uFFFD", "\U0010FFFF", "\u07ff", "\u0800"]
    for text in good:
        check(utf8_strict(text.encode("utf-8")), repr(text))
    bad = [b"\xc0\xae", b"\xc1\xbf", b"\xe0\x80\xae", b"\xe0\x9f\xbf", b"\xf0\x80\x80\xae",
           b"\xf0\x8f\xbf\xbf", b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80",
           b"\xff", b"\x80", b"a\xbf", b"\xc3", b"\xe2\x82", b"\xe2\x28\xa1", b"\xc3\x28"]
    for data in bad:
        check(not utf8_strict(data), repr(data))
