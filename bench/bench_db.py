"""Create / get / scan throughput of each picoweb_db backend; prints a markdown table.

    python bench/bench_db.py [N]        # CPython backends, then filedb on micropython if found
    micropython bench/bench_db.py [N]   # this runtime only (MICROPYPATH must hold picoweb_db)

Durable settings throughout: every create is synced before it returns.
"""
import os
import sys
import time

if sys.implementation.name != "micropython":
    HERE = os.path.dirname(os.path.abspath(__file__))
    ROOT = os.path.dirname(HERE)
    sys.path.insert(0, os.path.join(ROOT, "tests"))
    import support
    sys.path.insert(0, support.site_dir())

from picoweb_db import DB, Model


class Row(Model):
    __table__ = "bench"
    __fields__ = {"title": "", "body": "", "n": 0}


def now():
    if hasattr(time, "ticks_us"):
        return time.ticks_us() / 1e6
    return time.perf_counter()


def rm_tree(path):
    try:
        st = os.stat(path)
    except OSError:
        return
    if st[0] & 0x4000:
        for name in os.listdir(path):
            rm_tree(path + "/" + name)
        os.rmdir(path)
    else:
        os.remove(path)


def bench(backend, n, tmp):
    path = tmp + "/bench-" + backend + (".db" if backend != "filedb" else "")
    for p in (path, path + "-wal", path + "-shm"):
        rm_tree(p)
    db = DB(path, backend=backend).connect()
    db.create_table(Row)
    t = now()
    keys = [Row.create(title="row %d" % i, body="x" * 100, n=i) for i in range(n)]
    t_create = now() - t
    t = now()
    for k in keys:
        Row.get_id(k)
    t_get = now() - t
    t = now()
    rounds = 5
    for _ in range(rounds):
        for _ in Row.scan():
            pass
    t_scan = now() - t
    db.close()
    for p in (path, path + "-wal", path + "-shm"):
        rm_tree(p)
    return n / t_create, n / t_get, rounds * n / t_scan


def row(runtime, backend, n, rates):
    return "| %s | %s | %d | %.0f | %.0f | %.0f |" % ((runtime, backend, n) + tuple(rates))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    mp = sys.implementation.name == "micropython"
    tmp = "/tmp"
    if mp:
        for backend in ("filedb", "memory"):
            print(row("MicroPython", backend, n, bench(backend, n, tmp)))
        return
    print("| runtime | backend | rows | create/s | get/s | scan rows/s |")
    print("|---|---|---|---|---|---|")
    for backend in ("memory", "btree", "filedb", "sqlite"):
        print(row("CPython", backend, n, bench(backend, n, tmp)))
    sys.stdout.flush()
    if support.MICROPYTHON:
        import subprocess
        out = subprocess.run(support.mp_cmd([os.path.abspath(__file__), str(n)]), env=support.mp_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        sys.stdout.write(out.stdout or "| MicroPython | failed: %s |\n" % out.stderr.strip()[-200:])


if __name__ == "__main__":
    main()
