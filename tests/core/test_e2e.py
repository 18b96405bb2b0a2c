"""End-to-end: tests/apps/core_app.py served over real sockets, once on CPython
and once on the real micropython binary; the same assertions for both."""
import socket
import threading
import time

import pytest

from support import Conn, app_fixture, raw_request, request

server = app_fixture("tests/apps/core_app.py")


def get(server, path, **kw):
    return request(server.port, "GET", path, **kw)


def still_serving(server):
    r = get(server, "/")
    assert r.status == 200 and r.body == b"hello"


def test_hello(server):
    r = get(server, "/")
    assert (r.status, r.reason, r.body) == (200, "OK", b"hello")
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.headers["content-length"] == "5"


def test_json_and_params(server):
    assert get(server, "/json").json() == {"a": 1, "b": [1, 2]}
    assert get(server, "/user/12").json() == {"uid": 12, "type": "int"}
    assert get(server, "/user/x").status == 404
    assert get(server, "/name/caf%C3%A9").json() == {"name": "caf\u00e9"}
    assert get(server, "/files/a/b/c.txt").json() == {"rest": "a/b/c.txt"}
    assert get(server, "/re/abc").json() == {"group": "abc"}
    assert get(server, "/re/ABC").status == 404


def test_path_forms(server):
    assert get(server, "/path-info/caf%C3%A9").json() == {
        "path": "/path-info/caf%C3%A9", "decoded": "/path-info/caf\u00e9", "name": "caf\u00e9"}
    assert get(server, "/path-info/%FF").status == 400


def test_404_and_405(server):
    r = get(server, "/nope")
    assert r.status == 404 and r.reason == "Not Found" and b"404" in r.body
    r = get(server, "/only-post")
    assert r.status == 405 and r.headers["allow"] == "POST"
    assert request(server.port, "POST", "/only-post", body="").body == b"posted"
    assert get(server, "/both").body == b"got"
    assert request(server.port, "PUT", "/both", body="").body == b"put"
    r = request(server.port, "DELETE", "/both")
    assert r.status == 405 and r.headers["allow"] == "GET, PUT, HEAD"


def test_central_route_list(server):
    r = get(server, "/listed")
    assert r.json() == {"listed": True, "method": "GET"}
    assert r.headers["content-type"] == "application/json"
    assert get(server, "/listed-post").status == 405
    assert request(server.port, "POST", "/listed-post", body="").json()["method"] == "POST"
    assert get(server, "/routes-untouched").json() == {"same": True}


def test_no_socket_leaks_on_error_paths(server):
    import os
    fd_dir = "/proc/%d/fd" % server.proc.pid
    if not os.path.isdir(fd_dir):
        pytest.skip("no /proc to count the server's sockets")
    still_serving(server)
    time.sleep(0.3)
    before = len(os.listdir(fd_dir))
    for _ in range(5):
        raw_request(server.port, b"GARBAGE\r\n\r\n")
        raw_request(server.port, b"GET /error-mid HTTP/1.1\r\nHost: t\r\n\r\n")
        raw_request(server.port, b"GET /" + b"a" * 300 + b" HTTP/1.1\r\nHost: t\r\n\r\n")
        s = socket.create_connection(("127.0.0.1", server.port))
        s.sendall(b"POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nx")
        s.close()
        get(server, "/error")
    time.sleep(0.5)
    still_serving(server)
    time.sleep(0.3)
    assert len(os.listdir(fd_dir)) <= before


def test_mount_matches_segments(server):
    assert get(server, "/sub").json()["sub"] == "index"
    r = get(server, "/sub/").json()
    assert r["path"] == "/" and r["prefix"] == "/sub" and r["inits"] == 1
    assert get(server, "/sub/x").json() == {"sub": "x"}
    assert get(server, "/subway").status == 404
    assert get(server, "/sub/nope").status == 404


def test_keep_alive_many_requests_one_connection(server):
    c = Conn(server.port)
    try:
        for i in range(20):
            r = c.request("GET", "/user/%d" % i)
            assert r.json()["uid"] == i
            assert "connection" not in r.headers
    finally:
        c.close()


def test_pipelined_requests_answered_in_order(server):
    c = Conn(server.port)
    try:
        c.send(b"GET /user/1 HTTP/1.1\r\nHost: x\r\n\r\n"
               b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
               b"GET /user/2 HTTP/1.1\r\nHost: x\r\n\r\n"
               b"GET /stream HTTP/1.1\r\nHost: x\r\n\r\n"
               b"GET /user/3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert c.read().json()["uid"] == 1
        assert c.read().body == b"abc"
        assert c.read().json()["uid"] == 2
        assert c.read().body == b"part0;part1;part2;"
        last = c.read()
        assert last.json()["uid"] == 3 and last.headers["connection"] == "close"
        assert c.closed()
    finally:
        c.close()


def test_a_flood_of_pipelined_requests_is_answered_in_full(server):
    # 10,000 requests (340 KB) sent in one go: more than the server
    # buffers before it stops reading, so it must start reading again.
    n = 10000
    c = Conn(server.port, timeout=20)
    try:
        t = threading.Thread(target=c.send, args=(b"GET /user/7 HTTP/1.1\r\nHost: x\r\n\r\n" * n,))
        t.start()
        ok = sum(c.read().status == 200 for _ in range(n))
        t.join()
        assert ok == n
    finally:
        c.close()


def test_a_client_flooding_pipelined_requests_does_not_hold_up_another(server):
    # The flood keeps the server busy for a second or more; a second client
    # must still get its turn at once, not after the flood.
    n = 60000 if server.runtime == "cpython" else 6000
    a = Conn(server.port, timeout=30)
    answered = [0]

    def read_all():
        # Raw and fast, so the server never has to wait for this client to read.
        tail = b""  # shorter than the status line: no answer is counted twice
        while answered[0] < n:
            data = a.sock.recv(1 << 20)
            if not data:
                break
            data = tail + data
            answered[0] += data.count(b"HTTP/1.1 200 ")
            tail = data[-12:]

    try:
        sender = threading.Thread(target=a.send, args=(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" * n,))
        reader = threading.Thread(target=read_all)
        sender.start()
        reader.start()
        while answered[0] < 200 and reader.is_alive():
            time.sleep(0.005)
        start = time.time()
        r = request(server.port, "GET", "/json")
        waited = time.time() - start
        in_flood = answered[0] < n - n // 4
        sender.join()
        reader.join()
        assert r.status == 200 and answered[0] == n
        assert in_flood, "the second client was answered only as the flood ended"
        assert waited < 1.0, "the second client waited %.2f s behind the flood" % waited
    finally:
        a.close()


def test_http10_and_connection_close(server):
    c = Conn(server.port)
    try:
        r = c.request("GET", "/", version="1.0")
        assert r.version == "HTTP/1.0" and r.headers["connection"] == "close"
        assert c.closed()
    finally:
        c.close()
    c = Conn(server.port)
    try:
        r = c.request("GET", "/", version="1.0", headers={"Connection": "keep-alive"})
        assert r.headers["connection"] == "keep-alive"
        assert c.request("GET", "/json", version="1.0",
                         headers={"Connection": "keep-alive"}).json()["a"] == 1
    finally:
        c.close()
    c = Conn(server.port)
    try:
        r = c.request("GET", "/", headers={"Connection": "close"})
        assert r.headers["connection"] == "close" and c.closed()
    finally:
        c.close()


def test_head_sends_no_body(server):
    c = Conn(server.port)
    try:
        r = c.request("HEAD", "/json")
        assert r.status == 200 and r.headers["content-length"] == "21" and r.body == b""
        r = c.request("HEAD", "/writer")
        assert r.status == 200
        # The next response must start right away: no stray body bytes between.
        assert c.request("GET", "/").body == b"hello"
    finally:
        c.close()


def test_request_bodies(server):
    assert request(server.port, "POST", "/echo", body=b"x" * 2000).body == b"x" * 2000
    r = request(server.port, "POST", "/form", body="a=1&a=2&b=caf%C3%A9+ok",
                headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.json() == {"form": {"a": "1", "b": "caf\u00e9 ok"}, "all": ["1", "2"]}
    r = request(server.port, "POST", "/jsonbody", body='{"k": [1, "\u00e9"]}',
                headers={"Content-Type": "application/json"})
    assert r.json() == {"got": {"k": [1, "\u00e9"]}}
    r = request(server.port, "POST", "/jsonbody", body="{nope",
                headers={"Content-Type": "application/json"})
    assert r.status == 400


def test_chunked_request_body(server):
    c = Conn(server.port)
    try:
        c.send(b"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
               b"5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\n")
        assert c.read().body == b"hello, world"
        assert c.request("GET", "/").body == b"hello"
    finally:
        c.close()


def test_body_read_in_bounded_parts(server):
    r = request(server.port, "POST", "/echo-parts", body=b"y" * 1500)
    assert r.json()["total"] == 1500 and max(r.json()["sizes"]) <= 100


def test_unread_body_is_skipped_for_the_next_request(server):
    c = Conn(server.port)
    try:
        assert c.request("POST", "/ignore-body", body=b"z" * 1000).body == b"ignored"
        assert c.request("GET", "/").body == b"hello"
    finally:
        c.close()


def test_expect_100_continue(server):
    c = Conn(server.port)
    try:
        c.send(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
               b"Expect: 100-continue\r\n\r\n")
        assert c.f.readline() == b"HTTP/1.1 100 Continue\r\n"
        assert c.f.readline() == b"\r\n"
        c.send(b"data")
        assert c.read().body == b"data"
    finally:
        c.close()


@pytest.mark.parametrize("data,status", [
    (b"GET /" + b"a" * 300 + b" HTTP/1.1\r\nHost: t\r\n\r\n", 414),
    (b"GET /" + b"a" * 300, 414),
    (b"GET / HTTP/1.1\r\nHost: t\r\n" + b"".join(b"H%d: v\r\n" % i for i in range(13)) + b"\r\n", 431),
    (b"GET / HTTP/1.1\r\nHost: t\r\nBig: " + b"x" * 1100 + b"\r\n\r\n", 431),
    (b"GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 3000\r\n\r\n", 413),
    (b"POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" + b"400\r\n" + b"a" * 1024
     + b"\r\n" + b"401\r\n" + b"a" * 1025 + b"\r\n0\r\n\r\n", 413),
    (b"POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
    (b"POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
    (b"POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: x\r\n\r\n", 400),
    (b"POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
    (b"POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" + b"0" * 600, 400),
    (b"POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n" + b"T: x\r\n" * 500, 413),
    (b"GARBAGE\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nHost: t\r\nNoColon\r\n\r\n", 400),
    (b"GET / HTTP/3.0\r\n\r\n", 505),
    (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 40 + b"\r\n\r\n", 400),
])
def test_bad_requests_get_status_and_server_keeps_serving(server, data, status):
    out = raw_request(server.port, data)
    assert out.startswith(b"HTTP/1.1 %d " % status), out[:80]
    still_serving(server)


def test_a_header_value_that_is_not_utf8_matters_only_when_read(server):
    # Latin-1 in a value no one reads: served. Read as text: 400, and the
    # server keeps serving.
    out = raw_request(server.port, b"GET / HTTP/1.1\r\nHost: t\r\nX-Latin: caf\xe9\r\n\r\n")
    assert out.startswith(b"HTTP/1.1 200 ") and out.endswith(b"hello"), out[:80]
    out = raw_request(server.port, b"GET /headers HTTP/1.1\r\nHost: t\r\nX-Test: caf\xe9\r\n\r\n")
    assert out.startswith(b"HTTP/1.1 400 "), out[:80]
    still_serving(server)


def test_blank_lines_then_end_of_input_close_quietly(server):
    # Stray blank lines (allowed between requests) and then the end of the
    # input: nothing was asked, so nothing is answered, not a 400.
    assert raw_request(server.port, b"\r\n\r\n") == b""
    assert raw_request(server.port, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n\r\n").count(b"HTTP/1.1 ") == 1
    still_serving(server)


def test_error_reaches_a_client_still_sending(server):
    # The server answers 413 before reading the whole body; closing with the
    # rest unread would reset the connection and lose the answer, so the
    # server reads and drops what is still coming first.
    data = (b"POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" +
            (b"400\r\n" + b"a" * 1024 + b"\r\n") * 8 + b"0\r\n\r\n")
    out = raw_request(server.port, data, half_close=False)
    assert out.startswith(b"HTTP/1.1 413 "), out[:80]
    still_serving(server)


def test_client_closing_mid_head_and_mid_body(server):
    raw_request(server.port, b"GET / HTTP/1.1\r\nHost", timeout=0.2)
    s = socket.create_connection(("127.0.0.1", server.port))
    s.sendall(b"POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nonly part")
    s.close()
    still_serving(server)


def test_slow_head_gets_408(server):
    s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    try:
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        start = time.time()
        data = s.recv(1000)
        assert data.startswith(b"HTTP/1.1 408 "), data
        assert time.time() - start < 4
    finally:
        s.close()
    still_serving(server)


def test_slow_body_gets_408(server):
    s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    try:
        s.sendall(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
        data = s.recv(1000)
        assert data.startswith(b"HTTP/1.1 408 "), data
    finally:
        s.close()
    still_serving(server)


def test_idle_keep_alive_connection_closed_quietly(server):
    c = Conn(server.port)
    try:
        assert c.request("GET", "/").status == 200
        start = time.time()
        assert c.sock.recv(100) == b""  # closed with no bytes: no 408 for an idle client
        assert time.time() - start < 4
    finally:
        c.close()


def test_client_that_stops_reading_is_cut_off(server):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.connect(("127.0.0.1", server.port))
    try:
        s.sendall(b"GET /flood HTTP/1.1\r\nHost: x\r\n\r\n")
        assert s.recv(100).startswith(b"HTTP/1.1 200 ")
        time.sleep(2.5)  # request_timeout is 1 s in the test app; never read again
        assert get(server, "/conns").json()["conns"] == 1  # only this request's
    finally:
        s.close()
    still_serving(server)


def test_silent_client_closed_quietly(server):
    assert raw_request(server.port, b"", timeout=4) == b""
    still_serving(server)


def test_cookies(server):
    r = get(server, "/cookies", headers={"Cookie": 'a=1; b="two"'})
    assert r.json() == {"cookies": {"a": "1", "b": "two"}}
    assert r.headers["set-cookie"] == "session=abc; Max-Age=60; Path=/; HttpOnly"


def test_headers_lookup(server):
    r = get(server, "/headers", headers={"x-TeSt": "v"})
    assert r.json() == {"str": "v", "lower": "v", "bytes": "v", "is_bytes": True,
                        "missing": None, "has": True}


def test_query_args(server):
    r = get(server, "/args?a=1&a=2&page=3&u=%C3%A9&s=a+b").json()
    assert r["args"] == {"a": "1", "page": "3", "u": "\u00e9", "s": "a b"}
    assert r["all"] == ["1", "2"] and r["page"] == 3
    assert get(server, "/args?u=%FF").status == 400


def test_slow_reader_gets_every_byte_and_others_are_served_meanwhile(server):
    c = Conn(server.port)
    try:
        c.send(b"GET /big-stream HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.3)  # the server fills the socket buffers and has to wait
        assert request(server.port, "GET", "/").status == 200  # not blocked by it
        raw = b""
        for i in range(20):  # a slow start
            raw += c.sock.recv(16384)
            time.sleep(0.01)
        c.sock.settimeout(10)
        while not raw.endswith(b"\r\n0\r\n\r\n"):
            data = c.sock.recv(1 << 16)
            assert data, "connection closed before the end"
            raw += data
    finally:
        c.close()
    head, _, rest = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and b"chunked" in head.lower()
    body = b""
    while True:
        line, _, rest = rest.partition(b"\r\n")
        size = int(line, 16)
        if size == 0:
            break
        body, rest = body + rest[:size], rest[size + 2:]
    assert body == b"".join(b"%07d" % i + b"." * 4089 for i in range(768))


def test_a_large_body_then_close_reaches_a_late_reader_whole(server):
    # The server has written what the kernel took and closed while the rest
    # waited: the rest still goes out, then the end of stream.
    s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    try:
        s.sendall(b"GET /big-body HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        time.sleep(0.5)
        raw = b""
        while True:
            data = s.recv(1 << 16)
            if not data:
                break
            raw += data
    finally:
        s.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    n = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
    assert head.startswith(b"HTTP/1.1 200") and n >= 1 << 18
    assert body == b"0123456789abcdef" * (n // 16)


def test_small_streamed_parts_go_out_in_few_chunks(server):
    # The chunk sizes as sent: a template's rows, one chunk each, would cost a
    # frame and a send per row.
    c = Conn(server.port)
    try:
        c.send(b"GET /stream-many HTTP/1.1\r\nHost: x\r\n\r\n")
        while c.f.readline() not in (b"\r\n", b""):
            pass
        sizes, body = [], b""
        while True:
            size = int(c.f.readline(), 16)
            if size == 0:
                break
            sizes.append(size)
            body += c.f.read(size)
            assert c.f.readline() == b"\r\n"
    finally:
        c.close()
    rows = b"".join(b"row%03d;" % i for i in range(150))
    assert body == rows + b"B" * 2000 + b"[buf]" + b"".join(b"row%03d;" % i for i in range(150, 300))
    assert 2000 in sizes and 5 in sizes  # the large part and the buffer as they are
    assert max(s for s in sizes if s != 2000) <= 512
    assert len(sizes) <= 8, sizes  # 4,200 bytes of 7-byte parts: 604 chunks without gathering


def test_returned_bodies_of_every_kind_and_size(server):
    c = Conn(server.port)
    try:
        # One keep-alive connection: each response must end exactly where its
        # Content-Length says, or the next one would be misread.
        for kind, body in (("bytes", b"plain bytes"), ("bytearray", b"from a bytearray"),
                           ("memoryview", b"from a memoryview"),
                           ("big", b"0123456789" * 300)):
            r = c.request("GET", "/body/" + kind)
            assert (r.status, r.body) == (200, body), kind
            assert r.headers["content-length"] == str(len(body))
        r = c.request("HEAD", "/body/big")
        assert (r.status, r.body, r.headers["content-length"]) == (200, b"", "3000")
        r = c.request("GET", "/body/bytes", version="1.0", headers={"Connection": "keep-alive"})
        assert (r.body, r.headers["connection"]) == (b"plain bytes", "keep-alive")
        assert c.request("GET", "/body/bytes").body == b"plain bytes"
    finally:
        c.close()


def test_response_helpers(server):
    r = get(server, "/redirect")
    assert r.status == 302 and r.headers["location"] == "/target"
    r = get(server, "/tuple")
    assert (r.status, r.reason, r.body, r.headers["x-a"]) == (201, "Created", b"created", "1")
    r = get(server, "/nothing")
    assert r.status == 204 and r.body == b""


def test_streaming_and_writer_styles(server):
    r = get(server, "/stream")
    assert r.headers["transfer-encoding"] == "chunked" and r.body == b"part0;part1;part2;"
    r = get(server, "/writer")
    assert r.headers["content-type"] == "text/plain" and r.body == b"one,two,three"
    r = get(server, "/writer-len")
    assert r.headers["content-length"] == "5" and r.body == b"hello"
    assert get(server, "/gen").body == b"gen ok"


def test_no_header_injection_through_redirects(server):
    r = get(server, "/inject?to=/x%0d%0aSet-Cookie:%20evil=1")
    assert r.status == 500 and "set-cookie" not in r.headers
    assert get(server, "/inject?to=/ok").headers["location"] == "/ok"


def test_raw_status_line_closes_connection(server):
    c = Conn(server.port)
    try:
        c.send(b"GET /rawstatus HTTP/1.1\r\nHost: x\r\n\r\n")
        assert c.f.read() == b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nraw body"
    finally:
        c.close()


def test_errors(server):
    r = get(server, "/error")
    assert r.status == 500 and r.body == b"500 Internal Server Error\n"
    assert get(server, "/forbidden").status == 403
    r = get(server, "/teapot")
    assert (r.status, r.reason, r.body) == (418, "I'm a Teapot", b"short and stout")
    r = get(server, "/gone")
    assert r.status == 410 and r.json() == {"error": "gone"}
    still_serving(server)


def test_error_mid_response_cuts_the_connection(server):
    out = raw_request(server.port, b"GET /error-mid HTTP/1.1\r\nHost: x\r\n\r\n")
    assert out.startswith(b"HTTP/1.1 200 OK")
    assert b"partial" in out
    # Never a terminating chunk (it would say the body is complete) nor a second status line.
    assert not out.endswith(b"0\r\n\r\n") and out.count(b"HTTP/1.1") == 1
    still_serving(server)


def test_hooks(server):
    r = get(server, "/blocked")
    assert r.status == 403 and r.body == b"blocked by hook"
    assert get(server, "/json").headers["x-after"] == "yes"


def test_background_task_shares_the_loop(server):
    a = get(server, "/ticks").json()["ticks"]
    time.sleep(0.3)
    b = get(server, "/ticks").json()["ticks"]
    assert b > a


def test_concurrent_clients(server):
    results = []

    def client(i):
        try:
            r = request(server.port, "GET", "/user/%d" % i)
            results.append(r.json()["uid"] == i)
        except OSError as e:
            results.append(e)

    # The app's cap is 8 and 4 more may wait for a slot: 12 at once are all
    # served whatever the timing (a 13th could get 503, by design).
    threads = [threading.Thread(target=client, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [True] * 12


def test_idle_connections_give_their_slots_to_new_clients(server):
    # Silent for over a second: speculative preconnects, not clients about to send.
    idle = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(10)]
    try:
        time.sleep(1.2)
        r = get(server, "/conns").json()
        assert r["cap"] == 8 and 1 <= r["conns"] <= 9
    finally:
        for s in idle:
            s.close()
    still_serving(server)


def test_a_client_that_just_connected_keeps_its_slot(server):
    # Eight fresh connections fill the cap; a ninth client must wait for a
    # slot rather than cut off one of them before its request arrives.
    fresh = [Conn(server.port) for _ in range(8)]
    try:
        time.sleep(0.1)
        late = []
        t = threading.Thread(target=lambda: late.append(get(server, "/").status))
        t.start()
        time.sleep(0.2)
        for c in fresh:
            c.send(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert [c.read().status for c in fresh] == [200] * 8
        t.join()
        assert late == [200]
    finally:
        for c in fresh:
            c.close()
    still_serving(server)


def test_past_the_cap_some_wait_and_the_rest_get_503(server):
    results = []

    def slow():
        results.append(get(server, "/slow").status)

    busy = [threading.Thread(target=slow) for _ in range(12)]  # 8 served, 4 waiting (max_waiting)
    for t in busy:
        t.start()
        time.sleep(0.01)
    time.sleep(0.2)
    try:
        r = get(server, "/")
        assert r.status == 503 and r.headers["connection"] == "close"
    finally:
        for t in busy:
            t.join()
    assert results == [200] * 12  # the waiting ones were served once slots freed
    still_serving(server)


def test_slow_requests_overlap(server):
    start = time.time()
    threads = [threading.Thread(target=get, args=(server, "/slow")) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert time.time() - start < 1.8  # 4 x 0.5 s handlers run concurrently


def test_shutdown_finishes_in_flight_requests(server):
    # Runs last in this module: the server stops.
    got = []
    t = threading.Thread(target=lambda: got.append(get(server, "/slow")))
    t.start()
    time.sleep(0.15)
    assert request(server.port, "POST", "/shutdown", body="").body == b"bye"
    t.join()
    assert got[0].status == 200 and got[0].body == b"slow done"
    server.proc.wait(timeout=10)
    assert server.proc.returncode == 0
