"""StaticFiles: one folder served at one URL prefix.

Strategy: the URL path arrives percent-decoded (routes match the decoded
path), so "%2e%2e" and "%2f" have already become ".." and "/". It is split on
"/" and every segment is checked on its own: empty, ".", "..", backslashes,
NUL and ":" end the request with 404 before the filesystem is touched, so no
path can climb out of the folder. Symlinks are refused segment by segment
(unless `follow_symlinks`), because MicroPython has no realpath to tell
where one leads. A file is then copied in one fixed buffer, so memory does not
grow with the file.
"""
from picoweb_core import HTTPError

from . import compat
from .compat import S_IFDIR, S_IFREG, http_date, is_link, stat
from .headers import (UNSATISFIABLE, accepts_gzip, make_etag, not_modified, parse_range,
                      range_applies)
from .mime import MIME_TYPES, content_type

_METHODS = ("GET", "HEAD")


class StaticFiles:
    """Serve the files under `folder` at URL `prefix`.

    >>> import picoweb_core, picoweb_static
    >>> app = picoweb_core.WebApp(__name__)
    >>> app.install(picoweb_static.StaticFiles("www", prefix="/"))
    >>> app.install(picoweb_static.StaticFiles("static", prefix="/assets",
    ...                                        package="myapp", max_age=86400))

    folder: a path, or a folder inside `package` when that is given.
    index: the file sent for a directory URL ("/assets/" -> index.html); None for 404.
    max_age: seconds for Cache-Control; None sends no Cache-Control.
    buffer_size: bytes read and written at a time; the only per-request buffer.
    mime_types: {extension: type} added to (or overriding) the built-in table.
    gzip: serve `name.gz` with Content-Encoding when the client accepts gzip.
    follow_symlinks: trust symlinks inside the folder (by default they get 404,
        since MicroPython cannot check where they lead).
    hidden: serve names starting with "." (".env", ".git/...") too.
    """

    def __init__(self, folder="static", prefix="/static", index="index.html", max_age=3600,
                 buffer_size=512, mime_types=None, gzip=True, package=None,
                 follow_symlinks=False, hidden=False):
        if not isinstance(folder, str) or not folder:
            raise TypeError("folder must be a non-empty str, not %r" % (folder,))
        if not isinstance(prefix, str) or (prefix and not prefix.startswith("/")):
            raise ValueError("prefix must start with '/': %r" % (prefix,))
        if not isinstance(buffer_size, int) or buffer_size < 16:
            raise ValueError("buffer_size must be an int of at least 16, not %r" % (buffer_size,))
        if max_age is not None and (not isinstance(max_age, int) or max_age < 0):
            raise ValueError("max_age must be None or an int >= 0, not %r" % (max_age,))
        if index is not None and ("/" in index or not self._segment_ok(index, True)):
            raise ValueError("index must be a plain file name, not %r" % (index,))
        if package:
            folder = compat.package_folder(package, folder)
        # "/" only stays when it is the whole path: the filesystem root itself.
        self.root = folder.rstrip("/") or "/"
        self.prefix = prefix.rstrip("/")
        self.index = index
        self.max_age = max_age
        self.cache_control = None if max_age is None else "max-age=%d" % max_age
        self.buffer_size = buffer_size
        self.types = MIME_TYPES
        if mime_types:
            self.types = dict(MIME_TYPES)
            for ext, ctype in mime_types.items():
                self.types[ext.lstrip(".").lower()] = ctype
        self.gzip = gzip
        self.follow_symlinks = follow_symlinks
        self.hidden = hidden
        # One plugin per prefix, so an app may install several mounts.
        self.name = "static:" + (self.prefix or "/")

    def install(self, app):
        """Register the routes; called by `app.install(plugin)`."""
        st = stat(self.root)
        if st is None or st[0] != S_IFDIR:
            raise ValueError("static folder %r is not a directory" % self.root)
        p = self.prefix
        app.add_url_rule(p + "/<path:path>", self.handle, methods=_METHODS)
        app.add_url_rule(p + "/", self.handle, methods=_METHODS)
        if p:
            app.add_url_rule(p, self.handle, methods=_METHODS)

    # -- resolving a URL path to a file -----------------------------------

    def _segment_ok(self, seg, hidden=None):
        if not seg or seg == "." or seg == "..":
            return False
        if seg[0] == "." and not (self.hidden if hidden is None else hidden):
            return False
        # "\" is a separator on Windows and FAT; ":" names a drive or stream; NUL
        # ends the name in C. None belongs in a URL path segment.
        return "\\" not in seg and "\x00" not in seg and ":" not in seg

    def _stat(self, folder, name):
        """stat of folder/name, or None if it is absent or a refused symlink."""
        if not self.follow_symlinks and is_link(folder, name):
            return None
        return stat(folder + "/" + name)

    def _lookup(self, path, dir_url):
        """`(folder, name, stat)` of the file to send for URL `path`; raises
        HTTPError 404, or returns None when `/dir` must be redirected to `/dir/`."""
        segs = path.split("/") if path else []
        if dir_url and segs and not segs[-1]:
            segs.pop()  # "a/b/" splits with an empty last segment
        for seg in segs:
            if not self._segment_ok(seg):
                raise HTTPError(404)
        folder = self.root
        for i, seg in enumerate(segs):
            st = self._stat(folder, seg)
            last = i == len(segs) - 1
            if last and not dir_url and (st is None or st[0] != S_IFDIR):
                # Absent may still mean "only name.gz is stored": _send decides.
                return folder, seg, st
            if st is None or st[0] != S_IFDIR:
                raise HTTPError(404)  # includes "file.txt/", which names no file
            folder = folder + "/" + seg
        if not dir_url:
            return None
        if self.index is None:
            raise HTTPError(404)
        return folder, self.index, self._stat(folder, self.index)

    # -- answering --------------------------------------------------------

    async def handle(self, req, resp, path=""):
        """The route handler; also callable from an app's own route to send
        the file at `path` (relative to the folder)."""
        try:
            await self._answer(req, resp, path)
        except OSError as e:
            if not compat.client_gone(e):
                raise
            # The client left before the head went out (a 304 or a redirect
            # included): no server error, one line as for one leaving mid-file.
            _left(req, "static: client left before the response head of %s (%r)", req.path, e)

    async def _answer(self, req, resp, path):
        # The bare-prefix routes pass no path: then only the URL tells "/static" from "/static/".
        dir_url = path.endswith("/") if path else req.decoded_path.endswith("/")
        found = self._lookup(path, dir_url)
        if found is None:
            location = req.path + "/"
            if req.qs:
                location += "?" + req.qs
            await resp.start_response(None, 301, [("Location", location),
                                                  ("Content-Length", "0")])
            return
        folder, name, st = found
        await self._send(req, resp, folder, name, st)

    async def _send(self, req, resp, folder, name, st):
        if st is not None and st[0] != S_IFREG:
            st = None
        gz = self._stat(folder, name + ".gz") if self.gzip else None
        if gz is not None and gz[0] != S_IFREG:
            gz = None
        if st is None and gz is None:
            raise HTTPError(404)
        use_gz = gz is not None and accepts_gzip(req.headers.get("accept-encoding"))
        if st is None and not use_gz:
            # Only the compressed copy is stored, and a board never compresses.
            raise HTTPError(406)
        _, size, mtime = gz if use_gz else st
        etag = make_etag(size, mtime, "-gz" if use_gz else "")
        modified = http_date(mtime)
        headers = [("ETag", etag), ("Last-Modified", modified), ("Accept-Ranges", "bytes")]
        if self.cache_control:
            headers.append(("Cache-Control", self.cache_control))
        if gz is not None:
            # The answer depends on Accept-Encoding: caches must key on it.
            headers.append(("Vary", "Accept-Encoding"))
        if not_modified(req.headers, etag, mtime):
            await resp.start_response(None, 304, headers)
            return
        first, count, status = 0, size, 200
        if req.method == "GET":
            rng = parse_range(req.headers.get("range"), size)
            if rng is not None and range_applies(req.headers, etag, modified):
                if rng == UNSATISFIABLE:
                    await resp.http_error(416, None, [("Content-Range", "bytes */%d" % size)])
                    return
                first, last = rng
                count = last - first + 1
                status = 206
                headers.append(("Content-Range", "bytes %d-%d/%d" % (first, last, size)))
        if use_gz:
            headers.append(("Content-Encoding", "gzip"))
        headers.append(("Content-Length", str(count)))
        f = None
        if req.method != "HEAD" and count:
            # Opened before the head goes out, so an unreadable file is a clean 404.
            try:
                f = open(folder + "/" + name + (".gz" if use_gz else ""), "rb")
            except OSError:
                raise HTTPError(404)
        try:
            await resp.start_response(content_type(name, self.types), status, headers)
            if f is not None:
                await self._copy(req, resp, f, first, count)
        finally:
            if f is not None:
                f.close()

    async def _copy(self, req, resp, f, first, count):
        """Send `count` bytes of open file `f` from offset `first`, one buffer at a time."""
        buf = bytearray(self.buffer_size)
        mv = memoryview(buf)
        size = self.buffer_size
        sent = 0
        if first:
            f.seek(first)
        while sent < count:
            left = count - sent
            n = f.readinto(buf if left >= size else mv[:left])
            if not n:
                # The file shrank while being sent: the core sees the short
                # body against Content-Length and closes the connection.
                return
            try:
                await resp.awrite(mv[:n])
            except OSError as e:
                if not compat.client_gone(e):
                    raise
                # A closed tab or a cancelled download is no server error:
                # one log line, then return. The core sees the body short
                # of its Content-Length and closes the connection.
                _left(req, "static: client left after %d of %d bytes of %s (%r)",
                      sent, count, req.path, e)
                return
            sent += n


def _left(req, fmt, *args):
    """One info line for a client that went away (the app's logger, if any)."""
    log = getattr(req.app, "log", None)
    if log is not None:
        log.info(fmt, *args)
