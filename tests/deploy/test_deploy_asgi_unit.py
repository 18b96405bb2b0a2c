"""The ASGI adapter's pieces without a server: the request head rebuilt from a
scope, request bodies from receive(), and bounded, ordered response messages."""
import asyncio

from picoweb_core import WebApp
from picoweb_core.asgi import ASGI, Input, Output, request_head


def scope(**kw):
    s = {"type": "http", "http_version": "1.1", "method": "GET", "path": "/a b",
         "raw_path": b"/a%20b", "query_string": b"x=1", "headers": [(b"host", b"h")],
         "client": ("10.0.0.1", 5000), "server": ("127.0.0.1", 8000)}
    s.update(kw)
    return s


def test_the_head_keeps_the_raw_target_and_headers():
    head, chunked = request_head(scope(headers=[(b"host", b"h"), (b"x-a", b"1")]))
    assert head == b"GET /a%20b?x=1 HTTP/1.1\r\nhost: h\r\nx-a: 1\r\n\r\n" and not chunked


def test_http2_bodies_without_a_length_are_framed_as_chunks():
    head, chunked = request_head(scope(http_version="2", method="POST", headers=[]))
    assert chunked and b"Transfer-Encoding: chunked" in head and b"Host: 127.0.0.1:8000" in head


def run(coro):
    return asyncio.run(coro)


def test_the_body_comes_from_receive_in_pieces_of_the_size_asked():
    messages = [{"type": "http.request", "body": b"hello ", "more_body": True},
                {"type": "http.request", "body": b"", "more_body": True},
                {"type": "http.request", "body": b"world", "more_body": False}]

    async def receive():
        return messages.pop(0)

    async def go():
        inp = Input(scope(method="POST", headers=[(b"host", b"h"), (b"content-length", b"11")]),
                    receive)
        head = await inp.read(4096)
        parts = []
        while True:
            p = await inp.read(4)
            if not p:
                break
            parts.append(p)
        return head, parts
    head, parts = run(go())
    assert head.endswith(b"\r\n\r\n") and b"".join(parts) == b"hello world"
    assert max(len(p) for p in parts) <= 4


def test_a_chunked_request_is_framed_again_for_the_core():
    messages = [{"type": "http.request", "body": b"abc", "more_body": True},
                {"type": "http.request", "body": b"", "more_body": False}]

    async def receive():
        return messages.pop(0)

    async def go():
        inp = Input(scope(method="POST", headers=[(b"transfer-encoding", b"chunked")]), receive)
        await inp.read(4096)
        out = b""
        while True:
            p = await inp.read(100)
            if not p:
                return out
            out += p
    assert run(go()) == b"3\r\nabc\r\n0\r\n\r\n"


def test_a_fast_writer_is_sent_in_bounded_messages_in_order():
    sent = []

    async def send(message):
        sent.append(message)
        await asyncio.sleep(0)

    async def go():
        out = Output(scope(), send)
        out.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
        await out.drain()
        for i in range(300):  # never waits on anything but drain()
            piece = b"%04d" % i * 256
            out.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            await out.drain()
        out.write(b"0\r\n\r\n")
        await out.drain()
        await out.finish()
    run(go())
    assert sent[0] == {"type": "http.response.start", "status": 200, "headers": []}
    bodies = sent[1:]
    assert len(bodies) > 2 and all(len(m["body"]) <= Output.HOLD + 1024 for m in bodies)
    assert b"".join(m["body"] for m in bodies) == b"".join(b"%04d" % i * 256 for i in range(300))
    assert [m["more_body"] for m in bodies] == [True] * (len(bodies) - 1) + [False]


def test_an_app_served_through_the_adapter_in_process():
    app = WebApp(__name__)

    @app.route("/echo", methods=["POST"])
    async def echo(req, resp):
        return {"got": (await req.read_body()).decode(), "peer": resp.get_extra_info("peername")[0]}

    sent = []
    messages = [{"type": "http.request", "body": b"hi", "more_body": False}]

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    run(ASGI(app, debug=-1)(scope(method="POST", path="/echo", raw_path=b"/echo", query_string=b"",
                                  headers=[(b"host", b"h"), (b"content-length", b"2")]),
                            receive, send))
    assert sent[0]["status"] == 200
    assert (b"content-type", b"application/json") in sent[0]["headers"]
    assert b"".join(m.get("body", b"") for m in sent[1:]) == b'{"got": "hi", "peer": "10.0.0.1"}'


SPIN_CASE = """
import asyncio
from picoweb_core import WebApp
from picoweb_core.asgi import ASGI
app = WebApp(__name__)

@app.route("/")
async def index(req, resp):
    async def parts():
        yield "a"
        await asyncio.sleep(0)
        yield "b"
    return parts()

sent = []

async def receive():
    return {"type": "http.request", "body": b"", "more_body": False}

async def send(message):
    sent.append(message)

scope = {"type": "http", "http_version": "1.1", "method": "GET", "path": "/", "raw_path": b"/",
         "query_string": b"", "headers": [(b"host", b"h")]}
asyncio.run(ASGI(app, debug=-1)(scope, receive, send))
print(b"".join(m.get("body", b"") for m in sent[1:]).decode())
"""


def test_a_receive_that_never_waits_does_not_spin_the_loop():
    # Outside the spec (after the body, receive() should wait for the disconnect),
    # but a streamed response must still complete rather than starve the loop. In a
    # subprocess: a loop that never yields cannot be timed out from inside.
    import subprocess
    import sys
    from deploy_support import ROOT
    r = subprocess.run([sys.executable, "-c", SPIN_CASE], cwd=ROOT, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, universal_newlines=True, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "ab", r.stdout
