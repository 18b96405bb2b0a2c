"""Sans-IO cases for the multipart parser and header helpers, no sockets.

Each `case_*` runs on CPython (test_multipart_parser.py) and inside the real micropython
binary (tests/mp_runner.py multipart_cases). Only the common subset is used here.
"""
from picoweb_multipart import (DATA, DONE, END, NEED_DATA, PART, MultipartError,
                               MultipartParser, boundary_of, safe_filename)
from picoweb_multipart.headers import parse_params

B = b"----WebKitFormBoundary7MA4YWxkTrZu0gW"

# Content that looks like a delimiter without being one: CRs, a CRLF and
# dashes, the boundary without its leading CRLF, a near miss in its last byte.
TRICKY = (b"\r\r\n\r\n-\r\n--\r\n--" + B[:-1] + b"X" + b"\n--" + B + b"\r" +
          bytes(range(256)) + b"\r\n--" + B[:20])


def body(parts, boundary=B, preamble=b"", epilogue=b"", close=True):
    """A multipart body from (headers bytes, content bytes) pairs."""
    out = [preamble]
    for headers, content in parts:
        out.append(b"--" + boundary + b"\r\n" + headers + b"\r\n\r\n" + content + b"\r\n")
    if close:
        out.append(b"--" + boundary + b"--" + epilogue)
    return b"".join(out)


def field(name, value):
    return (b'Content-Disposition: form-data; name="' + name + b'"', value)


def upload(name, filename, content, ctype=b"application/octet-stream"):
    return (b'Content-Disposition: form-data; name="' + name + b'"; filename="' + filename +
            b'"\r\nContent-Type: ' + ctype, content)


SAMPLE = body([field(b"title", b"Hello"), upload(b"file", b"a.bin", TRICKY),
               field(b"empty", b""), upload(b"file", b"b.txt", b"x" * 3000, b"text/plain")])
SAMPLE_PARTS = [("title", None, b"Hello"), ("file", "a.bin", TRICKY), ("empty", None, b""),
                ("file", "b.txt", b"x" * 3000)]


def chain(pieces):
    for piece in pieces:
        yield piece
    yield None


def pieces_of(data, size):
    for i in range(0, len(data), size):
        yield data[i:i + size]


def run(pieces, boundary=B, **kw):
    """Feed `pieces` then the end of input; returns [(name, filename, content), ...]
    and checks the events come in a valid order."""
    p = MultipartParser(boundary, **kw)
    out = []
    cur = None
    done = False
    for piece in chain(pieces):
        if piece is not None and not piece:
            continue  # feed(b"") means the end of input: only at the end
        p.feed(piece or b"")
        while True:
            ev = p.next()
            if ev == NEED_DATA:
                break
            if ev == PART:
                check(cur is None and not done, "PART inside a part")
                cur = [p.part.name, p.part.filename, bytearray()]
            elif ev == DATA:
                check(cur is not None and 0 < len(p.data) <= p.max_data,
                      "DATA outside a part, empty or too large")
                cur[2].extend(p.data)
            elif ev == END:
                check(cur is not None, "END outside a part")
                out.append((cur[0], cur[1], bytes(cur[2])))
                cur = None
            elif ev == DONE:
                check(cur is None, "DONE inside a part")
                done = True
                break
        if done:
            break
    check(done, "no DONE")
    return out


def check(cond, msg="check failed"):
    if not cond:
        raise AssertionError(msg)


def eq(a, b):
    if a != b:
        raise AssertionError("%r != %r" % (a, b))


def status_of(fn):
    try:
        fn()
    except MultipartError as e:
        return e.status
    return None


def case_whole_body():
    eq(run([SAMPLE]), SAMPLE_PARTS)


def case_byte_by_byte():
    eq(run(pieces_of(SAMPLE, 1)), SAMPLE_PARTS)


def case_split_at_every_offset():
    data = body([field(b"a", b"1"), upload(b"f", b"t.bin", TRICKY)])
    expected = [("a", None, b"1"), ("f", "t.bin", TRICKY)]
    for i in range(len(data) + 1):
        eq(run([data[:i], data[i:]]), expected)


def case_three_pieces_around_the_delimiter():
    data = body([upload(b"f", b"t.bin", b"abc\r\n-"), field(b"z", b"\r")])
    expected = [("f", "t.bin", b"abc\r\n-"), ("z", None, b"\r")]
    start = data.find(b"abc")
    for i in range(start, start + 60):
        for j in range(i, i + 50):
            eq(run([data[:i], data[i:j], data[j:]]), expected)


def case_fixed_pieces_of_a_large_file():
    content = bytes(range(256)) * 64 + TRICKY
    data = body([upload(b"f", b"big.bin", content)])
    for size in (1, 7, 64, 511, 512, 513):
        eq(run(pieces_of(data, size)),
           [("f", "big.bin", content)])


def case_little_is_held_back():
    # Content is handed on at once; only a possible delimiter start waits.
    p = MultipartParser(B)
    p.feed(b"--" + B + b'\r\nContent-Disposition: form-data; name="f"\r\n\r\n')
    eq(p.next(), PART)
    eq(p.next(), NEED_DATA)
    got = []
    for _ in range(50):
        p.feed(b"y" * 511 + b"\r")
        while True:
            ev = p.next()
            if ev == NEED_DATA:
                break
            eq(ev, DATA)
            got.append(len(p.data))
        check(len(p.buf) - p.pos <= len(B) + 3, "held %d bytes" % (len(p.buf) - p.pos))
    eq(sum(got), 50 * 512 - 1)


def case_preamble_epilogue_and_padding():
    data = (b"This is a preamble.\r\n--" + B + b" \t\r\n" +
            b'Content-Disposition: form-data; name="a"\r\n\r\nv\r\n--' + B + b"--\r\nepilogue")
    eq(run([data]), [("a", None, b"v")])
    eq(run([body([field(b"a", b"v")], preamble=b"junk\r\n", epilogue=b"\r\nmore")]),
       [("a", None, b"v")])


def case_unquoted_and_quoted_boundaries():
    eq(boundary_of("multipart/form-data; boundary=abc123"), b"abc123")
    eq(boundary_of('multipart/form-data; boundary="gc0p4Jq0M2Yt08j34c0p"'),
       b"gc0p4Jq0M2Yt08j34c0p")
    eq(boundary_of('Multipart/Form-Data; charset=utf-8; BOUNDARY="a b:c=d?"'), b"a b:c=d?")
    for bnd in (b"abc123", b"a b:c=d?", b"'()+_,-./:=?", b"x" * 70):
        data = body([field(b"n", b"1"), upload(b"f", b"q.txt", b"--" + bnd + b"x")], boundary=bnd)
        eq(run([data], boundary=bnd), [("n", None, b"1"), ("f", "q.txt", b"--" + bnd + b"x")])
        eq(run(pieces_of(data, 1), boundary=bnd)[1][2], b"--" + bnd + b"x")


def case_bad_content_types():
    eq(status_of(lambda: boundary_of("application/x-www-form-urlencoded")), 415)
    eq(status_of(lambda: boundary_of(None)), 415)
    eq(status_of(lambda: boundary_of("multipart/form-data")), 400)
    eq(status_of(lambda: boundary_of("multipart/form-data; boundary=")), 400)
    eq(status_of(lambda: boundary_of("multipart/form-data; boundary=" + "x" * 71)), 400)
    eq(status_of(lambda: boundary_of('multipart/form-data; boundary="a\\"b"')), 400)
    eq(status_of(lambda: boundary_of('multipart/form-data; boundary="ends "')), 400)


def case_filename_star_and_non_ascii_names():
    euro = "\u20ac"
    h = (b"Content-Disposition: form-data; name=\"f\"; filename=\"EUR rates.txt\"; "
         b"filename*=UTF-8''%E2%82%AC%20rates.txt")
    eq(run([body([(h, b"1")])]), [("f", euro + " rates.txt", b"1")])
    # filename* first, lower-case charset, a language tag
    h = b"Content-Disposition: form-data; filename*=utf-8'en'na%C3%AFve.txt; name=f"
    eq(run([body([(h, b"")])]), [("f", "na\u00efve.txt", b"")])
    # ISO-8859-1 charset
    h = b"Content-Disposition: form-data; name=f; filename*=iso-8859-1''caf%E9.txt"
    eq(run([body([(h, b"")])]), [("f", "caf\u00e9.txt", b"")])
    # what browsers send: raw UTF-8 in the quoted names
    h = "Content-Disposition: form-data; name=\"\u0434\u0430\u043d\u043d\u044b\u0435\"; " \
        "filename=\"\u65e5\u672c\u8a9e \u20ac.txt\"".encode()
    eq(run([body([(h, b"z")])]), [("\u0434\u0430\u043d\u043d\u044b\u0435",
                                   "\u65e5\u672c\u8a9e \u20ac.txt", b"z")])
    # Not UTF-8: read as ISO-8859-1
    h = b'Content-Disposition: form-data; name="f"; filename="caf\xe9.txt"'
    eq(run([body([(h, b"")])]), [("f", "caf\u00e9.txt", b"")])
    # A malformed or unknown filename* leaves the plain filename
    for bad in (b"UTF-8''%E2%82", b"UTF-8''%zz", b"koi8-r''%E9", b"noquotes%41"):
        h = b'Content-Disposition: form-data; name="f"; filename="plain.txt"; filename*=' + bad
        eq(run([body([(h, b"")])]), [("f", "plain.txt", b"")])


def case_quoted_strings():
    eq(parse_params('form-data; name="a;b"; filename="x \\"y\\".txt"'),
       ("form-data", {"name": "a;b", "filename": 'x "y".txt'}))
    eq(parse_params('form-data; name="f"; filename="C:\\Users\\me\\a.txt"')[1]["filename"],
       "C:\\Users\\me\\a.txt")
    eq(parse_params("form-data;name=plain ; filename = b.txt;flag")[1],
       {"name": "plain", "filename": "b.txt"})
    eq(parse_params('form-data; name=""')[1], {"name": ""})
    eq(status_of(lambda: parse_params('form-data; name="open')), 400)


def case_missing_final_boundary_is_400():
    data = body([field(b"a", b"1"), upload(b"f", b"x", TRICKY)], close=False)
    for cut in (data, data[:-2], data[:len(data) // 2], SAMPLE[:-2], SAMPLE[:-1],
                SAMPLE[:-len(B) - 3], b"", b"no delimiter at all",
                b"--" + B + b"\r\nContent-Disposition: form-data; name=\"a\""):
        eq(status_of(lambda: run([cut])), 400)
        eq(status_of(lambda: run(pieces_of(cut, 1))), 400)


def case_malformed_parts_are_400():
    no_disp = body([(b"Content-Type: text/plain", b"x")])
    not_form = body([(b'Content-Disposition: attachment; name="a"', b"x")])
    no_name = body([(b'Content-Disposition: form-data; filename="a"', b"x")])
    no_colon = body([(b'Content-Disposition form-data; name="a"', b"x")])
    folded = body([(b'Content-Disposition: form-data;\r\n name="a"', b"x")])
    garbage = b"--" + B + b"garbage\r\n" + SAMPLE
    no_headers = b"--" + B + b"\r\n\r\nx\r\n--" + B + b"--"
    for data in (no_disp, not_form, no_name, no_colon, folded, garbage, no_headers):
        eq(status_of(lambda: run([data])), 400)


def case_part_count_limit_is_413():
    data = body([field(b"n", b"%d" % i) for i in range(5)])
    eq(len(run([data], max_parts=5)), 5)
    eq(status_of(lambda: run([data], max_parts=4)), 413)


def case_part_header_limit_is_413():
    h, v = field(b"n" * 200, b"v")
    data = body([(h, v)])
    eq(len(run([data], max_header=len(h))), 1)
    eq(status_of(lambda: run([data], max_header=len(h) - 1)), 413)
    # Headers that never end are refused once over the limit, not buffered.
    p = MultipartParser(B, max_header=100)
    p.feed(b"--" + B + b"\r\nX-Long: ")
    eq(p.next(), NEED_DATA)
    p.feed(b"a" * 101)
    eq(status_of(p.next), 413)


def case_events_after_done():
    p = MultipartParser(B)
    p.feed(body([field(b"a", b"1")]))
    eq([p.next() for _ in range(4)], [PART, DATA, END, DONE])
    p.feed(b"epilogue bytes are ignored")
    eq(p.next(), DONE)
    p.feed(b"")
    eq(p.next(), DONE)


def case_safe_filename():
    eq(safe_filename("photo.jpg"), "photo.jpg")
    eq(safe_filename("../../etc/passwd"), "passwd")
    eq(safe_filename("C:\\Users\\me\\..\\photo.jpg"), "photo.jpg")
    eq(safe_filename("..."), "upload")
    eq(safe_filename(".htaccess"), "htaccess")
    eq(safe_filename("a\x00b\nc.txt"), "abc.txt")
    eq(safe_filename("\u65e5\u672c.txt"), "\u65e5\u672c.txt")
    eq(safe_filename(None), "upload")
    eq(safe_filename("dir/"), "upload")


def case_pieces_are_capped():
    for cap in (1, 5, 100, 512):
        eq(run([SAMPLE], max_data=cap), SAMPLE_PARTS)
        eq(run(pieces_of(SAMPLE, 700), max_data=cap), SAMPLE_PARTS)


def case_mutated_bodies_give_parts_or_a_multipart_error():
    # 400 mutated and truncated bodies, fed in odd pieces: each gives parts
    # or a MultipartError (400/413), never another exception.
    seed = 12345
    outcomes = {"parts": 0, "error": 0}
    small = body([field(b"a", b"1"), upload(b"f", b"t.bin", b"\r\n-" * 20)])
    for _ in range(400):
        data = bytearray(small)
        for _ in range(1 + seed % 4):
            seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
            if not data:
                data = bytearray(b"-")
            i = seed % len(data)
            op = (seed >> 8) % 3
            if op == 0:
                data[i] = (seed >> 12) & 0xFF
            elif op == 1:
                data = data[:i] + data[i + 1:]
            else:
                data = data[:i]
        data = bytes(data)
        try:
            run(pieces_of(data, 1 + seed % 13), max_parts=3, max_header=80)
            outcomes["parts"] += 1
        except MultipartError as e:
            check(e.status in (400, 413), "status %r" % e.status)
            outcomes["error"] += 1
    check(outcomes["parts"] > 0 and outcomes["error"] > 0, repr(outcomes))
