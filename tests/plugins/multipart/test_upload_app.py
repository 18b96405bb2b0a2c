"""Uploads end to end over real sockets, on CPython and on micropython:
files on disk byte for byte, limits answered 413/400/415 with nothing partial
kept, a client that leaves mid-file, chunked bodies, keep-alive after an upload."""
import hashlib
import os
import socket

import pytest
import upload_support as us
from upload_support import encode, listing, post

import support

TRICKY = (b"\r\n--" + us.BOUNDARY[:-1].encode() + b"\r\n\r\n-\r" + bytes(range(256)) +
          b"\r\n--" + us.BOUNDARY[:10].encode())


@pytest.fixture(scope="module", params=support.RUNTIMES)
def server(request, tmp_path_factory):
    root = str(tmp_path_factory.mktemp("uploads-" + request.param))
    proc = support.AppProcess(request.param, us.APP, [root]).start()
    proc.root = root
    yield proc
    proc.stop()


@pytest.fixture
def app(server):
    us.clear(server.port)
    yield server
    assert server.alive(), server.stop()


def stored(server, name, folder="up"):
    with open(os.path.join(server.root, folder, name), "rb") as f:
        return f.read()


def test_fields_and_files_arrive_whole(app):
    utf8_name = "\u65e5\u672c\u8a9e \u20ac.bin"
    body = encode([("title", "Caf\u00e9"), ("tag", "a"), ("tag", "b"),
                   ("file", utf8_name.encode(), TRICKY),
                   ("file", "empty.txt", b"", "text/plain")])
    r = post(app.port, "/upload", body)
    assert r.status == 200, r.body
    out = r.json()
    assert out["fields"] == {"title": ["Caf\u00e9"], "tag": ["a", "b"]}
    first, second = out["files"]
    assert (first["filename"], first["size"], first["type"]) == (
        utf8_name, len(TRICKY), "application/octet-stream")
    assert stored(app, first["stored"]) == TRICKY
    assert (second["filename"], second["size"], stored(app, second["stored"])) == (
        "empty.txt", 0, b"")
    assert sorted(listing(app.port)["up"]) == sorted([first["stored"], second["stored"]])


def test_filename_star_wins(app):
    body = (b"--" + us.BOUNDARY.encode() + b"\r\nContent-Disposition: form-data; name=\"file\"; "
            b"filename=\"fallback.txt\"; filename*=UTF-8''%E2%82%AC%20rates.txt\r\n\r\nx\r\n--" +
            us.BOUNDARY.encode() + b"--\r\n")
    r = post(app.port, "/upload", body)
    assert r.status == 200, r.body
    assert r.json()["files"][0]["filename"] == "\u20ac rates.txt"


def test_a_1mib_file_in_odd_pieces(app):
    data = os.urandom(1 << 20)
    body = encode([("note", "big"), ("file", "big.bin", data)])
    r = post(app.port, "/upload", body, piece=7001)
    assert r.status == 200, r.body
    f = r.json()["files"][0]
    assert f["size"] == len(data)
    assert stored(app, f["stored"]) == data


def test_a_callback_gets_fixed_pieces(app):
    data = os.urandom(200000)
    r = post(app.port, "/sink", encode([("file", "s.bin", data)]), piece=65536)
    assert r.status == 200, r.body
    out = r.json()
    assert out["sha256"] == {"s.bin": hashlib.sha256(data).hexdigest()}
    assert 0 < out["largest_piece"] <= 512
    assert listing(app.port)["up"] == []  # handed to the callback, not saved


def test_without_a_destination_a_small_file_stays_in_memory(app):
    r = post(app.port, "/memory", encode([("file", "c.json", b'{"a": 1}')]))
    assert r.status == 200, r.body
    assert r.json()["files"][0]["data"] == '{"a": 1}'
    r = post(app.port, "/memory", encode([("file", "c.json", b"x" * 65)]))
    assert r.status == 413


@pytest.mark.parametrize("parts,why", [
    ([("a", "1"), ("file", "ok.bin", b"k" * 900), ("file", "big.bin", b"b" * 1001)],
     "the second file is one byte over max_file"),
    ([("n", "1")] * 4 + [("file", "f.bin", b"z" * 10)], "a fifth part"),
    ([("file", "f.bin", b"z" * 10), ("f", "x" * 65)], "a field over max_field"),
    ([("file", "f.bin", b"z" * 10), ("n" * 300, "1")], "part headers over max_header"),
    ([("file", "f.bin", b"z" * 10), ("a", "x" * 60), ("b", "y" * 41)],
     "fields together over max_memory"),
])
def test_over_a_limit_is_413_and_nothing_is_kept(app, parts, why):
    r = post(app.port, "/small", encode(parts))
    assert r.status == 413, (why, r.status, r.body)
    assert listing(app.port)["up"] == [], why


def test_a_body_over_max_total_is_refused_before_it_is_read(app):
    # 20 KB announced, over /small's 8 KB: answered from the head alone.
    body = encode([("file", "f.bin", b"q" * 20000)])
    c = support.Conn(app.port, timeout=10)
    try:
        c.send(us.head("/small", len(body)))
        r = c.read("POST")
    finally:
        c.close()
    assert r.status == 413
    assert listing(app.port)["up"] == []


@pytest.mark.parametrize("body,status", [
    (encode([("file", "cut.bin", b"c" * 3000)], close=False), 400),
    (encode([("file", "cut.bin", b"c" * 3000)])[:-10] + b"\r\n\r\n\r\n\r\n\r\n", 400),
    (b"no delimiter here", 400),
    (b"--" + us.BOUNDARY.encode() + b"\r\nContent-Type: text/plain\r\n\r\nx\r\n--" +
     us.BOUNDARY.encode() + b"--", 400),
])
def test_malformed_is_400_and_nothing_is_kept(app, body, status):
    r = post(app.port, "/upload", body)
    assert r.status == status, r.body
    assert listing(app.port)["up"] == []


def test_not_multipart_is_415(app):
    r = support.request(app.port, "POST", "/upload", body=b"a=1",
                        headers={"Content-Type": "application/x-www-form-urlencoded",
                                 "Connection": "close"})
    assert r.status == 415
    r = post(app.port, "/upload", encode([("a", "1")]), boundary="")
    assert r.status == 400


def test_a_client_that_leaves_mid_file_leaves_no_file(app):
    data = b"p" * 300000
    body = encode([("file", "gone.bin", data)])
    s = socket.create_connection(("127.0.0.1", app.port), timeout=10)
    try:
        s.sendall(us.head("/upload", len(body)) + body[:150000])
        # The partial file exists while the body is arriving...
        assert us.wait_for(lambda: listing(app.port)["up"]), "no file while uploading"
    finally:
        s.close()
    # ...and is removed once the server sees the client gone.
    assert us.wait_for(lambda: listing(app.port)["up"] == []), listing(app.port)


def test_an_empty_file_input_is_skipped(app):
    # What a browser sends for a file input left empty.
    r = post(app.port, "/upload", encode([("title", "t"), ("file", "", b"")]))
    assert r.status == 200, r.body
    assert r.json() == {"fields": {"title": ["t"]}, "files": []}
    assert listing(app.port)["up"] == []


def test_an_async_on_file_chooses_paths_or_skips(app):
    body = encode([("file", "../notes.txt", b"N" * 3000), ("file", "photo.jpg", b"J" * 3000),
                   ("file", "b.txt", b"B")])
    r = post(app.port, "/pick", body)
    assert r.status == 200, r.body
    files = r.json()["files"]
    assert [(f["filename"], f["size"], f["stored"]) for f in files] == [
        ("../notes.txt", 3000, "notes.txt"), ("b.txt", 1, "b.txt")]
    assert listing(app.port) == {"up": [], "named": ["b.txt", "notes.txt"]}
    assert stored(app, "notes.txt", "named") == b"N" * 3000


def test_reader_saves_under_safe_names(app):
    body = encode([("who", "me"), ("file", "../../evil.txt", b"E"),
                   ("file", "C:\\Users\\me\\photo.jpg", b"J")])
    r = post(app.port, "/named", body)
    assert r.status == 200, r.body
    assert r.json() == {"fields": {"who": "me"}, "saved": [["evil.txt", 1], ["photo.jpg", 1]]}
    assert stored(app, "evil.txt", "named") == b"E"
    assert not os.path.exists(os.path.join(app.root, "..", "evil.txt"))
    assert listing(app.port)["named"] == ["evil.txt", "photo.jpg"]


def test_chunked_upload(app):
    data = os.urandom(5000)
    body = encode([("file", "ch.bin", data)])
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 777]), body[i:i + 777])
                      for i in range(0, len(body), 777)) + b"0\r\n\r\n"
    c = support.Conn(app.port, timeout=10)
    try:
        c.send(("POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
                "Content-Type: multipart/form-data; boundary=%s\r\n\r\n" % us.BOUNDARY).encode()
               + chunks)
        r = c.read("POST")
        assert r.status == 200, r.body
        assert stored(app, r.json()["files"][0]["stored"]) == data
        # The connection is still good for the next request.
        c.send(b"GET /ls HTTP/1.1\r\nHost: t\r\n\r\n")
        assert c.read().status == 200
    finally:
        c.close()


def test_keep_alive_after_an_upload_and_an_epilogue(app):
    body = encode([("a", "1")]) + b"an epilogue the parser never needs"
    c = support.Conn(app.port, timeout=10)
    try:
        c.send(us.head("/upload", len(body)) + body)
        r = c.read("POST")
        assert r.status == 200 and r.json()["fields"] == {"a": ["1"]}
        c.send(b"GET /ls HTTP/1.1\r\nHost: t\r\n\r\n")
        assert c.read().status == 200
    finally:
        c.close()


def test_other_bodies_stay_small(app):
    # The plugin's guard: the app's max_body is 4 MiB for uploads, other
    # bodies are capped at 16 KiB before any handler reads them.
    ok = support.request(app.port, "POST", "/echo", body=b"e" * 16384,
                         headers={"Connection": "close", "Content-Type": "text/plain"})
    assert ok.status == 200 and ok.json() == {"length": 16384}
    big = support.request(app.port, "POST", "/echo", body=b"e" * 16385,
                          headers={"Connection": "close", "Content-Type": "text/plain"})
    assert big.status == 413


@pytest.fixture(scope="module", params=support.RUNTIMES)
def paths_server(request, tmp_path_factory):
    root = str(tmp_path_factory.mktemp("paths-" + request.param))
    proc = support.AppProcess(request.param, us.APP, [root, "paths"]).start()
    yield proc
    proc.stop()


def test_only_upload_paths_take_large_bodies(paths_server):
    port = paths_server.port
    big = encode([("file", "f.bin", b"u" * 20000)])
    r = post(port, "/upload", big)
    assert r.status == 200 and r.json()["files"][0]["size"] == 20000
    r = post(port, "/named", big)
    assert r.status == 200, r.body
    # Multipart too, but not under an upload path: refused before any handler.
    assert post(port, "/sink", big).status == 413
    assert post(port, "/uploads", big).status == 413  # whole segments only
    # Percent-encoded, the path routes are matched by: still /upload.
    assert post(port, "/%75pload", big).status == 200
    small = encode([("file", "f.bin", b"u" * 100)])
    assert post(port, "/sink", small).status == 200


def test_expect_100_continue(app):
    # curl's way for large uploads: the body follows the server's 100 Continue.
    data = os.urandom(40000)
    body = encode([("file", "e.bin", data)])
    c = support.Conn(app.port, timeout=10)
    try:
        c.send(us.head("/upload", len(body), extra="Expect: 100-continue\r\n"))
        interim = c.read("POST")
        assert interim.status == 100
        c.send(body)
        r = c.read("POST")
        assert r.status == 200, r.body
        assert stored(app, r.json()["files"][0]["stored"]) == data
    finally:
        c.close()
    # Over /small's max_total: refused from the head, no 100 Continue first.
    c = support.Conn(app.port, timeout=10)
    try:
        c.send(us.head("/small", len(body), extra="Expect: 100-continue\r\n"))
        assert c.read("POST").status == 413
    finally:
        c.close()
