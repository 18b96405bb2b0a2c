"""Heap needed by examples/notes under MicroPython: does the app start and serve
its pages and API under a given -X heapsize, and the smallest size that does.

    python tests/examples/notes_heap.py            # bisect, from .mpy and from .py
    python tests/examples/notes_heap.py 96K mpy    # one size: ok / fails
    python tests/examples/notes_heap.py breakdown  # live heap after each import, from .mpy

The app runs the way a board runs it: package `notes` beside the framework
(notes_build.py), templates compiled ahead, storage filedb.
"""
import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import support  # noqa: E402
import notes_build  # noqa: E402

KIB = 1024
_sites = {}


def site(kind):
    # A folder of this process's own: other test runs may be building theirs.
    if kind not in _sites:
        out = tempfile.mkdtemp(prefix="notes-site-%s-" % kind)
        atexit.register(shutil.rmtree, out, True)
        _sites[kind] = notes_build.build(out + "/site", kind)
    return _sites[kind]


def exercise(port, rounds=10):
    """What a user and a script do, `rounds` times over; returns failures (strings)."""
    failed = []

    def check(what, r, status):
        if r is None or r.status != status:
            failed.append("%s: %s" % (what, None if r is None else (r.status, r.body[:80])))
            return False
        return True

    browser = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    for i in range(rounds):
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        check("form post", support.request(port, "POST", "/", "content=note+%d+%%3Cb%%3E" % i,
                                           dict(form, **browser)), 303)
        r = support.request(port, "POST", "/api/notes", json.dumps({"content": "api \u00e9\t%d" % i}),
                            {"Content-Type": "application/json"})
        if check("api post", r, 201):
            key = json.loads(r.body)["id"]
            check("api get", support.request(port, "GET", "/api/notes/" + key), 200)
            if i % 2:
                check("archive", support.request(port, "POST", "/notes/%s/archive" % key, "",
                                                 dict(form, **browser)), 303)
        check("page", support.request(port, "GET", "/", headers=browser), 200)
        check("list", support.request(port, "GET", "/api/notes"), 200)
        check("css", support.request(port, "GET", "/static/notes.css"), 200)
        check("js", support.request(port, "GET", "/static/notes.js"), 200)
        check("empty", support.request(port, "POST", "/", "content=", dict(form, **browser)), 400)
        check("unknown", support.request(port, "GET", "/api/notes/0000000000000001"), 404)
    return failed


def serves(heapsize, kind, rounds=10):
    """(ok, detail): the app started under heapsize and answered every request."""
    from notes_support import NotesServer
    data = tempfile.mkdtemp(prefix="notes-heap-")
    s = NotesServer("micropython", "filedb", data, args=["--templates", "compiled"],
                    heapsize=heapsize, module="notes", paths=[site(kind)], cwd=data)
    try:
        try:
            s.start(timeout=15)
        except RuntimeError as e:
            return False, str(e)[-300:]
        try:
            failed = exercise(s.port, rounds)
        except (OSError, ValueError) as e:  # reset, or a response cut short
            failed = ["connection: %r" % (e,)]
        alive = s.alive()
        out = s.stop()
        ok = not failed and alive and "MemoryError" not in out
        return ok, "; ".join(failed[:3]) + out[-300:]
    finally:
        s.stop()
        shutil.rmtree(data, ignore_errors=True)


def smallest(kind, lo=32, hi=256):
    """Smallest heap in KiB that serves, by bisection (heap use is not monotonic
    in the size, so the figure is where this search lands)."""
    if not serves(hi * KIB, kind)[0]:
        return None
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if serves(mid * KIB, kind)[0]:
            hi = mid
        else:
            lo = mid
    return hi


# Run under micropython (400K heap): the live heap, collected, after each step.
BREAKDOWN = """
import gc
gc.collect()
base = gc.mem_alloc()
last = [0]
def step(label):
    gc.collect()
    m = gc.mem_alloc() - base
    print("%-34s %7d %+7d" % (label, m, m - last[0]))
    last[0] = m
import asyncio; step("asyncio")
import picoweb_core; step("picoweb_core")
import picoweb_db; step("picoweb_db")
import picoweb_templates; step("picoweb_templates")
import picoweb_static; step("picoweb_static")
import notes.compat, notes.config, notes.store, notes.app; step("the app's modules")
import notes.config, notes.app
s = notes.config.Settings(storage="filedb", data=DATA, templates="compiled", port=0)
app = notes.app.make_app(s); step("make_app (filedb engine, routes)")
import picoweb_core.response_helpers; step("core response helpers (first streamed answer)")
app.template_loader.load("index.tpl"); step("compiled templates")
"""


def breakdown(kind="mpy"):
    data = tempfile.mkdtemp(prefix="notes-heap-")
    try:
        code = "DATA = %r\n" % (data + "/d") + BREAKDOWN
        out = support.run_micropython(["-c", code], heapsize=400 * KIB, cwd=data,
                                      extra_paths=[site(kind)], timeout=60)
        return out.stdout + out.stderr
    finally:
        shutil.rmtree(data, ignore_errors=True)


def main(argv):
    if argv and argv[0] == "breakdown":
        print(breakdown(argv[1] if len(argv) > 1 else "mpy"))
        return 0
    if argv:
        size = argv[0]
        heap = int(size[:-1]) * KIB if size[-1] in "kK" else int(size)
        ok, detail = serves(heap, argv[1] if len(argv) > 1 else "mpy")
        print("ok" if ok else "fails: " + detail)
        return 0 if ok else 1
    for kind in ("mpy", "py"):
        print("%s: smallest heap %sK" % (kind, smallest(kind)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
