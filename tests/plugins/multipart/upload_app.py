"""The app the upload tests drive, on CPython and on MicroPython.

    <runtime> upload_app.py PORT DIR [normal|mem|paths]

Uploads land in DIR/up (read_multipart's random names) or DIR/named
(MultipartReader with safe names). "mem" adds /_mem/* routes that report the
heap's growth while a request runs, sampled every 2 ms; "paths" lets only
/upload and /named take bodies over 16 KiB.
"""
import sys

try:
    import asyncio
except ImportError:
    import uasyncio as asyncio
import binascii
import hashlib
import os

import picoweb_core
from picoweb_multipart import (Multipart, MultipartLimits, MultipartReader, read_multipart,
                               safe_filename)

port = int(sys.argv[1])
root = sys.argv[2]
mode = sys.argv[3] if len(sys.argv) > 3 else "normal"
UP = root + "/up"
NAMED = root + "/named"
for d in (UP, NAMED):
    try:
        os.mkdir(d)
    except OSError:
        pass

# Uploads up to 4 MiB: the core checks max_body for every route before any
# handler, so the guard keeps other bodies at 16 KiB.
app = picoweb_core.WebApp(__name__, limits=picoweb_core.Limits(max_body=4 << 20))
app.install(Multipart(limits=MultipartLimits(max_file=2 << 20), upload_dir=UP,
                      max_other_body=16384,
                      upload_paths=("/upload", "/named/") if mode == "paths" else None))

SMALL = MultipartLimits(max_parts=4, max_header=256, max_field=64, max_file=1000,
                        max_total=8192, max_memory=100)

FORM = """<!doctype html><html><head><meta charset="utf-8"><title>upload</title></head><body>
<form id="f" method="post" action="/upload" enctype="multipart/form-data">
<input type="text" name="title" id="title"><input type="file" name="file" id="file">
<button type="submit" id="send">Send</button></form></body></html>"""


def escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def hexdigest(h):
    return binascii.hexlify(h.digest()).decode()


def describe(form):
    files = []
    for name in form.files:
        for f in form.files.getlist(name):
            files.append({"field": f.name, "filename": f.filename, "size": f.size,
                          "type": f.content_type,
                          "stored": f.path.rsplit("/", 1)[-1] if f.path else None,
                          "data": f.data.decode() if f.data is not None else None})
    fields = {}
    for name in form.fields:
        fields[name] = form.fields.getlist(name)
    return {"fields": fields, "files": files}


@app.route("/")
async def index(req, resp):
    return FORM


@app.route("/upload", methods=["POST"])
async def upload(req, resp):
    form = await read_multipart(req)
    if req.headers.get("accept", "").startswith("text/html"):
        # The browser test's answer page: what was stored, and as what.
        f = form.files.get("file")
        return ("<p id=done>%s</p><p id=filename>%s</p><p id=title>%s</p>" % (
            f.path.rsplit("/", 1)[-1] if f and f.path else "", escape(f.filename if f else ""),
            escape(form.fields.get("title") or "")))
    return describe(form)


@app.route("/small", methods=["POST"])
async def small(req, resp):
    return describe(await read_multipart(req, limits=SMALL))


@app.route("/memory", methods=["POST"])
async def memory(req, resp):
    # No destination: files are kept in memory, up to max_field bytes.
    return describe(await read_multipart(req, upload_dir=False, limits=SMALL))


@app.route("/sink", methods=["POST"])
async def sink(req, resp):
    # Each file's pieces go to a callback: sha256 of the content and the piece sizes.
    digests = {}

    def on_file(part):
        h = hashlib.sha256()
        sizes = []
        digests[part.filename] = (h, sizes)

        async def write(data):
            sizes.append(len(data))
            h.update(data)
        return write

    form = await read_multipart(req, on_file=on_file)
    out = describe(form)
    out["sha256"] = dict((k, hexdigest(v[0])) for k, v in digests.items())
    out["largest_piece"] = max([max(v[1] or [0]) for v in digests.values()] or [0])
    return out


@app.route("/pick", methods=["POST"])
async def pick(req, resp):
    # An async on_file: .txt files saved under their safe names, the rest skipped.
    async def on_file(part):
        if part.filename.endswith(".txt"):
            return NAMED + "/" + safe_filename(part.filename)
        return None
    return describe(await read_multipart(req, on_file=on_file))


@app.route("/named", methods=["POST"])
async def named(req, resp):
    # Part by part: files saved under their safe names, fields as text.
    reader = MultipartReader(req)
    saved = []
    fields = {}
    while True:
        part = await reader.next_part()
        if part is None:
            break
        if part.filename is None:
            fields[part.name] = await part.text()
        else:
            name = safe_filename(part.filename)
            await part.save(NAMED + "/" + name)
            saved.append([name, part.size])
    return {"fields": fields, "saved": saved}


@app.route("/echo", methods=["POST"])
async def echo(req, resp):
    return {"length": len(await req.read_body())}


@app.route("/ls")
async def ls(req, resp):
    return {"up": sorted(os.listdir(UP)), "named": sorted(os.listdir(NAMED))}


@app.route("/clear", methods=["POST"])
async def clear(req, resp):
    for d in (UP, NAMED):
        for name in os.listdir(d):
            os.remove(d + "/" + name)
    return "ok"


if mode == "mem":
    import gc

    stats = {"base": 0, "peak": 0}

    def sample():
        gc.collect()
        m = gc.mem_alloc()
        if m > stats["peak"]:
            stats["peak"] = m
        return m

    async def sampler():
        while True:
            sample()
            await asyncio.sleep(0.002)

    @app.route("/_mem/reset")
    async def mem_reset(req, resp):
        stats["peak"] = 0
        stats["base"] = sample()
        return {"base": stats["base"]}

    @app.route("/_mem/peak")
    async def mem_peak(req, resp):
        sample()
        return {"base": stats["base"], "peak": stats["peak"],
                "growth": stats["peak"] - stats["base"]}

    async def main():
        await app.start_server("127.0.0.1", port, debug=0)
        asyncio.create_task(sampler())
        while True:
            await asyncio.sleep(3600)

    asyncio.run(main())
else:
    app.run(host="127.0.0.1", port=port, debug=0)
