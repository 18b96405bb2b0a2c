"""apps/fidelity_app (issue 18): what a picoweb 1.x app meets, on each runtime.

- Iterating req.headers gives picoweb's bytes names and values.
- The automatic /static/ route is tried before the app's own patterns.
- Generator handlers `yield from uasyncio.sleep()` (asyncio.sleep once
  ported to CPython): directly, from a decorator and from a helper.
- An event stream that sleeps between events reaches the client as it goes.
"""
import socket

from compat_support import app_fixture
from support import Conn, read_response, request

server = app_fixture("fidelity_app")


def test_header_iteration_gives_bytes_names_and_values(server):
    r = request(server.port, "GET", "/headers", headers={"X-Mixed-Case": "Value 1"})
    assert r.status == 200
    lines = r.text.split("\n")
    assert lines[-2:] == ["end", ""], r.text          # the whole body, not cut short
    assert "x-mixed-case=Value 1" in lines and "host=test" in lines, r.text
    assert "x-mixed-case: Value 1" in lines and "host: test" in lines, r.text


def test_static_route_comes_before_a_catch_all_pattern(server):
    r = request(server.port, "GET", "/static/style.css")
    assert r.status == 200 and r.body == b"body { color: #333; }\n", (r.status, r.body)
    r = request(server.port, "GET", "/site/other.css")
    assert r.status == 200 and r.body == b"/* generated for site/other.css */"


def test_generator_handlers_yield_from_sleep(server):
    r = request(server.port, "GET", "/sleepy")
    assert r.status == 200 and r.body == b"slept helped", (r.status, r.body)


def test_event_stream_sleeping_between_events_streams(server):
    c = Conn(server.port, timeout=10)
    try:
        c.send(b"GET /events HTTP/1.1\r\nHost: t\r\n\r\n")
        f = c.f
        assert f.readline().startswith(b"HTTP/1.1 200"), "no status line"
        head = []
        while True:
            line = f.readline()
            assert line, "connection closed in the head"
            if line == b"\r\n":
                break
            head.append(line.lower())
        assert b"transfer-encoding: chunked\r\n" in head, head
        # The handler holds after the first event until /release: that event
        # must already be here.
        size = int(f.readline(), 16)
        assert f.read(size) == b"data: 0\n\n"
        f.readline()
        assert request(server.port, "GET", "/release").body == b"released"
        rest = b""
        while True:
            size = int(f.readline(), 16)
            if size == 0:
                break
            rest += f.read(size)
            f.readline()
        assert rest == b"data: 1\n\ndata: 2\n\n", rest
    finally:
        c.close()
