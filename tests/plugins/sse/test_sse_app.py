"""Server-Sent Events end to end over real sockets, on both runtimes."""
import json
import socket
import time

import pytest

import support

server = support.app_fixture("tests/plugins/sse/sse_app.py")


class SSEClient:
    """Reads an event stream off a raw socket, undoing the chunked framing."""

    def __init__(self, port, path, version="1.1"):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.sock.sendall(("GET %s HTTP/%s\r\nHost: t\r\nAccept: text/event-stream\r\n\r\n"
                           % (path, version)).encode())
        self.f = self.sock.makefile("rb")
        self.status_line = self.f.readline().decode().strip()
        self.headers = {}
        while True:
            line = self.f.readline().decode()
            if line in ("\r\n", "\n", ""):
                break
            k, _, v = line.partition(":")
            self.headers[k.strip().lower()] = v.strip()
        self.chunked = self.headers.get("transfer-encoding") == "chunked"
        self.text = ""
        self.ended = False
        self.cut = False

    def _more(self):
        if self.chunked:
            line = self.f.readline()
            if not line:
                self.cut = True  # closed without the last chunk: the stream broke
                return False
            size = int(line.split(b";")[0], 16)
            if size == 0:
                self.f.readline()
                self.ended = True
                return False
            data = self.f.read(size)
            self.f.readline()
        else:
            data = self.f.read1(4096) if hasattr(self.f, "read1") else self.f.read(1)
            if not data:
                self.ended = True
                return False
        self.text += data.decode()
        return True

    def block(self):
        """The next event block (the lines before a blank line); None at the end."""
        while "\n\n" not in self.text:
            if not self._more():
                return None
        block, self.text = self.text.split("\n\n", 1)
        return block

    def rest(self):
        while self._more():
            pass
        return self.text

    def close(self):
        self.f.close()
        self.sock.close()


def state(server):
    return support.request(server.port, "GET", "/state").json()


def wait_for(cond, timeout=15):
    end = time.time() + timeout
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.05)
    return False


def test_event_stream_headers_and_fields(server):
    c = SSEClient(server.port, "/fixed")
    try:
        assert c.status_line.startswith("HTTP/1.1 200")
        assert c.headers["content-type"] == "text/event-stream"
        assert c.headers["cache-control"] == "no-cache"
        text = c.rest()
        assert c.ended
        head = ("data: first\n\n"
                "event: multi\nid: 2\ndata: line one\ndata: line two\ndata: line three\n\n"
                "id: 3\ndata: ")
        assert text.startswith(head) and text.endswith("\n\n"), text
        # JSON data (CPython escapes the non-ASCII, MicroPython need not).
        assert json.loads(text[len(head):-2]) == {"n": 3, "s": "caf\u00e9"}
    finally:
        c.close()


def test_stream_that_ends_keeps_the_connection(server):
    conn = support.Conn(server.port)
    try:
        r = conn.request("GET", "/fixed")
        assert r.status == 200 and r.headers["transfer-encoding"] == "chunked"
        assert r.body.startswith(b"data: first\n\n")
        assert conn.request("GET", "/retry").body == b"retry: 2500\n\ndata: only\n\n"
    finally:
        conn.close()


def test_head_gets_the_head_and_never_runs_the_source(server):
    before = state(server)
    r = support.request(server.port, "HEAD", "/gen")
    assert r.status == 200 and r.headers["content-type"] == "text/event-stream"
    assert r.body == b""
    after = state(server)
    assert after["gen_open"] == before["gen_open"] and after["gen"] == before["gen"]


def test_source_that_raises_cuts_the_stream_and_the_server_goes_on(server):
    c = SSEClient(server.port, "/broken")
    try:
        assert c.block() == "data: one"
        # The stream is cut without its last chunk: the client can tell it broke.
        assert c.block() is None
        assert c.cut and not c.ended
    finally:
        c.close()
    assert support.request(server.port, "GET", "/fixed").status == 200


def test_http10_client_gets_a_close_delimited_stream(server):
    c = SSEClient(server.port, "/fixed", version="1.0")
    try:
        assert "transfer-encoding" not in c.headers
        assert c.rest().startswith("data: first\n\n")
    finally:
        c.close()


def _leave_and_check_closed(server, path, kind, prefix):
    before = state(server)[kind]
    c = SSEClient(server.port, path)
    try:
        blocks = [c.block() for _ in range(5)]
        assert all(b is not None and prefix in b for b in blocks), blocks
        assert state(server)[kind + "_open"] >= 1
    finally:
        c.close()  # the client leaves mid-stream
    assert wait_for(lambda: state(server)[kind] == before + 1), state(server)
    assert state(server)[kind + "_open"] == 0
    assert support.request(server.port, "GET", "/fixed").status == 200


def test_plain_generator_closed_when_the_client_leaves(server):
    _leave_and_check_closed(server, "/gen", "gen", "data: gen ")


def test_async_iterator_closed_when_the_client_leaves(server):
    _leave_and_check_closed(server, "/iter", "iter", "data: tick ")


def test_callback_source_stopped_when_the_client_leaves(server):
    _leave_and_check_closed(server, "/callback", "callback", "event: push")


def test_async_generator_closed_when_the_client_leaves(server):
    if server.runtime == "micropython":
        pytest.skip("MicroPython has no async generators (the other sources cover it)")
    _leave_and_check_closed(server, "/agen", "agen", "data: agen ")


def test_ids_and_order_of_a_long_stream(server):
    c = SSEClient(server.port, "/gen")
    try:
        ids = []
        for _ in range(300):
            lines = c.block().split("\n")
            assert lines[1] == "data: gen " + lines[0][4:]
            ids.append(int(lines[0][4:]))
        assert ids == list(range(300))
    finally:
        c.close()


def test_keepalive_comments_while_quiet_and_source_closed_on_leaving(server):
    before = state(server)["quiet"]
    c = SSEClient(server.port, "/quiet")
    try:
        assert c.block() == "data: hello"
        assert c.block() == ": keep-alive"
        assert c.block() == ": keep-alive"
    finally:
        c.close()
    # The source sleeps for an hour: it is cancelled once the keep-alive
    # writes find the client gone.
    assert wait_for(lambda: state(server)["quiet"] == before + 1), state(server)


def test_many_streams_at_once(server):
    clients = [SSEClient(server.port, "/callback") for _ in range(4)]
    try:
        for c in clients:
            assert "event: push" in c.block()
        assert support.request(server.port, "GET", "/fixed").status == 200
        for c in clients:
            assert "event: push" in c.block()
    finally:
        for c in clients:
            c.close()
    assert wait_for(lambda: state(server)["callback_open"] == 0)
