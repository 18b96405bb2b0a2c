"""A client that leaves before or during a static response, with the socket's
failure made exact by a stand-in `resp`: on CPython the error asyncio raises
(ConnectionResetError("Connection lost"), no errno), on MicroPython an
OSError(ECONNRESET). Run by pytest on CPython and by tests/mp_runner.py under
micropython; the files are the session's static site under build/.
"""
import sys

try:
    import asyncio
except ImportError:
    import uasyncio as asyncio

from picoweb_static import StaticFiles
from picoweb_static.headers import make_etag

_here = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."
WWW = _here + "/../../../build/static-site/www"
HELLO_SIZE = 15
HELLO_MTIME = 784111777  # static_support.OLD_MTIME

if sys.implementation.name == "micropython":
    def gone():
        return OSError(104, "ECONNRESET")
else:
    def gone():
        return ConnectionResetError("Connection lost")  # noqa: F821 (CPython only)


class Log:
    def __init__(self):
        self.lines = []

    def info(self, fmt, *args):
        self.lines.append("INFO " + (fmt % args if args else fmt))

    def error(self, fmt, *args):
        self.lines.append("ERROR " + (fmt % args if args else fmt))

    exception = warning = error


class App:
    def __init__(self):
        self.log = Log()


class Req:
    def __init__(self, path, headers=None):
        self.app = App()
        self.method = "GET"
        self.path = "/static/" + path
        self.decoded_path = self.path
        self.qs = ""
        self.headers = headers or {}


class Resp:
    """Raises `exc` from start_response (when `at_head`) or from the first awrite."""

    def __init__(self, exc, at_head=True):
        self.exc = exc
        self.at_head = at_head
        self.heads = []
        self.written = 0

    async def start_response(self, content_type=None, status=200, headers=None):
        if self.at_head:
            raise self.exc
        self.heads.append(status)

    async def awrite(self, buf, off=0, sz=-1):
        raise self.exc

    async def http_error(self, status, *args):
        raise self.exc


def serve(path, resp, headers=None):
    req = Req(path, headers)
    asyncio.run(StaticFiles(WWW).handle(req, resp, path))
    return req.app.log.lines


def _check(cond, what):
    if not cond:
        raise AssertionError(what)


def case_left_before_head_is_one_info_line():
    lines = serve("hello.txt", Resp(gone()))
    _check(len(lines) == 1, lines)
    _check(lines[0].startswith("INFO static: client left before the response head of /static/hello.txt"),
           lines)


def case_left_before_a_304_head_is_one_info_line():
    etag = make_etag(HELLO_SIZE, HELLO_MTIME)
    lines = serve("hello.txt", Resp(gone()), {"if-none-match": etag})
    _check(len(lines) == 1 and "before the response head" in lines[0], lines)


def case_left_before_a_redirect_is_one_info_line():
    lines = serve("sub", Resp(gone()))
    _check(len(lines) == 1 and "before the response head of /static/sub " in lines[0], lines)


def case_left_mid_file_is_still_one_info_line():
    resp = Resp(gone(), at_head=False)
    lines = serve("big.bin", resp)
    _check(resp.heads == [200], resp.heads)
    _check(len(lines) == 1 and lines[0].startswith(
        "INFO static: client left after 0 of 1048576 bytes of /static/big.bin"), lines)


def case_other_write_errors_still_raise():
    # EIO is the server's problem, not a client leaving: the core must see it.
    try:
        serve("hello.txt", Resp(OSError(5, "EIO")))
    except OSError as e:
        _check(e.args[0] == 5, e)
    else:
        raise AssertionError("EIO was swallowed")
