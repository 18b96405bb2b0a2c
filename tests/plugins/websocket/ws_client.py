"""A raw-socket WebSocket client for the end-to-end tests (CPython side)."""
import base64
import hashlib
import os
import socket

from ws_frames import client_frame, server_frames

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def expected_accept(key):
    return base64.b64encode(hashlib.sha1(key.encode() + GUID).digest()).decode()


class RawWS:
    """Opens a WebSocket with a hand-written handshake; reads frames by hand."""

    def __init__(self, port, path="/echo", headers=None, timeout=10):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.key = base64.b64encode(os.urandom(16)).decode()
        h = {"Host": "127.0.0.1:%d" % port, "Upgrade": "websocket", "Connection": "Upgrade",
             "Sec-WebSocket-Key": self.key, "Sec-WebSocket-Version": "13"}
        h.update(headers or {})
        req = "GET %s HTTP/1.1\r\n" % path + "".join(
            "%s: %s\r\n" % kv for kv in h.items() if kv[1] is not None) + "\r\n"
        self.sock.sendall(req.encode())
        self.buf = b""
        while b"\r\n\r\n" not in self.buf:
            data = self.sock.recv(4096)
            if not data:
                break
            self.buf += data
        head, _, self.buf = self.buf.partition(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        self.status_line = lines[0]
        self.status = int(lines[0].split(" ")[1]) if " " in lines[0] else None
        self.headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            self.headers[k.strip().lower()] = v.strip()
        self.body_start = self.buf

    def send(self, data):
        self.sock.sendall(data)

    def send_frame(self, opcode, payload=b"", **kw):
        self.sock.sendall(client_frame(opcode, payload, **kw))

    def frame(self):
        """The next server frame (fin, opcode, payload); None at EOF."""
        while True:
            frames, rest = server_frames(self.buf, 1)
            if frames:
                self.buf = rest
                return frames[0]
            data = self.sock.recv(65536)
            if not data:
                return None
            self.buf += data

    def close_frame(self):
        """Reads until a close frame; returns (code, reason) (code None if empty)."""
        while True:
            f = self.frame()
            if f is None:
                return None
            if f[1] == 8:
                p = f[2]
                if not p:
                    return (None, "")
                return (int.from_bytes(p[:2], "big"), p[2:].decode())

    def eof(self):
        """True once the server has closed the TCP connection."""
        try:
            while True:
                data = self.sock.recv(65536)
                if not data:
                    return True
        except socket.timeout:
            return False
        except OSError:
            return True

    def close(self):
        self.sock.close()
