"""WebSockets over real sockets, with hand-made frames, on both runtimes."""
import socket
import time

import pytest
from ws_client import RawWS, expected_accept

import support

APP = "tests/plugins/websocket/ws_app.py"
server = support.app_fixture(APP)

TEXT, BINARY, CLOSE, PING, PONG = 1, 2, 8, 9, 10


def wait_for(cond, timeout=10):
    end = time.time() + timeout
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.05)
    return False


def open_count(port):
    return support.request(port, "GET", "/stats").json()["open"]


def test_handshake_answers_101_with_the_accept_key(server):
    ws = RawWS(server.port)
    try:
        assert ws.status == 101, ws.status_line
        assert ws.headers["upgrade"].lower() == "websocket"
        assert ws.headers["connection"].lower() == "upgrade"
        assert ws.headers["sec-websocket-accept"] == expected_accept(ws.key)
        assert "sec-websocket-protocol" not in ws.headers
    finally:
        ws.close()


@pytest.mark.parametrize("headers,status", [
    ({"Upgrade": None, "Connection": None}, 426),
    ({"Sec-WebSocket-Version": "8"}, 426),
    ({"Sec-WebSocket-Key": "c2hvcnQ="}, 400),
    ({"Sec-WebSocket-Key": None}, 400),
])
def test_bad_handshakes_get_http_errors(server, headers, status):
    ws = RawWS(server.port, headers=headers)
    try:
        assert ws.status == status, ws.status_line
        if status == 426:
            assert ws.headers["sec-websocket-version"] == "13"
    finally:
        ws.close()
    # The server goes on.
    assert support.request(server.port, "GET", "/ping").body == b"pong"


def test_post_to_a_websocket_route_is_405(server):
    r = support.request(server.port, "POST", "/echo", body="x")
    assert r.status == 405 and r.headers["allow"] == "GET"


def test_echo_text_and_binary(server):
    ws = RawWS(server.port)
    try:
        ws.send_frame(TEXT, "h\u00e9llo")
        assert ws.frame() == (True, TEXT, "h\u00e9llo".encode())
        ws.send_frame(BINARY, bytes(range(256)))
        assert ws.frame() == (True, BINARY, bytes(range(256)))
        big = bytes(i * 13 & 0xFF for i in range(4000))  # 16-bit length, within 4096
        ws.send_frame(BINARY, big)
        assert ws.frame() == (True, BINARY, big)
    finally:
        ws.close()


def test_large_messages_from_the_server(server):
    ws = RawWS(server.port, "/big")
    try:
        for n in (10000, 70000):  # 16- and 64-bit lengths
            assert ws.frame() == (True, BINARY, bytes(i * 7 & 0xFF for i in range(n)))
    finally:
        ws.close()


def test_frames_sent_one_byte_at_a_time(server):
    ws = RawWS(server.port)
    try:
        data = (ws_frame(TEXT, "split", fin=False) + ws_frame(PING, "pp") +
                ws_frame(0, " up"))
        for i in range(len(data)):
            ws.send(data[i:i + 1])
        assert ws.frame() == (True, PONG, b"pp")
        assert ws.frame() == (True, TEXT, b"split up")
    finally:
        ws.close()


def ws_frame(op, payload, **kw):
    from ws_frames import client_frame
    return client_frame(op, payload, **kw)


def test_ping_answered_with_pong_of_the_same_payload(server):
    ws = RawWS(server.port)
    try:
        ws.send_frame(PING, b"are you there")
        assert ws.frame() == (True, PONG, b"are you there")
        ws.send_frame(PONG, b"unsolicited")  # ignored
        ws.send_frame(TEXT, "still here")
        assert ws.frame() == (True, TEXT, b"still here")
    finally:
        ws.close()


def test_idle_peer_is_pinged_and_kept_while_it_answers(server):
    ws = RawWS(server.port, "/pinged")
    try:
        for _ in range(3):
            fin, op, payload = ws.frame()  # nothing sent: the server pings
            assert op == PING
            ws.send_frame(PONG, payload)
        ws.send_frame(TEXT, "alive")
        f = ws.frame()
        while f[1] == PING:
            ws.send_frame(PONG, f[2])
            f = ws.frame()
        assert f == (True, TEXT, b"alive")
    finally:
        ws.close()


def test_peer_that_stops_answering_pings_is_dropped(server):
    ws = RawWS(server.port, "/pinged")
    try:
        assert ws.frame()[1] == PING  # and no pong: the peer looks gone
        assert ws.eof()
    finally:
        ws.close()
    # Every test closes its WebSockets (the server may notice a little later).
    assert wait_for(lambda: open_count(server.port) == 0)


def test_close_handshake_started_by_the_client(server):
    ws = RawWS(server.port)
    try:
        ws.send_frame(TEXT, "one")
        assert ws.frame()[2] == b"one"
        ws.send_frame(CLOSE, b"\x03\xe8bye")
        assert ws.close_frame() == (1000, "")
        assert ws.eof()  # the server closes the TCP connection after the handshake
    finally:
        ws.close()
    assert wait_for(lambda: open_count(server.port) == 0)


def test_close_handshake_started_by_the_server(server):
    ws = RawWS(server.port, "/bye")
    try:
        assert ws.frame() == (True, TEXT, b"bye")
        assert ws.close_frame() == (4000, "done here")
        ws.send_frame(CLOSE, b"\x0f\xa0")
        assert ws.eof()
    finally:
        ws.close()


@pytest.mark.parametrize("name,frame,code", [
    ("unmasked", dict(op=TEXT, payload="hi", mask=None), 1002),
    ("rsv bit", dict(op=TEXT, payload="hi", rsv=4), 1002),
    ("reserved opcode", dict(op=5, payload="hi"), 1002),
    ("long control frame", dict(op=PING, payload=b"x" * 126), 1002),
    ("overlong utf-8", dict(op=TEXT, payload=b"\xc0\xaf"), 1007),
    ("surrogate", dict(op=TEXT, payload=b"\xed\xa0\x80"), 1007),
])
def test_protocol_errors_close_with_their_code(server, name, frame, code):
    ws = RawWS(server.port)
    try:
        frame = dict(frame)  # the parameter is shared by both runtimes' runs
        op = frame.pop("op")
        payload = frame.pop("payload")
        ws.send_frame(op, payload, **frame)
        assert ws.close_frame()[0] == code
        assert ws.eof()
    finally:
        ws.close()
    assert support.request(server.port, "GET", "/ping").body == b"pong"


def test_message_over_max_message_is_1009(server):
    ws = RawWS(server.port, "/small")
    try:
        ws.send_frame(TEXT, "x" * 200)
        assert ws.frame() == (True, TEXT, b"x" * 200)
        ws.send_frame(TEXT, "x" * 150, fin=False)
        ws.send_frame(0, "y" * 51)
        assert ws.close_frame()[0] == 1009
        assert ws.eof()
    finally:
        ws.close()


def test_huge_frame_refused_from_its_header_and_the_close_frame_arrives(server):
    from ws_frames import client_frame
    ws = RawWS(server.port, "/small")
    try:
        data = client_frame(BINARY, b"z" * 200000)
        try:
            ws.send(data)  # the server may stop reading long before the end
        except OSError:
            pass
        assert ws.close_frame()[0] == 1009
    finally:
        ws.close()
    assert support.request(server.port, "GET", "/ping").body == b"pong"


def test_handler_error_closes_with_1011_and_the_server_goes_on(server):
    ws = RawWS(server.port, "/boom")
    try:
        ws.send_frame(TEXT, "go")
        assert ws.close_frame()[0] == 1011
    finally:
        ws.close()
    assert support.request(server.port, "GET", "/ping").body == b"pong"


def test_subprotocol_negotiated(server):
    ws = RawWS(server.port, "/proto", headers={"Sec-WebSocket-Protocol": "v1, v2"})
    try:
        assert ws.headers["sec-websocket-protocol"] == "v2"
        assert ws.frame() == (True, TEXT, b"v2")
    finally:
        ws.close()
    ws = RawWS(server.port, "/proto", headers={"Sec-WebSocket-Protocol": "v9"})
    try:
        assert "sec-websocket-protocol" not in ws.headers
        assert ws.frame() == (True, TEXT, b"none")
    finally:
        ws.close()


def test_websocket_beside_keepalive_http(server):
    ws = RawWS(server.port, "/counter")
    conn = support.Conn(server.port)
    try:
        first = ws.frame()
        assert first[2].startswith(b"count ")
        for _ in range(5):
            r = conn.request("GET", "/ping")
            assert r.status == 200 and r.body == b"pong"
            assert ws.frame()[2].startswith(b"count ")
        assert open_count(server.port) >= 1
        ws.send_frame(TEXT, "ping?")
        seen = []
        while b"pong!" not in seen and len(seen) < 200:
            seen.append(ws.frame()[2])
        assert b"pong!" in seen
        counts = [int(s[6:]) for s in seen if s.startswith(b"count ")]
        assert counts == sorted(counts) and len(set(counts)) == len(counts)
        r = conn.request("GET", "/ping")  # the same keep-alive connection, still
        assert r.body == b"pong"
    finally:
        conn.close()
        ws.close()


def test_client_that_vanishes_is_dropped(server):
    ws = RawWS(server.port, "/counter")
    assert ws.frame()[2].startswith(b"count ")
    ws.close()  # no close frame: the counter's next sends fail
    assert wait_for(lambda: open_count(server.port) == 0)


def test_websockets_count_against_the_connection_cap():
    proc = support.AppProcess("cpython", support.ROOT + "/" + APP, ["2"])
    _cap_check(proc)


@support.needs_micropython
def test_websockets_count_against_the_connection_cap_micropython():
    proc = support.AppProcess("micropython", support.ROOT + "/" + APP, ["2"])
    _cap_check(proc)


def _cap_check(proc):
    proc.start()
    try:
        a = RawWS(proc.port)
        b = RawWS(proc.port)
        assert a.status == 101 and b.status == 101
        a.send_frame(TEXT, "a")
        assert a.frame()[2] == b"a"
        b.send_frame(TEXT, "b")
        assert b.frame()[2] == b"b"
        # Both slots are held by open WebSockets (never reclaimed as idle):
        # a third client waits for one.
        s = socket.create_connection(("127.0.0.1", proc.port), timeout=1)
        s.sendall(b"GET /ping HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        with pytest.raises(socket.timeout):
            s.recv(100)
        a.send_frame(CLOSE, b"\x03\xe8")
        assert a.close_frame() == (1000, "")
        s.settimeout(10)
        got = b""
        while True:
            data = s.recv(4096)
            if not data:
                break
            got += data
        assert got.startswith(b"HTTP/1.1 200") and got.endswith(b"pong")
        s.close()
        b.send_frame(TEXT, "still")
        assert b.frame()[2] == b"still"
        a.close()
        b.close()
    finally:
        proc.stop()


@pytest.mark.parametrize("runtime", support.RUNTIMES)
def test_shutdown_closes_open_websockets_with_1001(runtime):
    proc = support.AppProcess(runtime, support.ROOT + "/" + APP)
    proc.start()
    try:
        a = RawWS(proc.port, "/echo")
        b = RawWS(proc.port, "/counter")
        a.send_frame(TEXT, "hi")
        assert a.frame()[2] == b"hi"
        assert b.frame()[2].startswith(b"count ")
        assert support.request(proc.port, "GET", "/stop").body == b"stopping"
        assert a.close_frame()[0] == 1001
        assert b.close_frame()[0] == 1001
        a.send_frame(CLOSE, b"\x03\xe9")
        b.send_frame(CLOSE, b"\x03\xe9")
        assert a.eof() and b.eof()
        proc.proc.wait(timeout=15)
        out = proc.stop()
        assert "shutdown done, open=0" in out, out
        assert "Traceback" not in out, out
        a.close()
        b.close()
    finally:
        proc.stop()
