"""The `websockets` client library (from PyPI) against the server, on both runtimes."""
import pytest

import support

from websockets.exceptions import ConnectionClosed, ConnectionClosedError
from websockets.sync.client import connect

server = support.app_fixture("tests/plugins/websocket/ws_app.py")


def url(server, path):
    return "ws://127.0.0.1:%d%s" % (server.port, path)


def test_echo_many_messages(server):
    with connect(url(server, "/echo"), open_timeout=10, close_timeout=10) as ws:
        for i in range(200):
            msg = "message %d \u2713" % i
            ws.send(msg)
            assert ws.recv(timeout=10) == msg
        blob = bytes(range(256)) * 15
        ws.send(blob)
        assert ws.recv(timeout=10) == blob


def test_fragmented_message_from_the_library(server):
    with connect(url(server, "/echo"), open_timeout=10) as ws:
        ws.send(["frag", "mented ", "\u00e9"])  # an iterable: sent as fragments
        assert ws.recv(timeout=10) == "fragmented \u00e9"


def test_library_ping_gets_pong(server):
    with connect(url(server, "/echo"), open_timeout=10) as ws:
        pong = ws.ping(b"1234")
        assert pong.wait(10)


def test_clean_close_codes(server):
    with connect(url(server, "/echo"), open_timeout=10, close_timeout=10) as ws:
        ws.send("x")
        assert ws.recv(timeout=10) == "x"
        ws.close(1000, "done")
        assert ws.protocol.close_rcvd.code == 1000  # the server echoed the code
    with connect(url(server, "/bye"), open_timeout=10, close_timeout=10) as ws:
        assert ws.recv(timeout=10) == "bye"
        with pytest.raises(ConnectionClosed) as info:
            ws.recv(timeout=10)
        assert info.value.rcvd.code == 4000 and info.value.rcvd.reason == "done here"


def test_too_big_message_closes_1009(server):
    with connect(url(server, "/small"), open_timeout=10) as ws:
        ws.send("y" * 201)
        with pytest.raises(ConnectionClosedError) as info:
            ws.recv(timeout=10)
        assert info.value.rcvd.code == 1009


def test_live_counter_with_the_library(server):
    with connect(url(server, "/counter"), open_timeout=10) as ws:
        counts = [int(ws.recv(timeout=10)[6:]) for _ in range(5)]
        assert counts == sorted(counts) and len(set(counts)) == 5
        ws.send("ping?")
        got = []
        while "pong!" not in got and len(got) < 200:
            got.append(ws.recv(timeout=10))
        assert "pong!" in got


def test_subprotocol_with_the_library(server):
    with connect(url(server, "/proto"), subprotocols=["v1", "v2"], open_timeout=10) as ws:
        assert ws.subprotocol == "v2"
        assert ws.recv(timeout=10) == "v2"
