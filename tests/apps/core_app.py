"""The app behind tests/core/test_e2e.py; runs unchanged on CPython and MicroPython.

    <runtime> core_app.py PORT
"""
import sys

try:
    import asyncio
except ImportError:
    import uasyncio as asyncio
import re

import picoweb_core as picoweb
from picoweb_core import HTTPError, Limits, WebApp, abort


class TestApp(WebApp):
    keepalive_timeout = 1
    request_timeout = 1
    max_connections = 8
    max_waiting = 4


async def listed(req, resp):
    await resp.jsonify({"listed": True, "method": req.method})


ROUTES = [("/listed", listed), ("/listed-post", listed, {"methods": ["POST"]})]
app = TestApp(__name__, ROUTES, limits=Limits(max_line=256, max_headers=12,
                                              max_header_bytes=1024, max_body=2048))
ROUTES_LEN = len(ROUTES)
sub = WebApp("sub")
state = {"ticks": 0, "inits": 0}


def sub_init():
    state["inits"] += 1


sub.init = sub_init


@app.route("/")
async def index(req, resp):
    return "hello"


@app.route("/json")
async def json_route(req, resp):
    return {"a": 1, "b": [1, 2]}


@app.route("/user/<int:uid>")
async def user(req, resp, uid):
    return {"uid": uid, "type": type(uid).__name__}


@app.route("/name/<name>")
async def name(req, resp, name):
    return {"name": name}


@app.route("/files/<path:rest>")
async def files(req, resp, rest):
    return {"rest": rest}


@app.route(re.compile("^/re/([a-z]+)$"))
async def regex(req, resp):
    return {"group": req.url_match.group(1)}


@app.route("/only-post", methods=["POST"])
async def only_post(req, resp):
    return "posted"


@app.route("/both", methods=["GET"])
async def both_get(req, resp):
    return "got"


@app.route("/both", methods=["PUT"])
async def both_put(req, resp):
    return "put"


@app.route("/echo", methods=["POST", "PUT"])
async def echo(req, resp):
    body = await req.read_body()
    return body, 200, {"Content-Type": "application/octet-stream"}


@app.route("/echo-parts", methods=["POST"])
async def echo_parts(req, resp):
    sizes = []
    while True:
        part = await req.read(100)
        if not part:
            break
        sizes.append(len(part))
    return {"sizes": sizes, "total": sum(sizes)}


@app.route("/ignore-body", methods=["POST"])
async def ignore_body(req, resp):
    return "ignored"


@app.route("/form", methods=["POST"])
async def form(req, resp):
    f = await req.read_form()
    return {"form": f, "all": f.getlist("a")}


@app.route("/jsonbody", methods=["POST"])
async def jsonbody(req, resp):
    data = await req.read_json()
    return {"got": data}


@app.route("/args")
async def args(req, resp):
    return {"args": req.args, "all": req.args.getlist("a"), "qs": req.qs,
            "page": req.args.get("page", 1, type=int)}


@app.route("/headers")
async def headers(req, resp):
    return {"str": req.headers["X-Test"], "lower": req.headers.get("x-test"),
            "bytes": req.headers[b"X-Test"].decode(), "is_bytes": isinstance(req.headers[b"X-Test"], bytes),
            "missing": req.headers.get("x-missing"), "has": "X-TEST" in req.headers}


@app.route("/path-info/<name>")
async def path_info(req, resp, name):
    return {"path": req.path, "decoded": req.decoded_path, "name": name}


@app.route("/cookies")
async def cookies(req, resp):
    resp.set_cookie("session", "abc", max_age=60, httponly=True)
    return {"cookies": req.cookies}


@app.route("/redirect")
async def redirect(req, resp):
    await resp.redirect("/target")


@app.route("/stream")
async def stream(req, resp):
    def gen():
        for i in range(3):
            yield "part%d;" % i
    return gen()


@app.route("/body/<kind>")
async def body_kinds(req, resp, kind):
    # Each way a returned body reaches the wire: small bytes in one write with
    # its head, other buffers and large bodies after it.
    if kind == "bytearray":
        return bytearray(b"from a bytearray")
    if kind == "memoryview":
        return memoryview(b"xxfrom a memoryviewxx")[2:-2]
    if kind == "big":
        return "0123456789" * 300
    return b"plain bytes"


@app.route("/big-stream")
async def big_stream(req, resp):
    # 3 MiB in numbered 4 KiB parts: far more than the kernel buffers, so a
    # slow reader makes the server hold output and wait.
    def gen():
        for i in range(768):
            yield b"%07d" % i + b"." * 4089
    return gen()


@app.route("/big-body")
async def big_body(req, resp):
    # One body larger than the kernel takes at once (a board gets a smaller one):
    # what is left is sent before the socket closes.
    n = (1 << 22) if sys.implementation.name == "cpython" else (1 << 18)
    return b"0123456789abcdef" * (n // 16)


@app.route("/stream-many")
async def stream_many(req, resp):
    # Many small parts, one larger than a chunk, one not bytes: the writer
    # gathers the small ones into chunks of up to 512 bytes.
    def gen():
        for i in range(150):
            yield "row%03d;" % i
        yield "B" * 2000
        yield bytearray(b"[buf]")
        for i in range(150, 300):
            yield b"row%03d;" % i
    return gen()


@app.route("/writer")
async def writer(req, resp):
    await resp.start_response("text/plain")
    await resp.awrite("one,")
    await resp.awrite(b"xxtwo,yy", 2, 4)
    await resp.awritestr("three")


@app.route("/writer-len")
async def writer_len(req, resp):
    await resp.start_response("text/plain", "200", {"Content-Length": "5"})
    await resp.awrite("hello")


def gen_handler(req, resp):
    # picoweb 1.x style: a plain generator with yield from
    yield from picoweb.start_response(resp, "text/plain")
    yield from resp.awrite("gen ")
    yield from resp.awritestr("ok")


app.add_url_rule("/gen", gen_handler)


@app.route("/rawstatus")
async def rawstatus(req, resp):
    await resp.awrite("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nraw body")


@app.route("/inject")
async def inject(req, resp):
    await resp.redirect(req.args.get("to", "/"))


@app.route("/tuple")
async def tuple_route(req, resp):
    return "created", 201, {"X-A": "1"}


@app.route("/nothing")
async def nothing(req, resp):
    return "", 204


@app.route("/error")
async def error(req, resp):
    raise ValueError("boom")


@app.route("/error-mid")
async def error_mid(req, resp):
    await resp.start_response("text/plain")
    await resp.awrite("partial")
    raise ValueError("boom after the head")


@app.route("/forbidden")
async def forbidden(req, resp):
    abort(403)


class Teapot(Exception):
    pass


@app.errorhandler(Teapot)
async def on_teapot(req, resp, exc):
    return "short and stout", 418


@app.errorhandler(410)
def on_gone(req, resp, exc):
    return {"error": "gone"}, 410


@app.route("/teapot")
async def teapot(req, resp):
    raise Teapot()


@app.route("/gone")
async def gone(req, resp):
    raise HTTPError(410)


@app.before_request
def block(req, resp):
    if req.path == "/blocked":
        return "blocked by hook", 403


@app.after_request
def stamp(req, resp):
    resp.headers.append(("X-After", "yes"))


@app.route("/slow")
async def slow(req, resp):
    await asyncio.sleep(0.5)
    return "slow done"


@app.route("/routes-untouched")
async def routes_untouched(req, resp):
    return {"same": len(ROUTES) == ROUTES_LEN}


@app.route("/flood")
async def flood(req, resp):
    chunk = "x" * 1024

    def gen():
        for i in range(16384):  # 16 MiB, more than the kernel buffers hold
            yield chunk
    return gen()


@app.route("/conns")
async def conns(req, resp):
    return {"conns": len(app.server.conns), "cap": app.max_connections}


@app.route("/ticks")
async def ticks(req, resp):
    return {"ticks": state["ticks"]}


@app.route("/shutdown", methods=["POST"])
async def shutdown(req, resp):
    asyncio.create_task(app.shutdown())
    return "bye"


@sub.route("/")
async def sub_index(req, resp):
    return {"sub": "index", "path": req.path, "prefix": req.mount_prefix, "inits": state["inits"]}


@sub.route("/x")
async def sub_x(req, resp):
    return {"sub": "x"}


app.mount("/sub", sub)


async def sensor():
    # A background task sharing the server's loop, like a board's sensor loop.
    while True:
        state["ticks"] += 1
        await asyncio.sleep(0.05)


async def main(port):
    server = await app.start_server("127.0.0.1", port, debug=-1)
    asyncio.create_task(sensor())
    await server.wait_closed()


asyncio.run(main(int(sys.argv[1])))
