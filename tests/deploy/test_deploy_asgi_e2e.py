"""The same end-to-end cases against the built-in server and against uvicorn
driving the app through picoweb_core.asgi: handlers, hooks, error handlers,
request bodies (Content-Length and chunked), streaming, HEAD, cookies, redirects,
and the static, templates, auth and db plugins, over real sockets."""
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time

import pytest

import support
from deploy_support import Process

HERE = os.path.dirname(os.path.abspath(__file__))
APPS = os.path.join(HERE, "apps")

try:
    import uvicorn  # noqa: F401
    HAVE_UVICORN = True
except ImportError:
    HAVE_UVICORN = False

try:
    import hypercorn  # noqa: F401
    HAVE_HYPERCORN = True
except ImportError:
    HAVE_HYPERCORN = False

try:
    import httptools  # noqa: F401
    import uvloop  # noqa: F401
    HAVE_FAST = True
except ImportError:
    HAVE_FAST = False

# uvicorn with its pure-Python parser (h11) and asyncio, what `pip install uvicorn`
# gives, and with httptools and uvloop (`uvicorn[standard]`), when installed.
SERVERS = ["builtin",
           pytest.param("uvicorn", marks=pytest.mark.skipif(
               not HAVE_UVICORN, reason="uvicorn not installed: pip install -e .[test]")),
           pytest.param("uvicorn-httptools", marks=pytest.mark.skipif(
               not (HAVE_UVICORN and HAVE_FAST), reason="httptools and uvloop not installed")),
           pytest.param("hypercorn", marks=pytest.mark.skipif(
               not HAVE_HYPERCORN, reason="hypercorn not installed: pip install hypercorn"))]


def uvicorn_cmd(target, fast=False):
    return [sys.executable, "-m", "uvicorn", target, "--host", "127.0.0.1", "--port", "{port}",
            "--log-level", "warning", "--no-access-log",
            "--http", "httptools" if fast else "h11", "--loop", "uvloop" if fast else "asyncio"]


def start(kind, data):
    env = dict(os.environ)
    env["E2E_DATA"] = data
    env["PYTHONPATH"] = os.pathsep.join([APPS, support.site_dir()])  # every plugin, installed or not
    if kind == "builtin":
        cmd = [sys.executable, os.path.join(APPS, "e2e_app.py"), "{port}", data]
    elif kind == "hypercorn":
        cmd = [sys.executable, "-m", "hypercorn", "e2e_app:asgi", "--bind", "127.0.0.1:{port}",
               "--log-level", "warning"]
    else:
        cmd = uvicorn_cmd("e2e_app:asgi", fast=kind == "uvicorn-httptools")
    return Process(cmd, env=env, cwd=APPS).start()


@pytest.fixture(scope="module", params=SERVERS)
def server(request):
    data = tempfile.mkdtemp()
    p = start(request.param, data)
    p.kind = request.param
    yield p
    p.stop()
    shutil.rmtree(data, ignore_errors=True)


def req(server, method, path, body=None, headers=None, version="1.1"):
    return support.request(server.port, method, path, body, headers, version)


def test_text_json_and_path_params(server):
    r = req(server, "GET", "/")
    assert r.status == 200 and r.text == "Hello, world!"
    assert r.headers["content-length"] == "13"
    assert r.headers["content-type"].startswith("text/html")
    # and it is the server this case is about that answers
    assert r.headers.get("server") == {"builtin": None, "hypercorn": "hypercorn-h11"}.get(
        server.kind, "uvicorn")
    r = req(server, "GET", "/user/42?q=%C3%A9t%C3%A9")
    assert r.json() == {"id": 42, "hook": True, "q": "été"}


def test_request_fields(server):
    r = req(server, "GET", "/headers?a=1&b=%20", headers={"User-Agent": "e2e/1"})
    assert r.json() == {"agent": "e2e/1", "method": "GET", "path": "/headers", "qs": "a=1&b=%20"}


def test_hooks_run_before_and_after(server):
    r = req(server, "GET", "/user/1", headers={"X-Block": "1"})
    assert r.status == 403 and r.text == "blocked by a hook"
    assert req(server, "GET", "/user/1").headers["x-after"] == "1"


def test_error_handlers_and_aborts(server):
    r = req(server, "GET", "/nowhere")
    assert r.status == 404 and r.text == "no page at /nowhere"
    r = req(server, "GET", "/value-error")
    assert r.status == 400 and r.json() == {"error": "bad input here"}
    assert req(server, "GET", "/teapot").status == 418
    r = req(server, "GET", "/crash")
    assert r.status == 500 and "a bug" not in r.text  # no traceback to the client
    r = req(server, "POST", "/user/1", b"")
    assert r.status == 405 and "GET" in r.headers["allow"]


def test_head_sends_no_body(server):
    r = req(server, "HEAD", "/")
    assert r.status == 200 and r.body == b"" and r.headers["content-length"] == "13"


def test_form_and_json_bodies(server):
    r = req(server, "POST", "/form", "name=Ann+Lee&x=1",
            {"Content-Type": "application/x-www-form-urlencoded"})
    assert r.json() == {"name": "Ann Lee", "n": 2}
    r = req(server, "POST", "/json", json.dumps({"a": [1, 2]}), {"Content-Type": "application/json"})
    assert r.json() == {"got": {"a": [1, 2]}}


def test_a_large_body_arrives_whole(server):
    body = os.urandom(15000)
    r = req(server, "POST", "/digest", body)
    assert r.json() == {"bytes": len(body), "sha256": hashlib.sha256(body).hexdigest()}


def test_a_chunked_request_body_is_decoded(server):
    c = support.Conn(server.port)
    try:
        c.send(b"PUT /digest HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
               b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
        r = c.read()
    finally:
        c.close()
    assert r.json() == {"bytes": 11, "sha256": hashlib.sha256(b"hello world").hexdigest()}


def test_expect_100_continue(server):
    # The client waits for "100 Continue" before it sends the body.
    c = support.Conn(server.port, timeout=10)
    try:
        c.send(b"POST /digest HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n"
               b"Expect: 100-continue\r\n\r\n")
        assert c.f.readline().startswith(b"HTTP/1.1 100")
        while c.f.readline() not in (b"\r\n", b""):
            pass
        c.send(b"hello")
        r = c.read()
    finally:
        c.close()
    assert r.json() == {"bytes": 5, "sha256": hashlib.sha256(b"hello").hexdigest()}


def test_the_apps_limits_apply(server):
    many = {"X-H%d" % i: "v" for i in range(40)}  # Limits(max_headers=32)
    assert req(server, "GET", "/", headers=many).status == 431
    assert req(server, "GET", "/", headers={"X-Big": "v" * 5000}).status == 431  # 4096 bytes
    assert req(server, "GET", "/" + "a" * 1100).status == 414  # max_line 1024


def test_a_body_over_max_body_is_413(server):
    r = req(server, "POST", "/digest", b"x" * 20000)
    assert r.status == 413


def test_keep_alive_serves_several_requests_on_one_connection(server):
    c = support.Conn(server.port)
    try:
        for i in range(3):
            r = c.request("GET", "/user/%d" % i)
            assert r.status == 200 and r.json()["id"] == i
    finally:
        c.close()


def test_a_streamed_response_streams(server):
    # The second part is only produced after the client, holding the first, asks
    # /release on another connection: a buffered response would never arrive.
    c = support.Conn(server.port, timeout=10)
    try:
        c.send(b"GET /stream HTTP/1.1\r\nHost: t\r\n\r\n")
        status = c.f.readline()
        assert status.startswith(b"HTTP/1.1 200")
        while c.f.readline() not in (b"\r\n", b""):
            pass
        first = c.f.readline()  # chunk size line
        assert int(first, 16) == len(b"first part\n")
        assert c.f.readline() == b"first part\n"
        assert req(server, "GET", "/release").text == "released"
        rest = b""
        while not rest.endswith(b"0\r\n\r\n"):
            more = c.sock.recv(4096)
            assert more, rest
            rest += more
        assert b"second part\n" in rest
    finally:
        c.close()


def test_a_stream_stops_when_the_client_leaves(server):
    before = req(server, "GET", "/ended").json()["ended"]
    c = support.Conn(server.port)
    try:
        c.send(b"GET /forever HTTP/1.1\r\nHost: t\r\n\r\n")
        assert c.f.readline().startswith(b"HTTP/1.1 200")
        while c.f.readline() not in (b"\r\n", b""):
            pass
        c.f.readline()
        assert c.f.readline() == b"tick\n"
    finally:
        c.close()
    # the generator is closed once the server notices (the builtin one when a
    # write fails, the ASGI adapter on http.disconnect): poll, with a deadline
    deadline = time.time() + 20
    while req(server, "GET", "/ended").json()["ended"] == before:
        assert time.time() < deadline, "the stream went on after the client left"
        time.sleep(0.05)


def test_an_error_mid_stream_cuts_the_connection(server):
    # Never a complete-looking response: the last chunk does not arrive.
    data = support.raw_request(server.port, b"GET /midway-crash HTTP/1.1\r\nHost: t\r\n\r\n",
                               timeout=10, half_close=False)
    assert data.startswith(b"HTTP/1.1 200") and b"a first part" in data
    assert not data.endswith(b"0\r\n\r\n")


def test_server_push_from_a_task_after_the_handler_returned_false(server):
    data = support.raw_request(server.port, b"GET /push?count=3 HTTP/1.1\r\nHost: t\r\n"
                               b"Connection: close\r\n\r\n",
                               timeout=10, half_close=False)
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.") and b" 200 " in head.split(b"\r\n")[0]
    if b"chunked" in head.lower():  # an ASGI server frames the close-delimited stream itself
        body = b"".join(body.split(b"\r\n")[1::2])
    assert body == b"data: 0\n\ndata: 1\n\ndata: 2\n\n"


def test_server_push_notices_the_client_leaving(server):
    before = req(server, "GET", "/push-stats").json()["dropped"]
    c = support.Conn(server.port)
    try:
        c.send(b"GET /push HTTP/1.1\r\nHost: t\r\n\r\n")
        assert b" 200 " in c.f.readline()
        while c.f.readline() not in (b"\r\n", b""):
            pass
        assert b"data: 0" in c.f.readline() + c.f.readline()
    finally:
        c.close()
    deadline = time.time() + 20
    while req(server, "GET", "/push-stats").json()["dropped"] == before:
        assert time.time() < deadline, "the pushing task never saw the client leave"
        time.sleep(0.05)


def test_many_writes_arrive_in_order(server):
    expected = "".join("line %d\n" % i for i in range(200))
    assert req(server, "GET", "/lines").text == expected
    assert req(server, "GET", "/lines", version="1.0").text == expected  # no chunks in HTTP/1.0


def test_cookies_and_redirects(server):
    r = req(server, "GET", "/cookie")
    assert r.json() == {"had": None} and "flavour=oat" in r.headers["set-cookie"]
    assert req(server, "GET", "/cookie", headers={"Cookie": "flavour=oat"}).json() == {"had": "oat"}
    r = req(server, "GET", "/go")
    assert r.status == 302 and r.headers["location"] == "/user/1"


def test_static_plugin(server):
    r = req(server, "GET", "/static/hello.txt")
    assert r.status == 200 and r.text == "static text\n"
    assert r.headers["content-type"].startswith("text/plain")
    etag = r.headers["etag"]
    assert req(server, "GET", "/static/hello.txt", headers={"If-None-Match": etag}).status == 304
    r = req(server, "GET", "/static/big.bin", headers={"Range": "bytes=10-19"})
    assert r.status == 206 and r.body == bytes(range(10, 20))
    r = req(server, "GET", "/static/big.bin")
    assert r.body == bytes(range(256)) * 64
    assert req(server, "GET", "/static/../e2e_app.py").status == 404


def test_templates_plugin(server):
    r = req(server, "GET", "/tpl/stream")
    assert r.headers.get("transfer-encoding") == "chunked"
    assert "<h1>Streamed</h1>" in r.text and "<li>a&lt;b</li><li>c</li>" in r.text
    r = req(server, "GET", "/tpl/str")
    assert r.headers["content-length"] == str(len(r.body)) and "<li>x</li>" in r.text


def test_auth_plugin_sessions_and_basic(server):
    import base64
    r = req(server, "GET", "/visits")
    assert r.json()["n"] == 1
    cookie = r.headers["set-cookie"].split(";", 1)[0]
    r = req(server, "GET", "/visits", headers={"Cookie": cookie})
    assert r.json()["n"] == 2
    forged = cookie[:-2] + ("AA" if not cookie.endswith("AA") else "BB")
    assert req(server, "GET", "/visits", headers={"Cookie": forged}).json()["n"] == 1
    r = req(server, "GET", "/private")
    assert r.status == 401 and r.headers["www-authenticate"].startswith("Basic")
    good = "Basic " + base64.b64encode(b"ann:s3cret").decode()
    assert req(server, "GET", "/private", headers={"Authorization": good}).json() == {"user": "ann"}
    bad = "Basic " + base64.b64encode(b"ann:wrong").decode()
    assert req(server, "GET", "/private", headers={"Authorization": bad}).status == 401


def test_db_plugin(server):
    r = req(server, "POST", "/items", json.dumps({"name": "cup"}), {"Content-Type": "application/json"})
    assert r.status == 201
    key = r.json()["id"]
    assert req(server, "GET", "/items/" + key).json()["name"] == "cup"
    assert {"id": key, "name": "cup"}.items() <= next(
        i for i in req(server, "GET", "/items").json() if i["id"] == key).items()
    assert req(server, "GET", "/items/nope").status == 404  # NotFound through DBPlugin
