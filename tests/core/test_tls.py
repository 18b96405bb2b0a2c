"""HTTPS on CPython: `app.run(ssl=context)` with a self-signed certificate made
here by the `openssl` command; the plain-HTTP-to-TLS-port and TLS-to-plain-port
mistakes get a clean close (or a 400), never a traceback, and the server goes
on serving."""
import os
import shutil
import socket
import ssl
import subprocess

import pytest

import support

APP = os.path.join(support.ROOT, "tests", "apps", "tls_app.py")
pytestmark = pytest.mark.skipif(shutil.which("openssl") is None,
                                reason="the openssl command makes the test certificate")


@pytest.fixture(scope="module")
def cert(tmp_path_factory):
    d = tmp_path_factory.mktemp("tls")
    crt, key = str(d / "cert.pem"), str(d / "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key, "-out", crt], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    return crt, key


@pytest.fixture(scope="module")
def tls_server(cert):
    proc = support.AppProcess("cpython", APP, list(cert))
    proc.start()
    yield proc
    proc.stop()


def client(port, cert):
    context = ssl.create_default_context(cafile=cert[0])  # verifies the server's certificate
    raw = socket.create_connection(("127.0.0.1", port), timeout=5)
    s = context.wrap_socket(raw, server_hostname="127.0.0.1")
    return s, s.makefile("rb")


def ask(s, f, raw):
    s.sendall(raw)
    return support.read_response(f)


def test_https_keep_alive_body_and_stream(tls_server, cert):
    s, f = client(tls_server.port, cert)
    try:
        r = ask(s, f, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        assert (r.status, r.body) == (200, b"hello over tls")
        r = ask(s, f, b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nabcde")
        assert (r.status, r.body) == (200, b"abcde")
        r = ask(s, f, b"GET /stream HTTP/1.1\r\nHost: x\r\n\r\n")
        assert r.status == 200 and r.body == "".join("part %d\n" % i for i in range(200)).encode()
    finally:
        f.close()
        s.close()


def test_plain_http_to_the_tls_port_is_closed_cleanly(tls_server, cert):
    raw = socket.create_connection(("127.0.0.1", tls_server.port), timeout=5)
    try:
        raw.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        try:
            data = raw.recv(4096)
        except ConnectionResetError:
            data = b""
        assert not data.startswith(b"HTTP/1.1 200")  # no answer in plain text
    finally:
        raw.close()
    s, f = client(tls_server.port, cert)  # and the server goes on serving
    try:
        assert ask(s, f, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").status == 200
    finally:
        f.close()
        s.close()
    out = tls_server.stop()
    assert "Traceback" not in out, out


def test_tls_to_the_plain_port_is_a_400(cert):
    proc = support.AppProcess("cpython", APP)
    proc.start()
    try:
        context = ssl.create_default_context(cafile=cert[0])
        raw = socket.create_connection(("127.0.0.1", proc.port), timeout=5)
        with pytest.raises((ssl.SSLError, OSError)):
            context.wrap_socket(raw, server_hostname="127.0.0.1")
        raw.close()
        r = support.request(proc.port, "GET", "/")
        assert (r.status, r.body) == (200, b"hello over tcp")
    finally:
        out = proc.stop()
    assert "Traceback" not in out, out


@support.needs_micropython
def test_micropython_says_tls_is_served_on_cpython():
    code = ("import asyncio, picoweb_core\n"
            "app = picoweb_core.WebApp('x')\n"
            "try:\n"
            "    asyncio.run(app.start_server('127.0.0.1', 0, ssl=object()))\n"
            "except ValueError as e:\n"
            "    print('refused:', e)\n")
    r = support.run_micropython(["-c", code])
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("refused: TLS (ssl=) is served on CPython"), r.stdout
