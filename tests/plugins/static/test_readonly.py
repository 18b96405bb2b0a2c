"""Serving from a read-only filesystem: a real read-only mount on MicroPython,
writes made to fail on CPython (mounting needs privileges there)."""
from static_support import APP, APP_JS, SITE, big_bytes, get

import support

server = support.app_fixture(APP, args=[SITE, "readonly"])


def test_files_index_and_redirect(server):
    assert get(server.port, "/static/").body == b"<h1>home</h1>\n"
    assert get(server.port, "/static/sub").status == 301
    assert get(server.port, "/static/sub/page.html").body == b"<p>page</p>\n"
    assert get(server.port, "/static/big.bin").body == big_bytes()


def test_conditional_gzip_and_range(server):
    r = get(server.port, "/static/hello.txt")
    assert r.headers["last-modified"] == "Sun, 06 Nov 1994 08:49:37 GMT"
    assert get(server.port, "/static/hello.txt",
               {"If-None-Match": r.headers["etag"]}).status == 304
    r = get(server.port, "/static/app.js", {"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    import gzip
    assert gzip.decompress(r.body) == APP_JS
    r = get(server.port, "/static/hello.txt", {"Range": "bytes=-8"})
    assert r.status == 206 and r.body == b"static!\n"


def test_traversal_still_refused(server):
    assert get(server.port, "/static/..%2fsecret.txt").status == 404
    assert get(server.port, "/static/link-out").status == 404
