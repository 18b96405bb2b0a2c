"""Content-Type by file extension, for the types a web UI is made of.

A table rather than the `mimetypes` module: MicroPython has none, and CPython's
reads the host's /etc/mime.types, so the same file could get different types
on different machines.
"""

DEFAULT = "application/octet-stream"

_UTF8 = "; charset=utf-8"

MIME_TYPES = {
    # documents and code
    "html": "text/html" + _UTF8,
    "htm": "text/html" + _UTF8,
    "css": "text/css" + _UTF8,
    "js": "text/javascript" + _UTF8,
    "mjs": "text/javascript" + _UTF8,
    "json": "application/json",
    "map": "application/json",
    "webmanifest": "application/manifest+json",
    "xml": "application/xml",
    "txt": "text/plain" + _UTF8,
    "md": "text/markdown" + _UTF8,
    "csv": "text/csv" + _UTF8,
    "wasm": "application/wasm",
    "pdf": "application/pdf",
    # images
    "svg": "image/svg+xml",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "avif": "image/avif",
    "ico": "image/vnd.microsoft.icon",
    "bmp": "image/bmp",
    # fonts
    "woff": "font/woff",
    "woff2": "font/woff2",
    "ttf": "font/ttf",
    "otf": "font/otf",
    "eot": "application/vnd.ms-fontobject",
    # media
    "mp3": "audio/mpeg",
    "ogg": "audio/ogg",
    "wav": "audio/wav",
    "mp4": "video/mp4",
    "webm": "video/webm",
    # archives
    "gz": "application/gzip",
    "zip": "application/zip",
    "tar": "application/x-tar",
}


def content_type(name, table=MIME_TYPES):
    """The type for file `name` by its last extension, case-insensitively.

    >>> content_type("app.min.JS")
    'text/javascript; charset=utf-8'
    """
    i = name.rfind(".")
    if i < 0 or "/" in name[i:]:
        return DEFAULT
    return table.get(name[i + 1:].lower(), DEFAULT)
