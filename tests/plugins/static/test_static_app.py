"""End-to-end: static_app.py served by a real server process on each runtime."""
import gzip

import pytest
from static_support import APP, APP_JS, SECRET, SITE, big_bytes, get, raw_status

import support

server = support.app_fixture(APP, args=[SITE])

# -- mounting, index files, redirects -------------------------------------


def test_index_file_for_the_prefix(server):
    r = get(server.port, "/static/")
    assert r.status == 200
    assert r.body == b"<h1>home</h1>\n"
    assert r.headers["content-type"] == "text/html; charset=utf-8"


@pytest.mark.parametrize("path, location", [
    ("/static", "/static/"),
    ("/static/sub", "/static/sub/"),
    ("/static/sub?x=1", "/static/sub/?x=1"),
])
def test_directory_without_slash_redirects(server, path, location):
    r = get(server.port, path)
    assert r.status == 301
    assert r.headers["location"] == location
    assert r.body == b""


def test_index_file_in_a_subfolder(server):
    r = get(server.port, "/static/sub/")
    assert r.status == 200 and r.body == b"<h1>sub</h1>\n"
    assert get(server.port, "/static/sub/page.html").body == b"<p>page</p>\n"


@pytest.mark.parametrize("path", [
    "/static/nodir/", "/static/hello.txt/", "/static/missing.txt", "/static/sub/missing/",
    "/assets/dir/", "/assets/", "/static/.hidden",
])
def test_not_found(server, path):
    r = get(server.port, path)
    assert r.status == 404


def test_several_mounts_each_with_own_settings(server):
    r = get(server.port, "/assets/thing.xyz")
    assert r.status == 200 and r.body == b"custom type\n"
    assert r.headers["content-type"] == "text/x-custom"
    assert "cache-control" not in r.headers  # max_age=None
    assert get(server.port, "/assets/code.js").headers["content-type"] == "text/x-js"
    r = get(server.port, "/assets/nums.txt")  # 1000 bytes through a 100-byte buffer
    assert r.body == bytes(range(48, 58)) * 100
    assert get(server.port, "/ping").body == b"pong"


def test_package_resource_folder(server):
    r = get(server.port, "/pkg/hi.txt")
    assert r.status == 200 and r.body == b"from a package\n"


def test_only_get_and_head(server):
    r = support.request(server.port, "POST", "/static/hello.txt", body=b"x")
    assert r.status == 405
    assert "GET" in r.headers["allow"]


# -- types and headers ----------------------------------------------------

@pytest.mark.parametrize("name, ctype", [
    ("index.html", "text/html; charset=utf-8"),
    ("UPPER.HTML", "text/html; charset=utf-8"),
    ("style.css", "text/css; charset=utf-8"),
    ("app.js", "text/javascript; charset=utf-8"),
    ("mod.mjs", "text/javascript; charset=utf-8"),
    ("data.json", "application/json"),
    ("app.js.map", "application/json"),
    ("logo.svg", "image/svg+xml"),
    ("img.png", "image/png"),
    ("photo.jpg", "image/jpeg"),
    ("anim.gif", "image/gif"),
    ("pic.webp", "image/webp"),
    ("favicon.ico", "image/vnd.microsoft.icon"),
    ("font.woff", "font/woff"),
    ("font.woff2", "font/woff2"),
    ("hello.txt", "text/plain; charset=utf-8"),
    ("module.wasm", "application/wasm"),
    ("app.js.gz", "application/gzip"),
    ("unknown.xyz", "application/octet-stream"),
    ("noext", "application/octet-stream"),
])
def test_content_type(server, name, ctype):
    r = get(server.port, "/static/" + name)
    assert r.status == 200
    assert r.headers["content-type"] == ctype


def test_caching_headers(server):
    r = get(server.port, "/static/hello.txt")
    assert r.body == b"Hello, static!\n"
    assert r.headers["content-length"] == "15"
    assert r.headers["cache-control"] == "max-age=600"
    assert r.headers["last-modified"] == "Sun, 06 Nov 1994 08:49:37 GMT"
    etag = r.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) > 2  # strong
    assert r.headers["accept-ranges"] == "bytes"
    assert get(server.port, "/static/hello.txt").headers["etag"] == etag  # stable


def test_empty_file_and_unicode_name(server):
    r = get(server.port, "/static/empty.txt")
    assert r.status == 200 and r.body == b"" and r.headers["content-length"] == "0"
    r = get(server.port, "/static/caf%C3%A9.txt")
    assert r.status == 200 and r.body == b"unicode name\n"


def test_large_file_is_complete(server):
    r = get(server.port, "/static/big.bin")
    assert r.status == 200
    assert r.headers["content-length"] == str(1 << 20)
    assert r.body == big_bytes()


# -- conditional requests ---------------------------------------------------

def _etag(server, path="/static/hello.txt"):
    return get(server.port, path).headers["etag"]


@pytest.mark.parametrize("make", [
    lambda e: {"If-None-Match": e},
    lambda e: {"If-None-Match": '"nope", ' + e},
    lambda e: {"If-None-Match": "W/" + e},
    lambda e: {"If-None-Match": "*"},
    lambda e: {"If-Modified-Since": "Sun, 06 Nov 1994 08:49:37 GMT"},
    lambda e: {"If-Modified-Since": "Mon, 07 Nov 1994 00:00:00 GMT"},
])
def test_not_modified(server, make):
    r = get(server.port, "/static/hello.txt", make(_etag(server)))
    assert r.status == 304
    assert r.body == b""
    assert r.headers["etag"] == _etag(server)
    assert r.headers["cache-control"] == "max-age=600"


@pytest.mark.parametrize("headers", [
    {"If-None-Match": '"other"'},
    {"If-Modified-Since": "Sat, 05 Nov 1994 08:49:37 GMT"},
    {"If-Modified-Since": "not a date"},
    # If-None-Match decides alone when both are sent.
    {"If-None-Match": '"other"', "If-Modified-Since": "Sun, 06 Nov 1994 08:49:37 GMT"},
])
def test_modified(server, headers):
    r = get(server.port, "/static/hello.txt", headers)
    assert r.status == 200 and r.body == b"Hello, static!\n"


def test_304_and_head_keep_the_connection(server):
    c = support.Conn(server.port)
    try:
        etag = c.request("GET", "/static/hello.txt").headers["etag"]
        assert c.request("GET", "/static/hello.txt", headers={"If-None-Match": etag}).status == 304
        r = c.request("HEAD", "/static/big.bin")
        assert r.status == 200 and r.headers["content-length"] == str(1 << 20)
        # Were a body sent after the HEAD, this would read it as a status line.
        r = c.request("GET", "/static/hello.txt")
        assert r.status == 200 and r.body == b"Hello, static!\n"
    finally:
        c.close()


def test_head_sends_no_body(server):
    status, data = raw_status(server.port, b"/static/hello.txt", b"HEAD")
    assert status == 200
    head, _, body = data.partition(b"\r\n\r\n")
    assert b"Content-Length: 15" in head
    assert body == b""


# -- precompressed variants -------------------------------------------------

def test_gzip_variant_when_accepted(server):
    r = get(server.port, "/static/app.js", {"Accept-Encoding": "gzip, deflate, br"})
    assert r.status == 200
    assert r.headers["content-encoding"] == "gzip"
    assert r.headers["vary"] == "Accept-Encoding"
    assert r.headers["content-type"] == "text/javascript; charset=utf-8"
    assert int(r.headers["content-length"]) == len(r.body) < len(APP_JS)
    assert gzip.decompress(r.body) == APP_JS
    plain = get(server.port, "/static/app.js")
    assert plain.headers["etag"] != r.headers["etag"]  # another representation


@pytest.mark.parametrize("accept", [None, "identity", "gzip;q=0", "br, deflate"])
def test_identity_when_gzip_not_accepted(server, accept):
    r = get(server.port, "/static/app.js", {"Accept-Encoding": accept} if accept else None)
    assert r.status == 200 and r.body == APP_JS
    assert "content-encoding" not in r.headers
    assert r.headers["vary"] == "Accept-Encoding"


def test_gzip_only_file(server):
    r = get(server.port, "/static/only.css", {"Accept-Encoding": "gzip"})
    assert r.status == 200 and r.headers["content-encoding"] == "gzip"
    assert gzip.decompress(r.body) == b"p { margin: 0 }\n"
    assert r.headers["content-type"] == "text/css; charset=utf-8"
    assert get(server.port, "/static/only.css").status == 406  # never compressed on the fly


def test_gzip_not_sent_by_a_mount_without_it(server):
    r = get(server.port, "/linked/app.js", {"Accept-Encoding": "gzip"})
    assert r.headers.get("content-encoding") == "gzip"  # /linked keeps gzip=True
    r = get(server.port, "/assets/code.js", {"Accept-Encoding": "gzip"})
    assert "content-encoding" not in r.headers and "vary" not in r.headers


# -- ranges -------------------------------------------------------------------

BIG = None


def big():
    global BIG
    if BIG is None:
        BIG = big_bytes()
    return BIG


@pytest.mark.parametrize("spec, first, last", [
    ("bytes=0-99", 0, 99),
    ("bytes=1000-", 1000, (1 << 20) - 1),
    ("bytes=-500", (1 << 20) - 500, (1 << 20) - 1),
    ("bytes=100-99999999", 100, (1 << 20) - 1),
    ("bytes=777-777", 777, 777),
    ("bytes=-99999999", 0, (1 << 20) - 1),
])
def test_single_range(server, spec, first, last):
    r = get(server.port, "/static/big.bin", {"Range": spec})
    assert r.status == 206
    assert r.headers["content-range"] == "bytes %d-%d/%d" % (first, last, 1 << 20)
    assert r.headers["content-length"] == str(last - first + 1)
    assert r.body == big()[first:last + 1]


@pytest.mark.parametrize("path, spec", [
    ("/static/big.bin", "bytes=2000000-"),
    ("/static/big.bin", "bytes=1048576-1048577"),
    ("/static/big.bin", "bytes=-0"),
    ("/static/empty.txt", "bytes=0-"),
])
def test_unsatisfiable_range(server, path, spec):
    r = get(server.port, path, {"Range": spec})
    assert r.status == 416
    size = 1 << 20 if "big" in path else 0
    assert r.headers["content-range"] == "bytes */%d" % size


@pytest.mark.parametrize("spec", ["bytes=0-1,5-6", "bytes=abc", "items=0-1", "bytes=9-3"])
def test_ignored_range_sends_everything(server, spec):
    r = get(server.port, "/static/hello.txt", {"Range": spec})
    assert r.status == 200 and r.body == b"Hello, static!\n"


def test_if_range(server):
    etag = _etag(server)
    r = get(server.port, "/static/hello.txt", {"Range": "bytes=0-4", "If-Range": etag})
    assert r.status == 206 and r.body == b"Hello"
    r = get(server.port, "/static/hello.txt", {"Range": "bytes=0-4", "If-Range": '"old"'})
    assert r.status == 200 and r.body == b"Hello, static!\n"


def test_range_of_the_gzip_variant(server):
    full = get(server.port, "/static/app.js", {"Accept-Encoding": "gzip"}).body
    r = get(server.port, "/static/app.js", {"Accept-Encoding": "gzip", "Range": "bytes=0-9"})
    assert r.status == 206 and r.body == full[:10]
    assert r.headers["content-encoding"] == "gzip"


# -- never outside the folder -------------------------------------------------

TRAVERSAL = [
    b"/static/../secret.txt",
    b"/static/..%2fsecret.txt",
    b"/static/..%2Fsecret.txt",
    b"/static/%2e%2e/secret.txt",
    b"/static/%2E%2E/secret.txt",
    b"/static/%2e%2e%2fsecret.txt",
    b"/static/.%2e/secret.txt",
    b"/static/%2e./secret.txt",
    b"/static/sub/../../secret.txt",
    b"/static/sub/%2e%2e/%2e%2e/secret.txt",
    b"/static/sub/..%2f..%2fsecret.txt",
    b"/static/./../secret.txt",
    b"/static/..",
    b"/static/..%2f",
    b"/static/..\\secret.txt",
    b"/static/..%5csecret.txt",
    b"/static/..%5Csecret.txt",
    b"/static/%5c..%5csecret.txt",
    b"/static/sub\\..\\..\\secret.txt",
    b"/static/..%00/secret.txt",
    b"/static/secret.txt%00.html",
    b"/static/hello.txt%00",
    b"/static/%00",
    b"/static//etc/passwd",
    b"/static/%2fetc%2fpasswd",
    b"/static/%2Fetc/passwd",
    b"//etc/passwd",
    b"/static///etc/passwd",
    b"/static/C:%5cWindows%5cwin.ini",
    b"/static/c:/secret.txt",
    b"/static/%252e%252e/secret.txt",
    b"/static/..%252fsecret.txt",
    b"/../secret.txt",
    b"/static/link-out",
    b"/static/link-out-rel.txt",
    b"/static/link-dir-out/secret.txt",
    b"/static/link-dir-out/",
    b"/static/link-dir-out",
    b"/static/sub/..%2f..%2foutside-dir/secret.txt",
    b"/assets/..%2fsecret.txt",
    b"/pkg/..%2f..%2fconftest.py",
    b"/pkg/%2e%2e/__init__.py",
]

# Not valid UTF-8 once decoded: the core refuses these before any route runs.
BAD_ENCODING = [
    b"/static/..%c0%af../secret.txt",
    b"/static/%c0%ae%c0%ae/secret.txt",
    b"/static/%ff",
]


@pytest.mark.parametrize("target", TRAVERSAL, ids=[t.decode() for t in TRAVERSAL])
def test_traversal_is_refused(server, target):
    for method in (b"GET", b"HEAD"):
        status, data = raw_status(server.port, target, method)
        assert status in (403, 404), data[:200]
        assert SECRET not in data and b"root:" not in data and b"from a package" not in data


@pytest.mark.parametrize("target", BAD_ENCODING, ids=[t.decode() for t in BAD_ENCODING])
def test_bad_encoding_is_refused(server, target):
    status, data = raw_status(server.port, target)
    assert status in (400, 404)
    assert SECRET not in data


def test_symlink_inside_refused_unless_trusted(server):
    assert get(server.port, "/static/link-in.txt").status == 404
    r = get(server.port, "/linked/link-in.txt")
    assert r.status == 200 and r.body == b"Hello, static!\n"


def test_server_still_serves_after_the_corpus(server):
    assert server.alive()
    assert get(server.port, "/static/hello.txt").status == 200
