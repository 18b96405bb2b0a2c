"""Cases for picoweb_core.files, run on CPython by test_compat_files.py and on
the micropython binary through tests/mp_runner.py: the same code on both.

    micropython tests/mp_runner.py files_cases
"""
import os

try:
    import asyncio
except ImportError:
    import uasyncio as asyncio

import picoweb_core.files

files = picoweb_core.files  # `from picoweb_core import files` trips the package __getattr__ on MicroPython

HERE = __file__[:__file__.rfind("/") + 1] if "/" in __file__ else ""
STATIC = HERE + "apps/webapp1/static/"


def check(cond, what):
    if not cond:
        raise AssertionError(what)


class FakeWriter:
    """Records what files.py asks of the response writer."""

    def __init__(self):
        self.calls = []
        self.body = b""
        self.sizes = []

    async def start_response(self, content_type, status, headers=None):
        self.calls.append(("start", content_type, status, headers))

    async def http_error(self, status):
        self.calls.append(("error", status))

    async def awrite(self, buf, off=0, sz=-1):
        data = bytes(buf[off:off + sz] if sz >= 0 else buf[off:])
        self.sizes.append(len(data))
        self.body += data


class FakeApp:
    pkg = None


class FakeMatch:

    def __init__(self, s):
        self.s = s

    def group(self, i):
        return self.s


class FakeReq:

    def __init__(self, path):
        self.url_match = FakeMatch(path)


def run(coro):
    return asyncio.run(coro)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def case_mime_types():
    table = {"a.html": "text/html", "a.htm": "text/html", "s.css": "text/css",
             "x.js": "text/javascript", "d.json": "application/json",
             "i.png": "image/png", "i.PNG": "image/png", "p.jpg": "image/jpeg",
             "p.jpeg": "image/jpeg", "g.gif": "image/gif", "v.svg": "image/svg+xml",
             "f.ico": "image/vnd.microsoft.icon", "t.txt": "text/plain", "w.woff": "font/woff",
             "w.woff2": "font/woff2", "m.wasm": "application/wasm", "i.webp": "image/webp",
             "notes.py": "text/plain", "noext": "text/plain", "dir.d/file": "text/plain",
             "a.tar.gz": "application/gzip", "weird.": "text/plain"}
    for name, want in table.items():
        got = files.get_mime_type(name)
        check(got == want, "%s: %r != %r" % (name, got, want))


def case_sendfile_streams_in_small_pieces_with_length():
    w = FakeWriter()
    run(files.sendfile(w, STATIC + "big.txt"))
    data = read(STATIC + "big.txt")
    check(w.body == data, "body differs")
    check(max(w.sizes) <= files.BUF_SIZE, "a piece was larger than the buffer")
    check(w.calls == [("start", "text/plain", "200", "Content-Length: %d\r\n" % len(data))],
          repr(w.calls))


def case_sendfile_headers_forms_get_a_length():
    n = len(read(STATIC + "style.css"))
    w = FakeWriter()
    run(files.sendfile(w, STATIC + "style.css", None, {"X-A": "1"}))
    check(w.calls[0] == ("start", "text/css", "200", [("X-A", "1"), ("Content-Length", str(n))]),
          repr(w.calls))
    w = FakeWriter()
    run(files.sendfile(w, STATIC + "style.css", "text/x-mine", b"Cache-Control: no-cache\r\n"))
    check(w.calls[0] == ("start", "text/x-mine", "200",
                         "Cache-Control: no-cache\r\nContent-Length: %d\r\n" % n), repr(w.calls))
    w = FakeWriter()
    run(files.sendfile(w, STATIC + "style.css", None, "Content-Length: %d\r\n" % n))
    check(w.calls[0][3] == "Content-Length: %d\r\n" % n, repr(w.calls))
    check(w.body == read(STATIC + "style.css"), "body differs")


def case_sendfile_missing_file_and_folder_are_404():
    for name in ("nope.txt", "sub", "note.txt/x"):
        w = FakeWriter()
        run(files.sendfile(w, STATIC + name))
        check(w.calls == [("error", "404")], name + ": " + repr(w.calls))
        check(w.body == b"", name)


def case_serve_static_refuses_traversal():
    for path in ("static/../__init__.py", "static/sub/../../x", "static/..", "static/a\\b",
                 "static/a\x00b"):
        w = FakeWriter()
        run(files.serve_static(FakeApp(), FakeReq(path), w))
        check(w.calls == [("error", "403")], path + ": " + repr(w.calls))


def case_serve_static_from_cwd_for_main_and_from_package_folder():
    app = FakeApp()
    w = FakeWriter()
    run(files.serve_static(app, None, w, "../x"))
    check(w.calls == [("error", "403")], repr(w.calls))
    # pkg None: picoweb 1.x resolved static/ against the current folder.
    cwd = os.getcwd()
    os.chdir(STATIC[:-len("static/")] if STATIC != "static/" else ".")
    try:
        w = FakeWriter()
        run(files.serve_static(app, None, w, "sub/deep.txt"))
        check(w.body == b"deep file\n", repr(w.body))
    finally:
        os.chdir(cwd)


def case_package_dir_of_module_and_package():
    check(files.package_dir(None) == "", "None")
    check(files.package_dir("__main__") == "", "__main__")
    d = files.package_dir("picoweb_core")
    check(d.endswith("picoweb_core/"), d)
    check(read(d + "files.py").startswith(b'"""Files from disk'), d)
