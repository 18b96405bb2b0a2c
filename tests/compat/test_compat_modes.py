"""apps/modes_app: per-route header modes from the route list's extra dict,
and handlers reading the rest of the request from req.reader."""
import socket
import time

from compat_support import app_fixture
from support import Conn, raw_request, read_response, request

server = app_fixture("modes_app")


def get(server, path, **kw):
    return request(server.port, "GET", path, **kw)


def test_parse_mode(server):
    assert get(server, "/parse", headers={"X-Mode": "p"}).body == b"parse: p"


def test_default_mode_is_parse(server):
    assert get(server, "/default", headers={"X-Mode": "d"}).body == b"default: d"
    assert get(server, "/default").body == b"default: none"


def test_skip_mode_keeps_no_headers(server):
    r = get(server, "/skip", headers={"X-Mode": "s"})
    assert r.status == 200 and r.body == b"skip: no headers;"


def test_skip_mode_body_still_readable_from_reader(server):
    # Head and body in one packet: the core has read the body ahead already.
    r = request(server.port, "POST", "/skip", body="hello")
    assert r.body == b"skip: no headers; body=hello"


def test_skip_mode_body_arriving_later(server):
    s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    try:
        s.sendall(b"POST /skip HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n")
        time.sleep(0.3)
        s.sendall(b"later")
        r = read_response(s.makefile("rb"))
        assert r.body == b"skip: no headers; body=later"
    finally:
        s.close()


def test_leave_mode_handler_reads_header_lines(server):
    r = get(server, "/leave", headers={"X-Mode": "l"})
    assert r.status == 200
    text = r.text
    assert text.startswith("leave: no headers;")
    lines = text.split(" lines=", 1)[1].split(" body=")[0].split("|")
    assert "Host: test" in lines and "X-Mode: l" in lines


def test_leave_mode_with_body_and_regex_route(server):
    out = raw_request(server.port, b"POST /leave/x HTTP/1.0\r\nContent-Length: 3\r\nX-A: 1\r\n\r\nabc")
    assert out.startswith(b"HTTP/1."), out[:100]
    assert out.endswith(b"lines=Content-Length: 3|X-A: 1 body=abc"), out


def test_app_parse_headers_on_headers_left_on_the_stream(server):
    r = get(server, "/parse-later", headers={"X-Mode": "late"})
    assert r.status == 200 and r.body == b"parsed later: late"


def test_after_a_skip_response_the_connection_is_closed_or_usable(server):
    c = Conn(server.port)
    try:
        r = c.request("GET", "/skip")
        assert r.status == 200
        if r.headers.get("connection") == "close":
            assert c.closed()
        else:
            assert c.request("GET", "/default").body == b"default: none"
    finally:
        c.close()
    assert get(server, "/nope").status == 404
    assert get(server, "/parse", headers={"X-Mode": "again"}).body == b"parse: again"
