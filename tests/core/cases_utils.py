"""URL and query cases (picoweb_core/utils.py), UTF-8 correct on both runtimes.
Run as tests/core/test_unit.py says.
"""
from picoweb_core.http import HTTPError, Limits
from picoweb_core.utils import parse_args, parse_cookies, parse_qs, quote, unquote, unquote_plus

GET = b"GET /a?b=1 HTTP/1.1\r\nHost: example\r\nX-Two: 1\r\nx-two: 2\r\n\r\n"
SMALL = Limits(max_line=64, max_headers=4, max_header_bytes=128, max_body=100)


def check(cond, msg=""):
    if not cond:
        raise AssertionError(msg)


def status_of(func, *args):
    try:
        func(*args)
    except HTTPError as e:
        return e.status
    return None


def case_unquote_utf8():
    check(unquote("caf%C3%A9") == "caf\u00e9")
    check(unquote(b"a%2Fb") == "a/b")
    check(unquote("100%") == "100%")
    check(unquote("%zz%4") == "%zz%4")
    check(unquote_plus("a+b%2B") == "a b+")
    check(unquote("a+b") == "a+b")


def case_quote_roundtrip():
    s = "/caf\u00e9 x?&"
    check(quote(s) == "/caf%C3%A9%20x%3F%26", quote(s))
    check(unquote(quote(s)) == s)


def case_parse_args_multi():
    d = parse_args("a=1&a=2&b=&c&d=%E2%9C%93+x&&")
    check(d["a"] == "1" and d.getlist("a") == ["1", "2"])
    check(d["b"] == "" and d["c"] == "" and d["d"] == "\u2713 x", repr(d))
    check(d.getlist("zz") == [] and d.get("a", type=int) == 1 and d.get("d", 5, type=int) == 5)


def case_parse_args_bytes_body_same_as_str():
    # A form body arrives as bytes (or a bytearray) and parses as its text does.
    text = "a=1&a=2&b=&c&d=%E2%9C%93+x&&e=caf\u00e9"
    for body in (text.encode(), bytearray(text.encode())):
        d = parse_args(body)
        check(sorted(d.items()) == sorted(parse_args(text).items()), repr(sorted(d.items())))
        check(d.getlist("a") == ["1", "2"] and d["d"] == "\u2713 x" and d["e"] == "caf\u00e9")
        check(all(type(k) is str and type(v) is str for k, v in d.items()))
    for bad in (b"a=\xff", b"\xfe=1", b"a=%FF"):
        try:
            parse_args(bad)
            check(False, "accepted " + repr(bad))
        except UnicodeError:
            pass


def case_parse_qs_picoweb_shape():
    d = parse_qs("a=1&a=2&flag&b=x+y")
    check(d == {"a": ["1", "2"], "flag": True, "b": "x y"}, repr(d))


def case_parse_cookies():
    c = parse_cookies('a=1; b="two"; a=3; bad; c=x=y')
    check(c == {"a": "1", "b": "two", "c": "x=y"}, repr(c))
