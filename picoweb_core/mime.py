"""Content types by file extension: the one table, for the core's files
(picoweb's get_mime_type, sendfile, /static/) and the static plugin.

A table rather than the `mimetypes` module: MicroPython has none, and
CPython's reads the host's /etc/mime.types, so the same file could get
different types on different machines. One string rather than a dict: on
MicroPython a dict of 40 str pairs costs about 3 KiB of heap, this costs one
allocation. A leaf: loaded on first use.
"""

DEFAULT = "application/octet-stream"

# "|ext type|": text types say their charset, the way a browser should read them.
_TYPES = ("|html text/html; charset=utf-8|htm text/html; charset=utf-8"
          "|css text/css; charset=utf-8|js text/javascript; charset=utf-8"
          "|mjs text/javascript; charset=utf-8|json application/json|map application/json"
          "|webmanifest application/manifest+json|xml application/xml"
          "|txt text/plain; charset=utf-8|md text/markdown; charset=utf-8"
          "|csv text/csv; charset=utf-8|wasm application/wasm|pdf application/pdf"
          "|svg image/svg+xml|png image/png|jpg image/jpeg|jpeg image/jpeg|gif image/gif"
          "|webp image/webp|avif image/avif|ico image/vnd.microsoft.icon|bmp image/bmp"
          "|woff font/woff|woff2 font/woff2|ttf font/ttf|otf font/otf"
          "|eot application/vnd.ms-fontobject|mp3 audio/mpeg|ogg audio/ogg|wav audio/wav"
          "|mp4 video/mp4|webm video/webm|gz application/gzip|zip application/zip"
          "|tar application/x-tar|")


def extension(name):
    """The last extension of file `name`, lower-case, or "" (not one of a folder's)."""
    dot = name.rfind(".")
    if dot < 0 or "/" in name[dot:]:
        return ""
    return name[dot + 1:].lower()


def mime_type(name, default=DEFAULT):
    """The Content-Type for file `name` by its last extension, case-insensitively.

    >>> mime_type("app.min.JS"), mime_type("notes.bin")
    ('text/javascript; charset=utf-8', 'application/octet-stream')
    """
    ext = extension(name)
    i = _TYPES.find("|" + ext + " ") if ext else -1
    if i < 0:
        return default
    i += len(ext) + 2
    return _TYPES[i:_TYPES.find("|", i)]


def mime_table():
    """The table as a dict of extension -> type (for apps that extend it)."""
    table = {}
    for entry in _TYPES.split("|"):
        if entry:
            ext, _, ctype = entry.partition(" ")
            table[ext] = ctype
    return table
