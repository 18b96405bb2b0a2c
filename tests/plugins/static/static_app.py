"""The app the static-files tests drive, on CPython and on MicroPython.

    <runtime> static_app.py PORT SITE [normal|readonly|mem]

SITE is the folder conftest.make_site() builds: SITE/www is mounted at /static,
SITE/assets at /assets, SITE/www again at /linked with symlinks trusted, and
fixture_pkg's public/ folder at /pkg. "readonly" serves /static from a
read-only filesystem; "mem" adds /_mem/* routes that report heap use.
"""
import sys

HERE = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."
sys.path.insert(0, HERE)  # for fixture_pkg

import picoweb_core  # noqa: E402
import picoweb_static  # noqa: E402

port = int(sys.argv[1])
site = sys.argv[2]
mode = sys.argv[3] if len(sys.argv) > 3 else "normal"
www = site + "/www"

if mode == "readonly":
    if sys.implementation.name == "micropython":
        # A real read-only mount: every write through it fails with EROFS.
        import os
        os.mount(os.VfsPosix(www), "/ro-www", readonly=True)
        www = "/ro-www"
    else:
        # CPython cannot mount without privileges: make every write fail instead.
        import builtins
        import os
        _open = builtins.open

        def ro_open(file, mode="r", *args, **kw):
            if any(c in mode for c in "wax+"):
                raise OSError(30, "Read-only file system")
            return _open(file, mode, *args, **kw)

        def ro_fail(*args, **kw):
            raise OSError(30, "Read-only file system")

        builtins.open = ro_open
        for fn in ("mkdir", "remove", "rename", "rmdir", "unlink", "utime", "replace"):
            setattr(os, fn, ro_fail)

app = picoweb_core.WebApp(__name__)
app.install(picoweb_static.StaticFiles(www, prefix="/static", max_age=600, buffer_size=512))
app.install(picoweb_static.StaticFiles(site + "/assets", prefix="/assets", index=None,
                                       max_age=None, buffer_size=100, gzip=False,
                                       mime_types={".xyz": "text/x-custom", "js": "text/x-js"}))
app.install(picoweb_static.StaticFiles(site + "/www", prefix="/linked", follow_symlinks=True))
app.install(picoweb_static.StaticFiles("public", prefix="/pkg", package="fixture_pkg"))


@app.route("/ping")
async def ping(req, resp):
    return "pong"


if mode == "mem":
    import gc

    try:
        import asyncio
    except ImportError:
        import uasyncio as asyncio

    # The same folder through a buffer eight times larger: the growth must follow.
    app.install(picoweb_static.StaticFiles(www, prefix="/buf4k", buffer_size=4096))
    stats = {"base": 0, "peak": 0}

    def sample():
        gc.collect()
        m = gc.mem_alloc()
        if m > stats["peak"]:
            stats["peak"] = m
        return m

    async def sampler():
        # Live heap after a collection, sampled while a download runs.
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
