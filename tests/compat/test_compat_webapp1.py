"""apps/webapp1 (Django-style route list, raw and helper responses, templates,
files, /static/, a WebApp subclass with init() and a generator handle_exc),
ported by import lines only and served on CPython and on micropython."""
import gzip
import os

import pytest

from compat_support import APPS, app_fixture
from support import Conn, raw_request, request

server = app_fixture("webapp1")
STATIC = os.path.join(APPS, "webapp1", "static")


def get(server, path, **kw):
    return request(server.port, "GET", path, **kw)


def static_bytes(name):
    with open(os.path.join(STATIC, name), "rb") as f:
        return f.read()


def test_raw_response_written_by_the_handler_ends_the_connection(server):
    c = Conn(server.port)
    try:
        r = c.request("GET", "/")  # HTTP/1.1, keep-alive asked for by default
        assert r.status == 200 and r.version == "HTTP/1.0"
        assert r.body == b"I can show you a table of <a href='squares'>squares</a>."
        assert c.closed()
    finally:
        c.close()


def test_render_template_with_include_and_request_argument(server):
    r = get(server, "/squares?a=1")
    assert r.status == 200 and r.headers["content-type"] == "text/html; charset=utf-8"
    body = r.text
    assert "<h1>Squares</h1>" in body
    assert "<tr><td>4</td><td>16</td></tr>" in body
    assert "You asked for /squares?a=1" in body
    assert "<footer>picoweb app</footer>" in body


def test_render_str(server):
    assert get(server, "/greeting?Ann").text.strip() == "Hello, Ann!"


def test_regex_route_and_url_match(server):
    assert get(server, "/sq12").text == "12 squared is 144"
    assert get(server, "/sq").status == 404
    assert get(server, "/sq12x").status == 404


def test_jsonify_and_ujson(server):
    r = get(server, "/json")
    assert r.headers["content-type"] == "application/json"
    assert r.json() == {"name": "webapp1", "items": [1, 2, 3]}
    assert get(server, "/raw-json").json() == {"raw": True}


def test_app_sendfile_relative_to_the_package(server):
    r = get(server, "/file")
    assert r.status == 200 and r.body == static_bytes("note.txt")
    assert r.headers["content-type"] == "text/plain"
    assert get(server, "/nofile").status == 404


def test_gzip_variant_with_extra_raw_headers(server):
    r = get(server, "/style.css")
    assert r.body == static_bytes("style.css")
    assert r.headers["content-type"] == "text/css"
    assert r.headers["cache-control"] == "max-age=86400"
    assert "content-encoding" not in r.headers
    r = get(server, "/style.css", headers={"Accept-Encoding": "gzip, deflate"})
    assert r.headers["content-encoding"] == "gzip"
    assert r.headers["cache-control"] == "max-age=86400"
    assert r.body == static_bytes("style.css.gz")
    assert gzip.decompress(r.body) == static_bytes("style.css")


def test_start_response_headers_as_dict_and_as_raw_block(server):
    r = get(server, "/headers-dict")
    assert r.headers["x-myheader1"] == "foo" and r.headers["x-myheader2"] == "bar"
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.body == b"dict headers"
    r = get(server, "/headers-str")
    assert r.headers["x-raw"] == "yes" and r.headers["x-other"] == "2"
    assert r.headers["content-type"] == "text/plain"
    assert r.body == b"str headers"


def test_string_statuses(server):
    r = get(server, "/created")
    assert r.status == 201 and r.body == b"made"
    r = get(server, "/missing")
    assert r.status == 404


def test_sendstream(server):
    r = get(server, "/stream")
    assert r.status == 200 and r.body == static_bytes("big.txt")


def test_get_mime_type(server):
    names = ["a.html", "b.css", "c.js", "d.png", "e.svg", "f.json", "g.jpg", "h.py", "I.PNG"]
    r = get(server, "/mime?" + "&".join("f=" + n for n in names)).json()
    assert r == {"a.html": "text/html", "b.css": "text/css", "c.js": "text/javascript",
                 "d.png": "image/png", "e.svg": "image/svg+xml", "f.json": "application/json",
                 "g.jpg": "image/jpeg", "h.py": "text/plain", "I.PNG": "image/png"}


def test_parse_qs_and_utils(server):
    r = get(server, "/query?a=1&a=2&b=caf%C3%A9+x&flag").json()
    assert r["form"] == {"a": ["1", "2"], "b": "caf\u00e9 x", "flag": True}
    assert r["utils"] == r["form"]
    assert r["same"] is True
    assert r["plus"] == "a b c\u00e9"


def test_methods_in_extra_are_enforced(server):
    r = get(server, "/post-only")
    assert r.status == 405 and "POST" in r.headers["allow"]
    r = request(server.port, "POST", "/post-only", body="")
    assert r.status == 200 and r.body == b"posted"


def test_peername(server):
    assert get(server, "/peer").body == b"127.0.0.1"


def test_awriteiter_awrite_slice_awritestr(server):
    assert get(server, "/parts").body == b"one,two,threeslice;done"


def test_handler_closing_the_connection_itself(server):
    c = Conn(server.port)
    try:
        r = c.request("GET", "/closing")
        assert r.status == 200 and r.body == b"closing myself"
        assert c.closed()
    finally:
        c.close()
    assert get(server, "/json").status == 200


def test_generator_handle_exc_in_subclass(server):
    r = get(server, "/boom")
    assert r.status == 500
    assert r.body == b"webapp1 failed: on purpose"
    assert get(server, "/json").status == 200


def test_route_list_not_mutated_and_init_called_once(server):
    for _ in range(3):
        r = get(server, "/routes").json()
        assert r == {"routes": 23, "inits": 1}


def test_async_def_handler_with_await_helpers(server):
    r = get(server, "/modern")
    assert r.body.startswith(b"async def works too")
    assert r.text.endswith("Hello, async!\n")


@pytest.mark.parametrize("name,ctype", [
    ("note.txt", "text/plain"), ("logo.png", "image/png"), ("app.js", "text/javascript"),
    ("data.json", "application/json"), ("icon.svg", "image/svg+xml"),
    ("style.css", "text/css"), ("sub/deep.txt", "text/plain"), ("big.txt", "text/plain"),
])
def test_static_files(server, name, ctype):
    r = get(server, "/static/" + name)
    assert r.status == 200, r.body[:200]
    assert r.headers["content-type"] == ctype
    assert r.body == static_bytes(name)


def test_static_missing_and_folders_are_404(server):
    assert get(server, "/static/nope.txt").status == 404
    assert get(server, "/static/sub").status == 404
    assert get(server, "/static/").status == 404


@pytest.mark.parametrize("target", [
    "/static/../__init__.py", "/static/sub/../../__init__.py", "/static/%2e%2e/__init__.py",
    "/static/..%2f__init__.py", "/static/sub/%2E%2E/%2E%2E/__init__.py",
])
def test_static_traversal_is_403(server, target):
    out = raw_request(server.port, ("GET %s HTTP/1.0\r\n\r\n" % target).encode())
    assert out.startswith(b"HTTP/1.") and out.split(b" ", 2)[1] == b"403", out[:200]
    assert b"import" not in out


def test_static_head_sends_no_body(server):
    c = Conn(server.port)
    try:
        r = c.request("HEAD", "/static/note.txt")
        assert r.status == 200 and r.body == b""
        assert r.headers["content-length"] == str(len(static_bytes("note.txt")))
        assert c.request("GET", "/static/app.js").body == static_bytes("app.js")
    finally:
        c.close()


def test_many_static_files_on_one_keep_alive_connection(server):
    c = Conn(server.port)
    try:
        for _ in range(3):
            for name in ("big.txt", "logo.png", "note.txt"):
                r = c.request("GET", "/static/" + name)
                assert r.status == 200 and r.body == static_bytes(name)
    finally:
        c.close()
