"""A test client for users' own test suites on CPython: requests go through the
real server loop and dispatch over in-memory streams, without sockets.

    from picoweb_core.testing import TestClient
    client = TestClient(app)
    r = client.get("/hello/bob")
    r.status, r.json()          # 200, {"hello": "bob"}

Cookies set by responses are sent back on later requests, like a browser.
"""
import asyncio
import json as _json

from .server import Server


class _Reader:
    def __init__(self, data):
        self.data = data
        self.pos = 0

    async def read(self, n):
        chunk = self.data[self.pos:self.pos + n]
        self.pos += len(chunk)
        return chunk


class _Writer:
    out_buf = None  # what waits to be sent: nothing, ever

    def __init__(self):
        self.out = bytearray()

    def write(self, data):
        self.out += data

    async def drain(self):
        pass

    def close(self):
        pass

    async def wait_closed(self):
        pass

    def get_extra_info(self, name, default=None):
        return ("127.0.0.1", 50000) if name == "peername" else default


class TestResponse:
    """What the app sent: `status`, `reason`, `headers` (lower-case names), `body`."""
    __test__ = False  # not a pytest test class

    def __init__(self, raw, head_only=False):
        self.raw = bytes(raw)
        end = self.raw.find(b"\r\n\r\n")
        if end < 0:
            raise ValueError("incomplete response: %r" % self.raw[:200])
        lines = self.raw[:end].decode().split("\r\n")
        parts = lines[0].split(" ", 2)
        self.status = int(parts[1])
        self.reason = parts[2] if len(parts) > 2 else ""
        self.headers = {}
        self.cookies = []
        for line in lines[1:]:
            name, value = line.split(":", 1)
            name = name.strip().lower()
            value = value.strip()
            if name == "set-cookie":
                self.cookies.append(value)
            self.headers[name] = value
        body = self.raw[end + 4:]
        if self.headers.get("transfer-encoding") == "chunked" and not head_only:
            body = _dechunk(body)
        self.body = body

    @property
    def text(self):
        return self.body.decode()

    def json(self):
        return _json.loads(self.body)


def _dechunk(data):
    out = bytearray()
    pos = 0
    while True:
        nl = data.index(b"\r\n", pos)
        size = int(data[pos:nl].split(b";")[0], 16)
        if size == 0:
            return bytes(out)
        out += data[nl + 2:nl + 2 + size]
        pos = nl + 4 + size


class TestClient:
    """Drive `app` in-process: `client.get(path)`, `client.post(path, form={...})`."""
    __test__ = False  # not a pytest test class

    def __init__(self, app):
        self.app = app
        self.cookies = {}
        if app.server is None:
            app.server = Server(app)
        app._prepare(False, None)  # logging as the app set it

    def request(self, method, path, body=None, headers=None, json=None, form=None):
        head = {"Host": "testserver", "Connection": "close"}
        if json is not None:
            body = _json.dumps(json)
            head["Content-Type"] = "application/json"
        elif form is not None:
            from .utils import quote
            body = "&".join("%s=%s" % (quote(str(k), ""), quote(str(v), ""))
                            for k, v in form.items())
            head["Content-Type"] = "application/x-www-form-urlencoded"
        if isinstance(body, str):
            body = body.encode()
        if body is not None:
            head["Content-Length"] = str(len(body))
        if self.cookies:
            head["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        head.update(headers or {})
        raw = "%s %s HTTP/1.1\r\n" % (method, path)
        raw += "".join("%s: %s\r\n" % kv for kv in head.items()) + "\r\n"
        data = raw.encode() + (body or b"")
        writer = _Writer()
        asyncio.run(self.app.server._serve(_Reader(data), writer))
        resp = TestResponse(writer.out, method == "HEAD")
        for cookie in resp.cookies:
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in cookie.lower():
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def head(self, path, **kw):
        return self.request("HEAD", path, **kw)

    def post(self, path, **kw):
        return self.request("POST", path, **kw)

    def put(self, path, **kw):
        return self.request("PUT", path, **kw)

    def patch(self, path, **kw):
        return self.request("PATCH", path, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)
