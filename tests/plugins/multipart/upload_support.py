"""Helpers of the upload tests: multipart bodies built by hand, sent over real
sockets (a unique module name: every plugin's test folder has its own conftest)."""
import json
import os
import socket
import time

import support

HERE = os.path.dirname(os.path.abspath(__file__))
APP = os.path.join(HERE, "upload_app.py")
BOUNDARY = "pw-test-boundary-0123456789"


def encode(parts, boundary=BOUNDARY, close=True):
    """A multipart body. `parts`: (name, value) for a field, (name, filename,
    content[, content_type]) for a file; names and values str or bytes."""
    b = boundary.encode()
    out = []
    for p in parts:
        name = p[0].encode() if isinstance(p[0], str) else p[0]
        disp = b'Content-Disposition: form-data; name="' + name + b'"'
        if len(p) == 2:
            value = p[1].encode() if isinstance(p[1], str) else p[1]
            out.append(b"--" + b + b"\r\n" + disp + b"\r\n\r\n" + value + b"\r\n")
        else:
            fn = p[1].encode() if isinstance(p[1], str) else p[1]
            ctype = (p[3] if len(p) > 3 else "application/octet-stream").encode()
            out.append(b"--" + b + b"\r\n" + disp + b'; filename="' + fn + b'"\r\n' +
                       b"Content-Type: " + ctype + b"\r\n\r\n" + p[2] + b"\r\n")
    if close:
        out.append(b"--" + b + b"--\r\n")
    return b"".join(out)


def head(path, length, boundary=BOUNDARY, extra=""):
    return ("POST %s HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; boundary=%s\r\n"
            "Content-Length: %d\r\n%s\r\n" % (path, boundary, length, extra)).encode()


def post(port, path, body, boundary=BOUNDARY, piece=None, delay=0, headers=None):
    """POST `body` as multipart/form-data on a new connection, in pieces of
    `piece` bytes (`delay` seconds apart); returns the parsed response."""
    h = {"Content-Type": "multipart/form-data; boundary=" + boundary, "Connection": "close",
         "Content-Length": str(len(body))}
    h.update(headers or {})
    c = support.Conn(port, timeout=30)
    try:
        lines = ["POST %s HTTP/1.1" % path, "Host: t"] + ["%s: %s" % kv for kv in h.items()]
        c.send(("\r\n".join(lines) + "\r\n\r\n").encode())
        if piece is None:
            c.send(body)
        else:
            for i in range(0, len(body), piece):
                try:
                    c.send(body[i:i + piece])
                except OSError:
                    break  # the server answered early (a limit) and closed
                if delay:
                    time.sleep(delay)
        return c.read("POST")
    finally:
        c.close()


def get_json(port, path):
    r = support.request(port, "GET", path, headers={"Connection": "close"})
    assert r.status == 200, (r.status, r.body)
    return json.loads(r.body)


def listing(port):
    return get_json(port, "/ls")


def clear(port):
    r = support.request(port, "POST", "/clear", body=b"", headers={"Connection": "close"})
    assert r.status == 200


def wait_for(cond, timeout=15):
    """Poll `cond()` until it is true or `timeout` passes; returns its last value."""
    deadline = time.time() + timeout
    while True:
        v = cond()
        if v or time.time() > deadline:
            return v
        time.sleep(0.05)


def raw_conn(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    return s
