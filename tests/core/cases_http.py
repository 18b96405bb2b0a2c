"""Head parser cases (picoweb_core/http.py): whole, byte by byte, pipelined,
every limit and malformed input, a fuzz; and the Headers view. Plain `case_*`
functions run by pytest (tests/core/test_unit.py) and inside the real
`micropython` binary through tests/mp_runner.py.
"""
from picoweb_core.http import HTTPError, Limits, parse_head
from picoweb_core.http_status import format_head
from picoweb_core.request_fields import Headers

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


def case_format_head():
    check(format_head(404, [("A", "1")]) == b"HTTP/1.1 404 Not Found\r\nA: 1\r\n\r\n")
    check(format_head(200, [], 10) == b"HTTP/1.0 200 OK\r\n\r\n")


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
