"""Pure-function cases for the parser, utils and router.

Plain functions named `case_*`, importable on CPython and MicroPython alike:
pytest runs each one (tests/core/test_unit.py) and so does the real
`micropython` binary through tests/mp_runner.py.
"""
from picoweb_core.body import body_length, parse_chunk_size
from picoweb_core.http import HTTPError, Limits, format_head, parse_head
from picoweb_core.routing import Router
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


def case_parse_get():
    r = parse_head(GET)
    check(r == ("GET", "/a?b=1", 11, {"host": "example", "x-two": "1, 2"}, len(GET)), repr(r))


def case_parse_byte_by_byte():
    for i in range(len(GET)):
        check(parse_head(GET[:i]) is None, "complete at %d" % i)
    check(parse_head(GET)[4] == len(GET))


def case_parse_bytearray_and_offset():
    buf = bytearray(b"xx" + GET)
    r = parse_head(buf, 2)
    check(r[1] == "/a?b=1" and r[4] == len(buf))


def case_parse_pipelined():
    data = GET + b"POST /b HTTP/1.0\r\nContent-Length: 0\r\n\r\n"
    r = parse_head(data)
    check(r[4] == len(GET))
    r2 = parse_head(data, r[4])
    check(r2[:3] == ("POST", "/b", 10) and r2[4] == len(data), repr(r2))


def case_parse_lf_only_and_leading_blank_lines():
    r = parse_head(b"\r\n\nGET / HTTP/1.0\nA: b\n\n")
    check(r[:4] == ("GET", "/", 10, {"a": "b"}), repr(r))


def case_parse_cookie_headers_join_with_semicolon():
    r = parse_head(b"GET / HTTP/1.1\r\nCookie: a=1\r\nCookie: b=2\r\n\r\n")
    check(r[3]["cookie"] == "a=1; b=2")


def case_parse_value_whitespace_trimmed():
    r = parse_head(b"GET / HTTP/1.1\r\nA:   spaced \t\r\nB:\r\n\r\n")
    check(r[3] == {"a": "spaced", "b": ""}, repr(r[3]))


def case_parse_absolute_form():
    r = parse_head(b"GET http://host:80/x?y HTTP/1.1\r\n\r\n")
    check(r[1] == "/x?y", r[1])


def case_414_complete_and_partial():
    line = b"GET /" + b"a" * 70 + b" HTTP/1.1\r\n"
    check(status_of(parse_head, line + b"\r\n", 0, SMALL) == 414)
    check(status_of(parse_head, line[:68], 0, SMALL) == 414)
    check(status_of(parse_head, line[:40], 0, SMALL) is None)


def case_431_header_count():
    head = b"GET / HTTP/1.1\r\n" + b"".join(b"H%d: v\r\n" % i for i in range(5)) + b"\r\n"
    check(status_of(parse_head, head, 0, SMALL) == 431)
    head4 = b"GET / HTTP/1.1\r\n" + b"".join(b"H%d: v\r\n" % i for i in range(4)) + b"\r\n"
    check(len(parse_head(head4, 0, SMALL)[3]) == 4)


def case_431_header_bytes_complete_and_partial():
    big = b"GET / HTTP/1.1\r\nBig: " + b"x" * 200 + b"\r\n"
    check(status_of(parse_head, big + b"\r\n", 0, SMALL) == 431)
    check(status_of(parse_head, big, 0, SMALL) == 431)


def case_400_malformed():
    bad = [
        b"GET /\r\n\r\n",
        b"GET / HTTP/1.1 extra\r\n\r\n",
        b"get / HTTP/1.1\r\n\r\n",
        b"GET  / HTTP/1.1\r\n\r\n",
        b"GET /\x01 HTTP/1.1\r\n\r\n",
        b"GET /\xff HTTP/1.1\r\n\r\n",
        b"GET / HTTX/1.1\r\n\r\n",
        b"GET x HTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nNoColon\r\n\r\n",
        b"GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n",
        b"GET / HTTP/1.1\r\nBad Name: v\r\n\r\n",
        b"GET / HTTP/1.1\r\n: v\r\n\r\n",
        b"GET / HTTP/1.1\r\nA: \xff\xfe\r\n\r\n",
    ]
    for data in bad:
        check(status_of(parse_head, data) == 400, repr(data))


def case_505_other_versions():
    check(status_of(parse_head, b"GET / HTTP/2.0\r\n\r\n") == 505)
    check(status_of(parse_head, b"GET / HTTP/1.1\r\n\r\n") is None)


def case_body_length():
    check(body_length({}) == 0)
    check(body_length({"content-length": "12"}, SMALL) == 12)
    check(body_length({"transfer-encoding": "chunked"}) == -1)
    check(body_length({"transfer-encoding": "Chunked"}) == -1)
    check(status_of(body_length, {"content-length": "101"}, SMALL) == 413)
    check(status_of(body_length, {"content-length": "-1"}) == 400)
    check(status_of(body_length, {"content-length": "1, 1"}) == 400)
    check(status_of(body_length, {"content-length": "1", "transfer-encoding": "chunked"}) == 400)
    check(status_of(body_length, {"transfer-encoding": "gzip, chunked"}) == 501)


def case_chunk_size():
    check(parse_chunk_size(b"1a\r\n") == 26)
    check(parse_chunk_size(b"0;ext=1\r\n") == 0)
    for bad in (b"\r\n", b"zz\r\n", b"123456789\r\n"):
        check(status_of(parse_chunk_size, bad) == 400, repr(bad))


def case_format_head():
    check(format_head(404, [("A", "1")]) == b"HTTP/1.1 404 Not Found\r\nA: 1\r\n\r\n")
    check(format_head(200, [], 10) == b"HTTP/1.0 200 OK\r\n\r\n")


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


def case_parse_qs_picoweb_shape():
    d = parse_qs("a=1&a=2&flag&b=x+y")
    check(d == {"a": ["1", "2"], "flag": True, "b": "x y"}, repr(d))


def case_parse_cookies():
    c = parse_cookies('a=1; b="two"; a=3; bad; c=x=y')
    check(c == {"a": "1", "b": "two", "c": "x=y"}, repr(c))


def h1(req, resp):
    pass


def h2(req, resp):
    pass


def case_router_exact_and_methods():
    r = Router()
    r.add("/", h1)
    r.add("/p", h1, methods=["GET"])
    r.add("/p", h2, methods=["POST"])
    check(r.match("GET", "/")[0][0] is h1)
    check(r.match("DELETE", "/")[0][0] is h1)
    check(r.match("POST", "/p")[0][0] is h2)
    check(r.match("HEAD", "/p")[0][0] is h1)
    try:
        r.match("PUT", "/p")
        check(False, "no 405")
    except HTTPError as e:
        check(e.status == 405 and e.message == ["GET", "POST", "HEAD"], repr(e.message))
    check(status_of(r.match, "GET", "/nope") == 404)


def case_router_placeholders():
    r = Router()
    r.add("/u/<int:id>", h1)
    r.add("/n/<name>/x", h1)
    r.add("/f/<path:rest>", h2)
    check(r.match("GET", "/u/42")[1] == {"id": 42})
    check(status_of(r.match, "GET", "/u/4x") == 404)
    check(status_of(r.match, "GET", "/u/") == 404)
    check(r.match("GET", "/n/bob/x")[1] == {"name": "bob"})
    check(status_of(r.match, "GET", "/n/bob") == 404)
    check(status_of(r.match, "GET", "/n/bob/x/y") == 404)
    check(r.match("GET", "/f/a/b/c.txt")[1] == {"rest": "a/b/c.txt"})
    check(status_of(r.match, "GET", "/f/") == 404)


def case_router_regex():
    import re
    r = Router()
    r.add(re.compile("^/r/([0-9]+)$"), h1)
    route, params, m, prefix = r.match("GET", "/r/12")
    check(m.group(1) == "12" and params is None)
    check(status_of(r.match, "GET", "/r/x") == 404)


def case_router_bad_patterns():
    for bad in ("/<bad:x>", "/a<b>", "/<path:p>/x", "/<int:>"):
        try:
            Router().add(bad, h1)
            check(False, "accepted " + bad)
        except ValueError:
            pass
    try:
        Router().add("/", "not callable")
        check(False, "accepted a non-callable")
    except TypeError:
        pass


class _Sub:
    def __init__(self):
        self.router = Router(self)


def case_router_mount_on_segments():
    sub = _Sub()
    sub.router.add("/", h2)
    sub.router.add("/x", h1)
    r = Router()
    r.mount("/app1/", sub)
    check(r.match("GET", "/app1")[0][0] is h2)
    check(r.match("GET", "/app1/")[0][0] is h2)
    check(r.match("GET", "/app1/x")[0][0] is h1)
    check(status_of(r.match, "GET", "/app10") == 404)
    check(status_of(r.match, "GET", "/app1/y") == 404)


def _lcg(seed):
    # A tiny deterministic generator: the same inputs on both runtimes.
    while True:
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        yield seed


def case_parse_head_fuzz_never_crashes():
    """Mutated and truncated heads: parse_head answers None, a head or an
    HTTPError with a 4xx/5xx status; never any other exception."""
    seeds = [GET, b"POST /x?y=1 HTTP/1.0\r\nContent-Length: 3\r\nCookie: a=b\r\n\r\nabc",
             b"GET http://h/p HTTP/1.1\nA: b\n\n"]
    rnd = _lcg(7)
    for i in range(1500):
        data = seeds[i % len(seeds)]
        for _ in range(1 + next(rnd) % 4):
            pos = next(rnd) % len(data)
            op = next(rnd) % 3
            if op == 0:
                data = data[:pos] + bytes([next(rnd) % 256]) + data[pos + 1:]
            elif op == 1:
                special = b"\r\n :\x00\t%"
                data = data[:pos] + special[next(rnd) % len(special):][:1] + data[pos:]
            elif len(data) > 1:
                data = data[:pos] + data[pos + 1:]
        cut = next(rnd) % (len(data) + 1)
        for chunk in (data, data[:cut]):
            try:
                r = parse_head(chunk, 0, SMALL)
            except HTTPError as e:
                check(400 <= e.status <= 505, repr((chunk, e.status)))
                continue
            check(r is None or (isinstance(r[0], str) and r[4] <= len(chunk)), repr(chunk))
