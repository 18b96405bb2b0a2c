"""A streamed body is closed when it will not be run to its end: a HEAD
request never runs it, and a client that leaves mid-stream closes it;
on_shutdown hooks run when the server shuts down. Both runtimes."""
import socket
import time

import pytest

import support
from support import request

RUNTIMES = support.RUNTIMES


@pytest.fixture(params=RUNTIMES)
def server(request, tmp_path):
    marker = str(tmp_path / "shutdown.txt")
    proc = support.AppProcess(request.param, support.ROOT + "/tests/apps/streams_app.py", [marker])
    proc.marker = marker
    proc.start()
    yield proc
    proc.stop()


def state(server):
    return request(server.port, "GET", "/state").json()


def test_head_of_an_endless_stream_answers_without_running_it(server):
    r = request(server.port, "HEAD", "/endless")
    assert r.status == 200 and r.body == b""
    s = state(server)
    assert s["closed"] == s["endless_runs"]  # made, closed, never left running


def test_a_client_leaving_mid_stream_closes_the_source(server):
    before = state(server)["closed"]
    s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    s.sendall(b"GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
    assert s.recv(4096).startswith(b"HTTP/1.1 200")
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    s.close()  # a reset: the server's next writes fail
    deadline = time.time() + 10
    while state(server)["closed"] == before and time.time() < deadline:
        time.sleep(0.1)
    assert state(server)["closed"] == before + 1


def test_on_shutdown_hooks_run(server):
    import os
    assert request(server.port, "POST", "/stop").body == b"stopping"
    deadline = time.time() + 10
    text = None
    while text != "on_shutdown ran" and time.time() < deadline:
        time.sleep(0.05)  # the file exists a moment before its text is written
        text = open(server.marker).read() if os.path.exists(server.marker) else None
    assert text == "on_shutdown ran"
