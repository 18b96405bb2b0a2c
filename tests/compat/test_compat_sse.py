"""apps/sse_app: server-sent events pushed to many clients by a background
task scheduled before app.run(); clients that go away are dropped."""
import json
import socket
import time

from compat_support import app_fixture
from support import request

server = app_fixture("sse_app")


def stats(server):
    return request(server.port, "GET", "/stats").json()


class Client:

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.sock.sendall(b"GET /events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
        self.f = self.sock.makefile("rb")
        self.status = self.f.readline()
        self.headers = []
        while True:
            line = self.f.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            self.headers.append(line.strip().lower())

    def events(self, n):
        out = []
        while len(out) < n:
            line = self.f.readline()
            if not line:
                break
            if line.startswith(b"data: "):
                out.append(int(line[6:]))
        return out

    def close(self):
        self.f.close()
        self.sock.close()


def wait_for(cond, timeout=5):
    end = time.time() + timeout
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.05)
    return False


def test_background_task_scheduled_before_run_is_running(server):
    first = stats(server)["pushed"]
    assert wait_for(lambda: stats(server)["pushed"] > first + 2)


def test_events_pushed_to_every_client(server):
    a = Client(server.port)
    b = Client(server.port)
    try:
        assert a.status.startswith(b"HTTP/1.0 200") and b.status.startswith(b"HTTP/1.0 200")
        assert b"content-type: text/event-stream" in a.headers
        ea, eb = a.events(5), b.events(5)
        assert len(ea) == 5 and len(eb) == 5
        assert ea == sorted(ea) and eb == sorted(eb)
        assert stats(server)["sinks"] == 2  # other requests are served meanwhile
        # Both clients get the same stream: later events line up.
        assert set(a.events(10)) & set(b.events(10))
    finally:
        a.close()
        b.close()
    assert wait_for(lambda: stats(server)["sinks"] == 0)


def test_client_that_went_away_is_dropped_others_keep_receiving(server):
    dropped = stats(server)["dropped"]
    a = Client(server.port)
    b = Client(server.port)
    try:
        a.events(2)
        b.events(2)
        a.close()
        assert wait_for(lambda: stats(server)["sinks"] == 1), stats(server)
        assert stats(server)["dropped"] >= dropped + 1
        got = b.events(5)
        assert len(got) == 5
    finally:
        b.close()
    assert wait_for(lambda: stats(server)["sinks"] == 0)
