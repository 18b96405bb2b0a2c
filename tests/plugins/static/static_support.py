"""Helpers for the static-files tests, and the site they serve, built under build/.

    SITE/secret.txt          outside every mount: no request may ever read it
    SITE/www/...             mounted at /static (and at /linked, symlinks trusted)
    SITE/assets/...          mounted at /assets (no index, no gzip, 100-byte buffer)
"""
import gzip
import os
import shutil
import sys

import support

SITE_ROOT = support.site_dir()
if SITE_ROOT not in sys.path:
    sys.path.insert(0, SITE_ROOT)

SITE = os.path.join(support.ROOT, "build", "static-site")
APP = "tests/plugins/static/static_app.py"
SECRET = b"TOPSECRET-do-not-serve"
BIG_SIZE = 1 << 20
# Sun, 06 Nov 1994 08:49:37 GMT, the RFC's example date.
OLD_MTIME = 784111777

APP_JS = b"// app\n" + b"console.log('hello from app.js');\n" * 40


def big_bytes(n=BIG_SIZE):
    """Deterministic, non-repeating-at-small-scale content for range checks."""
    block = bytes(range(256)) * 4
    out = bytearray()
    i = 0
    while len(out) < n:
        out += block[i % 251:] + block[:i % 251]
        i += 1
    return bytes(out[:n])


def _write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def make_site():
    if os.path.exists(SITE):
        shutil.rmtree(SITE)
    w = os.path.join(SITE, "www")
    _write(os.path.join(SITE, "secret.txt"), SECRET)
    os.makedirs(os.path.join(SITE, "outside-dir"))
    _write(os.path.join(SITE, "outside-dir", "secret.txt"), SECRET)
    files = {
        "index.html": b"<h1>home</h1>\n",
        "hello.txt": b"Hello, static!\n",
        "app.js": APP_JS,
        "style.css": b"body { color: red }\n",
        "data.json": b'{"a": 1}\n',
        "mod.mjs": b"export default 1;\n",
        "app.js.map": b'{"version": 3}\n',
        "logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>\n",
        "img.png": b"\x89PNG\r\n\x1a\n" + bytes(100),
        "photo.jpg": b"\xff\xd8\xff" + bytes(50),
        "anim.gif": b"GIF89a" + bytes(20),
        "pic.webp": b"RIFF" + bytes(20),
        "favicon.ico": bytes(30),
        "font.woff": b"wOFF" + bytes(10),
        "font.woff2": b"wOF2" + bytes(10),
        "module.wasm": b"\x00asm\x01\x00\x00\x00",
        "unknown.xyz": b"???\n",
        "noext": b"no extension\n",
        "UPPER.HTML": b"<p>upper</p>\n",
        "empty.txt": b"",
        "big.bin": big_bytes(),
        "caf\u00e9.txt".encode().decode(): b"unicode name\n",
        ".hidden": b"hidden file\n",
        "sub/index.html": b"<h1>sub</h1>\n",
        "sub/page.html": b"<p>page</p>\n",
        "nodir/file.txt": b"in a folder without index\n",
    }
    for name, data in files.items():
        _write(os.path.join(w, name), data)
    _write(os.path.join(w, "app.js.gz"), gzip.compress(APP_JS))
    _write(os.path.join(w, "only.css.gz"), gzip.compress(b"p { margin: 0 }\n"))
    os.utime(os.path.join(w, "hello.txt"), (OLD_MTIME, OLD_MTIME))
    os.symlink(os.path.join(SITE, "secret.txt"), os.path.join(w, "link-out"))
    os.symlink("../secret.txt", os.path.join(w, "link-out-rel.txt"))
    os.symlink(os.path.join(SITE, "outside-dir"), os.path.join(w, "link-dir-out"))
    os.symlink("hello.txt", os.path.join(w, "link-in.txt"))
    a = os.path.join(SITE, "assets")
    _write(os.path.join(a, "thing.xyz"), b"custom type\n")
    _write(os.path.join(a, "code.js"), b"var x;\n")
    _write(os.path.join(a, "nums.txt"), bytes(range(48, 58)) * 100)
    os.makedirs(os.path.join(a, "dir"))
    _write(os.path.join(a, "dir", "index.html"), b"not used: index=None\n")
    return SITE


def get(port, path, headers=None, method="GET"):
    return support.request(port, method, path, headers=headers)


def raw_status(port, target, method=b"GET"):
    """Status and whole reply for a request line sent byte for byte."""
    data = support.raw_request(port, method + b" " + target +
                               b" HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
    line = data.split(b"\r\n", 1)[0].split(b" ")
    return (int(line[1]) if len(line) > 1 else None), data
