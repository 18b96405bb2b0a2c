"""apps/exc_app: a global `async def handle_exc` in a WebApp subclass, a
serve() override, and the app's own logger given to run(log=...)."""
from compat_support import app_fixture
from support import Conn, request

server = app_fixture("exc_app", [("debug", 1), ("log", "applog")])


def get(server, path, **kw):
    return request(server.port, "GET", path, **kw)


def test_handle_exc_answers_errors_before_output(server):
    r = get(server, "/case1")
    assert r.status == 500
    assert r.text.startswith("We've got 500, cap! (ZeroDivisionError: ")
    r = get(server, "/case3")
    assert r.status == 500 and r.text.startswith("We've got 500, cap! (KeyError: ")


def test_error_after_output_started_cuts_the_response(server):
    c = Conn(server.port)
    try:
        c.send(b"GET /case2 HTTP/1.1\r\nHost: x\r\n\r\n")
        data = b""
        while True:
            part = c.sock.recv(4096)
            if not part:
                break
            data += part
        assert data.startswith(b"HTTP/1.")
        assert b"Here, I started to write something to response" in data
    finally:
        c.close()
    assert get(server, "/").status == 200


def test_run_goes_through_serve(server):
    assert get(server, "/served").json() == {"port": server.port}


def test_app_logger_gets_errors_and_access_lines(server):
    get(server, "/case1")
    lines = get(server, "/log").json()
    assert any(l.startswith("EXC ZeroDivisionError") for l in lines), lines
    assert any(l.startswith("INFO") and "/served" in l for l in lines), lines
