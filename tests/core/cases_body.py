"""Sans-IO body framing (picoweb_core/body.py): every body fed whole, one
byte at a time and with the next pipelined request behind it, on both
runtimes (tests/core/test_body.py). No sockets."""
from picoweb_core.body import ChunkedBody, LengthBody, body_for, body_length, parse_chunk_size
from picoweb_core.http import HTTPError, Limits

SMALL = Limits(max_line=64, max_headers=4, max_header_bytes=128, max_body=100)


def check(cond, msg=""):
    if not cond:
        raise AssertionError(msg)


def status_of_call(func, *args):
    try:
        func(*args)
    except HTTPError as e:
        return e.status
    return None

NEXT = b"GET /next HTTP/1.1\r\n\r\n"


def decode(framing, wire, step=None, n=512):
    """Feed `wire` to `framing` `step` bytes at a time (all at once when
    None), as the connection's buffer would grow; returns (body, leftover)."""
    buf = b""
    pos = 0
    out = []
    fed = 0
    while True:
        data, pos = framing.next(buf, pos, n)
        if data:
            out.append(bytes(data))
            continue
        if framing.done:
            return b"".join(out), buf[pos:]
        if fed >= len(wire):
            raise EOFError("framing wants more than was sent")
        take = len(wire) - fed if step is None else step
        buf = buf[pos:] + wire[fed:fed + take]
        pos = 0
        fed += take


def status_of(framing, wire, step=None):
    try:
        decode(framing, wire, step)
    except HTTPError as e:
        return e.status
    return None


def each_step(check):
    for step in (None, 1, 2, 3, 7):
        check(step)


def case_length_body_whole_and_byte_by_byte():
    def check(step):
        body, rest = decode(LengthBody(11), b"hello world" + NEXT, step)
        assert body == b"hello world", body
        assert NEXT.startswith(rest), rest  # what came after is left for the next request
    each_step(check)


def case_length_body_in_small_reads():
    body, rest = decode(LengthBody(10), b"0123456789" + NEXT, None, 3)
    assert body == b"0123456789" and rest == NEXT


def case_length_zero_is_done_at_once():
    f = LengthBody(0)
    assert f.done and f.next(b"abc", 0, 10) == (b"", 0)


def case_chunked_body():
    wire = b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
    def check(step):
        body, rest = decode(ChunkedBody(Limits()), wire + NEXT, step)
        assert body == b"hello world", (step, body)
        assert NEXT.startswith(rest), rest
    each_step(check)


def case_chunked_extensions_and_trailers_are_dropped():
    wire = b"3;name=value;x\r\nabc\r\n0;last\r\nTrailer-A: 1\r\nTrailer-B: 2\r\n\r\n"
    def check(step):
        body, rest = decode(ChunkedBody(Limits()), wire + NEXT, step)
        assert body == b"abc", body
        assert NEXT.startswith(rest)
    each_step(check)


def case_chunked_hex_sizes_and_bare_newlines():
    wire = b"A\nabcdefghij\r\n0\n\n"
    body, rest = decode(ChunkedBody(Limits()), wire)
    assert body == b"abcdefghij" and rest == b""


def case_chunked_truncated_wants_more():
    for cut in (1, 3, 8, 12, 14):
        wire = b"5\r\nhello\r\n0\r\n\r\n"[:cut]
        try:
            decode(ChunkedBody(Limits()), wire, 1)
        except EOFError:
            continue
        raise AssertionError("a body cut at %d looked complete" % cut)


def case_chunked_bad_framing_is_400():
    for wire in (b"zz\r\n", b"\r\n", b"5\r\nhelloXX0\r\n\r\n", b"123456789\r\n",
                 b"-1\r\n", b"+1\r\n", b"0x1\r\n", b"1_0\r\n", b"5 5\r\nhello\r\n"):
        def check(step):
            assert status_of(ChunkedBody(Limits()), wire + b"0\r\n\r\n", step) == 400, (wire, step)
        each_step(check)


def case_chunked_endless_size_line_is_400():
    limits = Limits(max_line=64)
    assert status_of(ChunkedBody(limits), b"0" * 200) == 400
    assert status_of(ChunkedBody(limits), b"0" * 200, 1) == 400


def case_chunked_over_max_body_is_413():
    limits = Limits(max_body=100)
    big = b"40\r\n" + b"a" * 64 + b"\r\n" + b"40\r\n" + b"a" * 64 + b"\r\n0\r\n\r\n"
    assert status_of(ChunkedBody(limits), big) == 413
    # Trailers count too: an endless trailer section is refused.
    assert status_of(ChunkedBody(limits), b"0\r\n" + b"T: x\r\n" * 50) == 413


def case_body_for_picks_the_framing():
    assert body_for({}) is None
    assert body_for({"content-length": b"0"}) is None
    assert isinstance(body_for({"content-length": b"7"}), LengthBody)
    assert isinstance(body_for({"transfer-encoding": b"chunked"}), ChunkedBody)
    for headers, status in (({"content-length": b"x"}, 400),
                            ({"content-length": b"1", "transfer-encoding": b"chunked"}, 400),
                            ({"transfer-encoding": b"gzip"}, 501),
                            ({"content-length": b"999999"}, 413)):
        try:
            body_for(headers)
        except HTTPError as e:
            assert e.status == status, (headers, e.status)
        else:
            raise AssertionError(headers)


def case_body_length():
    check(body_length({}) == 0)
    check(body_length({"content-length": b"12"}, SMALL) == 12)
    check(body_length({"transfer-encoding": b"chunked"}) == -1)
    check(body_length({"transfer-encoding": b"Chunked"}) == -1)
    check(status_of_call(body_length, {"content-length": b"101"}, SMALL) == 413)
    check(status_of_call(body_length, {"content-length": b"-1"}) == 400)
    check(status_of_call(body_length, {"content-length": b"1, 1"}) == 400)
    check(status_of_call(body_length, {"content-length": b"1", "transfer-encoding": b"chunked"}) == 400)
    check(status_of_call(body_length, {"transfer-encoding": b"gzip, chunked"}) == 501)


def case_chunk_size():
    check(parse_chunk_size(b"1a\r\n") == 26)
    check(parse_chunk_size(b"0;ext=1\r\n") == 0)
    for bad in (b"\r\n", b"zz\r\n", b"123456789\r\n"):
        check(status_of_call(parse_chunk_size, bad) == 400, repr(bad))
