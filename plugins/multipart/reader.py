# The request-level API over the sans-IO parser: a body read through the
# core's `await req.read(n)` in fixed pieces, parts handed out one by one,
# each file part written to disk (or a sink) piece by piece.
#
# Nothing partial is kept: a file that does not arrive whole (a limit, a
# malformed body, the client leaving, a timeout) is removed before the error
# goes on, and so are the files read_multipart() saved earlier in the request.
from .compat import is_awaitable, join, random_hex, remove
from .errors import MultipartError
from .headers import boundary_of
from .parser import DATA, DONE, END, PART, Part, MultipartParser


class MultipartLimits:
    """Limits of one multipart body; over any of them the request gets 413.

    `max_parts` parts, `max_header` bytes of one part's headers, `max_field`
    bytes of a field (or of a file kept in memory), `max_memory` bytes of all
    the fields (and files kept in memory) of one read_multipart(), `max_file` bytes of one
    file (None: only the total counts), `max_total` bytes of the whole body
    (None: the app's `limits.max_body`, which the core enforces anyway).
    `piece` is the read size: the most a body read or a file write holds.
    """

    def __init__(self, max_parts=32, max_header=1024, max_field=8192, max_file=None,
                 max_total=None, piece=512, max_memory=16384):
        for name, value in (("max_parts", max_parts), ("max_header", max_header),
                            ("max_field", max_field), ("max_file", max_file),
                            ("max_total", max_total), ("piece", piece),
                            ("max_memory", max_memory)):
            if value is not None and (not isinstance(value, int) or value <= 0):
                raise ValueError("%s must be a positive int, not %r" % (name, value))
        self.max_parts = max_parts
        self.max_header = max_header
        self.max_field = max_field
        self.max_file = max_file
        self.max_total = max_total
        self.piece = piece
        self.max_memory = max_memory


DEFAULT_LIMITS = MultipartLimits()


class Fields(dict):
    """Field name -> first value, remembering repeated names:
    `form["tag"]`, `form.getlist("tag")`."""

    more = None  # name -> later values (MicroPython can't extend dict.__init__)

    def add(self, key, value):
        if key in self:
            if self.more is None:
                self.more = {}
            self.more.setdefault(key, []).append(value)
        else:
            self[key] = value

    def getlist(self, key):
        if key not in self:
            return []
        return [self[key]] + ((self.more or {}).get(key) or [])


class UploadPart(Part):
    """A part being read off the request: the header fields of Part, `size`
    (content bytes read so far), and awaitable readers. Read each part
    before asking for the next (what is left is skipped)."""

    source = None  # the MultipartReader
    size = 0
    done = False

    async def read(self):
        """The next piece of the content (at most `piece` bytes), b"" at its end."""
        if self.done:
            return b""
        src = self.source
        ev = await src._event()
        if ev == DATA:
            data = src.parser.data
            self.size += len(data)
            return data
        self.done = True  # END
        return b""

    async def read_all(self, limit=None):
        """The whole content as bytes; over `limit` (default: the limits'
        `max_field`) a 413."""
        if limit is None:
            limit = self.source.limits.max_field
        parts = []
        while True:
            data = await self.read()
            if not data:
                break
            if self.size > limit:
                raise MultipartError(413, "field %r too large" % self.name)
            parts.append(data)
        return parts[0] if len(parts) == 1 else b"".join(parts)

    async def text(self, limit=None):
        """The content as UTF-8 text (400 when it is not)."""
        data = await self.read_all(limit)
        try:
            return data.decode()
        except UnicodeError:
            raise MultipartError(400, "field %r is not UTF-8" % self.name)

    async def copy_to(self, sink, limit=None):
        """Hand the content piece by piece to `sink`: a function (which may
        be `async`) or an object with `write()`. Returns the size; over
        `limit` (default: the limits' `max_file`) a 413."""
        if limit is None:
            limit = self.source.limits.max_file
        write = getattr(sink, "write", sink)
        while True:
            data = await self.read()
            if not data:
                return self.size
            if limit is not None and self.size > limit:
                raise MultipartError(413, "file %r too large" % self.name)
            rv = write(data)
            if is_awaitable(rv):
                await rv

    async def save(self, path, limit=None):
        """Write the content to the file `path` piece by piece; returns the
        size. On any error the file is removed before the error goes on."""
        f = open(path, "wb")
        try:
            try:
                return await self.copy_to(f, limit)
            finally:
                f.close()
        except BaseException:
            remove(path)
            raise

    async def skip(self):
        while await self.read():
            pass


class MultipartReader:
    """Parts of a `multipart/form-data` request, one at a time:

        reader = MultipartReader(req)
        while True:
            part = await reader.next_part()
            if part is None:
                break
            if part.filename is not None:
                await part.save("/data/upload.bin")
            else:
                value = await part.text()

    Raises MultipartError: 415 (not multipart/form-data), 400 (malformed),
    413 (over a limit of `limits`, default the app's Multipart plugin's, else
    MultipartLimits()).
    """

    def __init__(self, req, limits=None):
        if limits is None:
            limits = _defaults(req).limits
        self.req = req
        self.limits = limits
        boundary = boundary_of(req.headers.get("content-type"))
        self.max_total = limits.max_total
        cl = req.headers.get("content-length")
        if self.max_total is not None and cl and cl.isdigit() and int(cl) > self.max_total:
            raise MultipartError(413, "multipart body too large")  # before reading any of it
        self.parser = MultipartParser(boundary, limits.max_parts, limits.max_header, UploadPart,
                                      limits.piece)
        self.total = 0
        self.current = None
        self.finished = False

    async def _event(self):
        p = self.parser
        while True:
            ev = p.next()
            if ev:
                return ev
            data = await self.req.read(self.limits.piece)
            self.total += len(data)
            if self.max_total is not None and self.total > self.max_total:
                raise MultipartError(413, "multipart body too large")
            p.feed(data)

    async def _read_epilogue(self):
        # Read what follows the close delimiter (a CRLF, an epilogue, the last
        # chunk of a chunked body) up to the body's end, within max_total: the
        # core's drain gives up the connection on a chunked body's last chunk.
        while True:
            data = await self.req.read(self.limits.piece)
            if not data:
                return
            self.total += len(data)
            if self.max_total is not None and self.total > self.max_total:
                raise MultipartError(413, "multipart body too large")

    async def next_part(self):
        """The next UploadPart, or None after the last one."""
        part = self.current
        if part is not None and not part.done:
            await part.skip()
        self.current = None
        if self.finished:
            return None
        ev = await self._event()
        if ev == DONE:
            self.finished = True
            await self._read_epilogue()
            return None
        if ev != PART:  # END or DATA cannot come between parts
            raise MultipartError(400, "malformed multipart body")
        part = self.parser.part
        part.source = self
        self.current = part
        return part


class UploadedFile:
    """A file part that read_multipart() took in: `name` (the field),
    `filename` (the client's name: not a safe path, see safe_filename),
    `content_type`, `headers`, `size`, and either `path` (saved to disk) or
    `data` (kept in memory, at most `max_field` bytes) or neither (handed
    to a sink or skipped)."""

    path = None
    data = None

    def __init__(self, part):
        self.name = part.name
        self.filename = part.filename
        self.content_type = part.content_type
        self.headers = part.headers
        self.size = 0

    def __repr__(self):
        return "<UploadedFile %r %r %d bytes>" % (self.name, self.filename, self.size)


class Form:
    """What read_multipart() returns: `fields` (name -> str, a Fields) and
    `files` (name -> UploadedFile, a Fields)."""

    def __init__(self):
        self.fields = Fields()
        self.files = Fields()

    def remove_files(self):
        """Delete every file saved for this form (for an app that rejects it)."""
        for name in self.files:
            for f in self.files.getlist(name):
                if f.path is not None:
                    remove(f.path)


async def read_multipart(req, upload_dir=None, on_file=None, limits=None):
    """Read a whole multipart/form-data body; returns a Form and sets
    `req.form` (its fields) and `req.files`.

    A file part goes to `on_file(part)` when given: it returns a path to
    save to, an object with `write()` (or a function) to hand the pieces
    to, or None to skip the part (it may be `async`). Else, with
    `upload_dir` (default: the Multipart plugin's), it is saved there under
    a new random name (the client's filename is never used as a path). Else
    (or with `upload_dir=False`) it is kept in memory, up to `max_field` bytes.
    A file part with an empty filename (a file input left empty) is skipped.
    Any error removes every file this call saved.

        form = await read_multipart(req, upload_dir="/data/up")
        f = form.files["photo"]       # f.path, f.filename, f.size
    """
    defaults = _defaults(req)
    if limits is None:
        limits = defaults.limits
    if upload_dir is None and on_file is None:
        upload_dir = defaults.upload_dir
    reader = MultipartReader(req, limits)
    form = Form()
    held = 0  # bytes of fields (and files) kept in memory
    try:
        while True:
            part = await reader.next_part()
            if part is None:
                break
            if part.filename is None:
                value = await part.text(min(limits.max_field, limits.max_memory - held))
                held += part.size
                form.fields.add(part.name, value)
                continue
            if part.filename == "":
                await part.skip()  # a file input left empty: browsers send filename=""
                continue
            f = UploadedFile(part)
            target = None
            if on_file is not None:
                target = on_file(part)
                if is_awaitable(target):
                    target = await target
                if target is None:
                    await part.skip()
                    continue
            elif upload_dir:
                target = join(upload_dir, "upload-" + random_hex())
            if target is None:
                f.data = await part.read_all(min(limits.max_field, limits.max_memory - held))
                held += part.size
            elif isinstance(target, str):
                f.path = target
                form.files.add(part.name, f)  # listed first, so an error removes it
                await part.save(target)
            else:
                await part.copy_to(target)
            f.size = part.size
            if target is None or not isinstance(target, str):
                form.files.add(part.name, f)
    except BaseException:
        form.remove_files()
        raise
    req.form = form.fields
    req.files = form.files
    return form


class _NoDefaults:
    limits = DEFAULT_LIMITS
    upload_dir = None


def _defaults(req):
    # What the app's Multipart plugin configured, if it installed one.
    try:
        return req.app.multipart_defaults
    except AttributeError:
        return _NoDefaults
