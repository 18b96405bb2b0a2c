"""Files from disk: picoweb 1.x's get_mime_type, sendfile and automatic /static/.

Imported on first use (the first file sent), never by `import picoweb_core`:
an app that sends no files never pays for it.

Strategy: a file is streamed through one small fixed buffer, never read
whole, so a board with tens of KiB of heap can send a file of any size. Its
size comes from one stat() and goes out as Content-Length, which keeps the
connection reusable without chunked framing. Paths are "/"-joined strings:
MicroPython has no os.path, and both runtimes accept "/" everywhere.
"""
import os

from .pkgdir import package_dir

# Bytes copied per write. picoweb 1.x used 128; 512 halves the number of
# writes (and of chunk headers, where a response is chunked) for the cost of
# 384 more bytes while a file is being sent.
BUF_SIZE = 512

_ENOENT = 2
_ENOTDIR = 20
_EISDIR = 21
_S_IFDIR = 0x4000  # MicroPython has no stat module

DEFAULT_TYPE = "text/plain"  # picoweb 1.x's answer for anything it did not know


def get_mime_type(fname):
    """picoweb 1.x: the Content-Type for `fname` by its last extension, from
    the core's one table (mime.py) without the charset, as picoweb answered;
    text/plain for anything unknown.

    >>> get_mime_type("logo.PNG"), get_mime_type("notes.py")
    ('image/png', 'text/plain')
    """
    from .mime import mime_type
    ctype = mime_type(fname, DEFAULT_TYPE)
    i = ctype.find(";")
    return ctype[:i] if i >= 0 else ctype


def _size(path):
    """The size of regular file `path`, or None when there is no such file."""
    try:
        st = os.stat(path)
    except OSError as e:
        if e.args[0] in (_ENOENT, _ENOTDIR):
            return None
        raise
    if st[0] & _S_IFDIR:
        return None
    return st[6]


def _with_length(headers, n):
    """`headers` (None, dict, list of pairs, or picoweb's raw str/bytes block)
    plus a Content-Length, unless the app already gave one."""
    line = "Content-Length: %d\r\n" % n
    if headers is None:
        return line
    if isinstance(headers, (str, bytes)):
        block = headers if isinstance(headers, str) else headers.decode()
        if "content-length:" in block.lower():
            return headers
        if block and not block.endswith("\r\n"):
            block += "\r\n"
        return block + line
    from .http_status import header_pairs
    pairs = list(header_pairs(headers))
    for name, _ in pairs:
        if name.lower() == "content-length":
            return headers
    pairs.append(("Content-Length", str(n)))
    return pairs


async def sendstream(writer, f, bufsize=BUF_SIZE):
    """Copy file-like `f` (with readinto) to `writer` through one fixed buffer."""
    buf = bytearray(bufsize)
    while True:
        n = f.readinto(buf)
        if not n:
            break
        await writer.awrite(buf, 0, n)


async def sendfile(writer, fname, content_type=None, headers=None):
    """Send file `fname` (relative to the cwd) as a whole 200 response, or a
    404 when there is no such file, as picoweb 1.x's sendfile did.

    `headers` is a dict, a list of pairs, or a raw "Name: value\\r\\n" block.

        await sendfile(resp, "www/index.html")
        await sendfile(resp, "www/app.css.gz", "text/css", b"Content-Encoding: gzip\\r\\n")
    """
    n = _size(fname)
    if n is None:
        await writer.http_error("404")
        return
    f = open(fname, "rb")
    try:
        await writer.start_response(content_type or get_mime_type(fname), "200",
                                    _with_length(headers, n))
        await sendstream(writer, f)
    finally:
        f.close()


async def app_sendfile(app, writer, fname, content_type=None, headers=None):
    """picoweb 1.x's `app.sendfile`: `fname` is relative to the app's package folder."""
    await sendfile(writer, package_dir(app.pkg) + fname, content_type, headers)


async def serve_static(app, req, resp, fname=None):
    """The handler behind picoweb 1.x's automatic /static/ route.

    `fname` is the routed part after "/static/"; without it, picoweb's route
    regex `^/(static/.+)` is assumed, whose group(1) starts with "static/".
    Files come from `<package folder>/static/`; a path that could climb out
    of it is a 403, whether or not the file exists.
    """
    path = "static/" + fname if fname is not None else req.url_match.group(1)
    # ".." anywhere is refused, as picoweb did: cheaper than normalizing, and
    # no legitimate file name needs it. A NUL would make open() raise.
    if ".." in path or "\x00" in path or "\\" in path:
        await resp.http_error("403")
        return
    await app_sendfile(app, resp, path)

