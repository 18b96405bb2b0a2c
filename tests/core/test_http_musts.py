"""HTTP's MUSTs and early refusals (issue 18), end to end over real sockets on
both runtimes: Host, control bytes in values, methods, `OPTIONS *`, bytes that
cannot begin a request, and overlong UTF-8 in the path."""
import socket

import support
from support import Conn, request

server = support.app_fixture("tests/core/musts_app.py")


def exchange(port, data, timeout=10):
    """Send `data` and read until the server closes; fails if it does not
    close within `timeout` (the app's request_timeout is 30 s)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        s.sendall(data)
        out = b""
        while True:
            try:
                b = s.recv(65536)
            except socket.timeout:
                raise AssertionError("no close within %ss; got %r" % (timeout, out))
            except ConnectionResetError:
                break
            if not b:
                break
            out += b
        return out
    finally:
        s.close()


def status(out):
    return int(out.split(b" ", 2)[1]) if out.startswith(b"HTTP/1.") else None


def test_host_missing_or_twice_is_400(server):
    assert status(exchange(server.port, b"GET / HTTP/1.1\r\n\r\n")) == 400
    assert status(exchange(server.port, b"GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n")) == 400
    assert status(exchange(server.port, b"GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n")) == 400
    # HTTP/1.0 needs none; one Host on 1.1 is served.
    assert exchange(server.port, b"GET / HTTP/1.0\r\n\r\n").endswith(b"\r\n\r\nok")
    assert request(server.port, "GET", "/").body == b"ok"


def test_nul_or_bare_cr_in_a_value_is_400(server):
    for value in (b"a\x00b", b"a\rb", b"\rX-Smuggled: 1"):
        out = exchange(server.port, b"GET / HTTP/1.1\r\nHost: a\r\nX-V: " + value + b"\r\n\r\n")
        assert status(out) == 400, (value, out)
    # A tab and obs-text are legal in a value.
    out = exchange(server.port, b"GET / HTTP/1.1\r\nHost: a\r\nX-V: a\tb\xe9\r\nConnection: close\r\n\r\n")
    assert status(out) == 200, out


def test_unknown_method_is_501_unless_a_route_names_it(server):
    c = Conn(server.port)
    try:
        assert c.request("PATCH", "/any").body == b"method PATCH"
        assert c.request("PROPFIND", "/dav").body == b"dav PROPFIND"
    finally:
        c.close()
    out = exchange(server.port, b"BREW /any HTTP/1.1\r\nHost: a\r\n\r\n")
    assert status(out) == 501 and b"method" not in out, out
    out = exchange(server.port, b"BREW / HTTP/1.1\r\nHost: a\r\n\r\n")
    assert status(out) == 501, out
    # Named by a route, a method is routed like any other: 405 elsewhere.
    r = request(server.port, "PROPFIND", "/any")
    assert r.status == 200 and r.body == b"method PROPFIND"


def test_options_asterisk_is_never_404(server):
    out = exchange(server.port, b"OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n")
    assert status(out) == 501, out
    assert status(exchange(server.port, b"GET * HTTP/1.1\r\nHost: a\r\n\r\n")) == 400


def test_tls_hello_and_junk_are_400_and_closed_at_once(server):
    # The start of a TLS 1.2 ClientHello, as a browser sends to https://...:port
    # on a plain HTTP port; the client then waits for the server's reply.
    hello = bytes.fromhex("16030100f8010000f40303") + bytes(range(32)) + b"\x00\x02\x13\x01\x01\x00"
    for data in (hello, b"\x00\x01\x02\x03", b"\xff" * 8, b"\x16\x03\x01\x00\x10\n\x00\x00"):
        out = exchange(server.port, data)
        assert status(out) == 400 and b"Connection: close" in out, (data, out)
    assert request(server.port, "GET", "/").body == b"ok"   # the server goes on


def test_overlong_utf8_in_the_path_is_400_on_both_runtimes(server):
    for target in ("/p/%c0%ae%c0%ae/x", "/p/%e0%80%ae", "/p/%ed%a0%80", "/p/%f4%90%80%80",
                   "/p/%ff"):
        r = request(server.port, "GET", target)
        assert r.status == 400, (target, r.status, r.body)
    r = request(server.port, "GET", "/p/caf%c3%a9")
    assert r.status == 200 and r.body == "path caf\u00e9".encode()


def test_new_style_apps_iterate_headers_as_str(server):
    r = request(server.port, "GET", "/headers", headers={"X-A": "1"})
    assert r.json() == {"names": ["host", "x-a"], "keys": ["host", "x-a"],
                        "items": [["host", "test"], ["x-a", "1"]], "types": ["str"]}
