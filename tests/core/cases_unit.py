"""Pure-function cases for the parser, utils and router.

Plain functions named `case_*`, importable on CPython and MicroPython alike:
pytest runs each one (tests/core/test_unit.py) and so does the real
`micropython` binary through tests/mp_runner.py.
"""
from picoweb_core.body import body_length, parse_chunk_size
from picoweb_core.request_fields import Headers
from picoweb_core.response import keep_alive
from picoweb_core.http import HTTPError, Limits, parse_head
from picoweb_core.http_status import format_head
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
    check(r == ("GET", "/a?b=1", 11, {"host": b"example", "x-two": b"1, 2"}, len(GET)), repr(r))


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
    check(r[:4] == ("GET", "/", 10, {"a": b"b"}), repr(r))


def case_parse_cookie_headers_join_with_semicolon():
    r = parse_head(b"GET / HTTP/1.1\r\nHost: x\r\nCookie: a=1\r\nCookie: b=2\r\n\r\n")
    check(r[3]["cookie"] == b"a=1; b=2")


def case_parse_value_whitespace_trimmed():
    r = parse_head(b"GET / HTTP/1.0\r\nA:   spaced \t\r\nB:\r\n\r\n")
    check(r[3] == {"a": b"spaced", "b": b""}, repr(r[3]))
    # Every mix of spaces and tabs around a value, as strip() would leave it.
    for raw in (b"v", b" v", b"  v", b"\tv", b" \tv", b"v ", b"v\t", b" v w ", b" ", b"  ",
                b"\t", b" \x0cv\x0c", b"\x01v", b" v\x7f"):
        r = parse_head(b"GET / HTTP/1.0\r\nX:" + raw + b"\r\n\r\n")
        check(r[3]["x"] == raw.strip(), repr((raw, r[3]["x"])))


def case_parse_value_not_utf8_is_kept_raw_and_400_when_read():
    # Not a parse error (obs-text is legal HTTP, and most values are never
    # read); reading it as text is a 400, reading it as bytes gets the bytes.
    r = parse_head(b"GET / HTTP/1.0\r\nA: \xff\xfe\r\nB: ok\r\n\r\n")
    h = Headers(r[3])
    check(h[b"A"] == b"\xff\xfe" and h["b"] == "ok", repr(r[3]))
    check(status_of(h.__getitem__, "a") == 400)
    check(status_of(h.get, "A") == 400)


def case_parse_header_names_any_case_same_key_every_time():
    # Names are checked and lowered once, then remembered: the second and
    # third parse must give the same answer, and a bad name is still a 400.
    for _ in range(3):
        r = parse_head(b"GET / HTTP/1.1\r\nHOST: h\r\nACCEPT: a\r\naccept: b\r\nX-Up: c\r\n\r\n")
        check(r[3] == {"host": b"h", "accept": b"a, b", "x-up": b"c"}, repr(r[3]))
        check(status_of(parse_head, b"GET / HTTP/1.1\r\nHost : a\r\n\r\n") == 400)
        check(status_of(parse_head, b"GET / HTTP/1.1\r\nHo\x01st: a\r\n\r\n") == 400)


def case_parse_head_ends_at_the_first_blank_line_whatever_follows():
    # Whether the bytes so far end with a blank line (a body's own, or a
    # second request's) or not, the head ends at its first one.
    head = b"POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\n"
    for rest in (b"x\r\n\r\n", b"x\n\n", b"xyz", b"", b"GET /b HTTP/1.1\r\n\r\n"):
        r = parse_head(head + rest)
        check(r[4] == len(head) and r[3] == {"host": b"x", "content-length": b"6"}, repr((rest, r)))
    check(parse_head(b"GET / HTTP/1.1\r\nA: b\r\n") is None)
    check(parse_head(b"GET / HTTP/1.1\r\nA: b\r\n\r") is None)
    lf = b"GET / HTTP/1.1\nHost: x\n\n"
    check(parse_head(lf + b"GET")[4] == len(lf) == parse_head(lf)[4])


def case_parse_many_distinct_names_all_kept():
    # More names than are remembered: each still parsed right.
    head = b"GET / HTTP/1.0\r\n" + b"".join(b"N-%d: %d\r\n" % (i, i) for i in range(30)) + b"\r\n"
    r = parse_head(head, 0, Limits(max_headers=40))
    check(len(r[3]) == 30 and r[3]["n-29"] == b"29", repr(r[3]))


def case_parse_targets_remembered_up_to_a_bound():
    # The decoded targets of the first few short requests are remembered; a
    # stream of distinct or long ones is still parsed right, and held in
    # memory no more than that.
    from picoweb_core import http
    for i in range(40):
        t = b"/p/%d?q=%d" % (i, i) if i % 2 else b"/" + b"x" * (40 + i)
        for _ in range(2):
            r = parse_head(b"GET " + t + b" HTTP/1.1\r\nHost: x\r\n\r\n")
            check(r[1] == t.decode(), repr(r[1]))
    check(len(http._targets) <= 8 and all(len(k) <= 48 for k in http._targets),
          repr(http._targets))
    r = parse_head(bytearray(b"GET /from/a/bytearray HTTP/1.1\r\nHost: x\r\n\r\n"))
    check(r[1] == "/from/a/bytearray", repr(r[1]))


def case_headers_str_and_bytes_access():
    h = Headers({"content-type": b"text/plain"})
    check(h["Content-Type"] == "text/plain" and h[b"Content-Type"] == b"text/plain")
    h["X-New"] = "v"
    check(h["x-new"] == "v" and h[b"x-new"] == b"v" and "X-NEW" in h)
    check(sorted(h.items()) == [("content-type", "text/plain"), ("x-new", "v")])


def case_keep_alive_rule():
    check(keep_alive(11, {}) and not keep_alive(10, {}))
    check(not keep_alive(11, {"connection": b"Close"}))
    check(keep_alive(10, {"connection": b"Keep-Alive"}))


def case_parse_absolute_form():
    r = parse_head(b"GET http://host:80/x?y HTTP/1.1\r\nHost: host\r\n\r\n")
    check(r[1] == "/x?y", r[1])


def case_414_complete_and_partial():
    line = b"GET /" + b"a" * 70 + b" HTTP/1.1\r\n"
    check(status_of(parse_head, line + b"\r\n", 0, SMALL) == 414)
    check(status_of(parse_head, line[:68], 0, SMALL) == 414)
    check(status_of(parse_head, line[:40], 0, SMALL) is None)


def case_431_header_count():
    head = b"GET / HTTP/1.1\r\n" + b"".join(b"H%d: v\r\n" % i for i in range(5)) + b"\r\n"
    check(status_of(parse_head, head, 0, SMALL) == 431)
    head4 = b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"H%d: v\r\n" % i for i in range(3)) + b"\r\n"
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
        b" GET / HTTP/1.1\r\n\r\n",
        b"GET / \r\n\r\n",
        b"GET /  HTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.10\r\n\r\n",
        b"GET / xHTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.1 x\r\n\r\n",
        b"GET / HTTP/1.1 \r\n\r\n",
        b"GET / x HTTP/1.1\r\n\r\n",
    ]
    for data in bad:
        check(status_of(parse_head, data) == 400, repr(data))


def case_505_other_versions():
    check(status_of(parse_head, b"GET / HTTP/2.0\r\n\r\n") == 505)
    check(status_of(parse_head, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n") is None)


def case_body_length():
    check(body_length({}) == 0)
    check(body_length({"content-length": b"12"}, SMALL) == 12)
    check(body_length({"transfer-encoding": b"chunked"}) == -1)
    check(body_length({"transfer-encoding": b"Chunked"}) == -1)
    check(status_of(body_length, {"content-length": b"101"}, SMALL) == 413)
    check(status_of(body_length, {"content-length": b"-1"}) == 400)
    check(status_of(body_length, {"content-length": b"1, 1"}) == 400)
    check(status_of(body_length, {"content-length": b"1", "transfer-encoding": b"chunked"}) == 400)
    check(status_of(body_length, {"transfer-encoding": b"gzip, chunked"}) == 501)


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
    check(status_of(r.match, "GET", "/n/bob/xy") == 404)  # literals end on a segment's end
    check(status_of(r.match, "GET", "/uu/42") == 404)
    check(status_of(r.match, "GET", "/u//42") == 404)
    r.add("/t/<a>/<int:b>/", h1)
    r.add("/<top>", h2)
    check(r.match("GET", "/t/x/7/")[1] == {"a": "x", "b": 7})
    check(status_of(r.match, "GET", "/t/x/7") == 404)
    check(status_of(r.match, "GET", "/t//7/") == 404)
    check(r.match("GET", "/anything")[1] == {"top": "anything"})
    check(status_of(r.match, "GET", "/two/parts") == 404)


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
