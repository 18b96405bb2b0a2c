"""Load generators: wrk for throughput, a small socket client for counted runs.

wrk runs pinned to the CPU the servers don't use; its numbers come back
through report.lua's one-line summary rather than by scraping its text.
"""
import os
import shutil
import socket
import subprocess

from servers import CLIENT_CPU, HERE, pinned

FORM_BODY = "name=ann&age=42"

# route name -> (method, path, body)
ROUTES = {
    "GET /": ("GET", "/", None),
    "GET /json": ("GET", "/json", None),
    "GET /user/<id>": ("GET", "/user/42", None),
    "POST /form": ("POST", "/form", FORM_BODY),
    "GET /rows (template)": ("GET", "/rows", None),
}


def find_wrk():
    """Path of wrk, installing the Debian package when running as root."""
    exe = shutil.which("wrk")
    if exe:
        return exe
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run("apt-get update -qq && apt-get install -y -qq wrk", shell=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return shutil.which("wrk")
    return None


class Result:
    def __init__(self, requests, seconds, errors, non2xx, p50_us, p99_us):
        self.requests = requests
        self.seconds = seconds
        self.errors = errors        # connect/read/write/timeout errors
        self.non2xx = non2xx
        self.p50_us = p50_us
        self.p99_us = p99_us

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def ok(self):
        return self.non2xx == 0 and self.requests > 0


def wrk(port, route, close=False, seconds=3, connections=16, timeout_s=5):
    """One wrk run against 127.0.0.1:port; returns a Result."""
    method, path, body = ROUTES[route]
    env = dict(os.environ, BENCH_METHOD=method, BENCH_BODY=body or "",
               BENCH_CLOSE="1" if close else "0")
    cmd = pinned([find_wrk(), "-t1", "-c%d" % connections, "-d%ds" % seconds,
                  "--timeout", "%ds" % timeout_s, "-s", os.path.join(HERE, "report.lua"),
                  "http://127.0.0.1:%d%s" % (port, path)], CLIENT_CPU)
    out = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         timeout=seconds + timeout_s + 30, universal_newlines=True).stdout
    for line in out.splitlines():
        if line.startswith("BENCH "):
            f = line.split()
            reqs, dur_us = int(f[1]), int(f[2])
            connect, read, write, status, tmo = (int(x) for x in f[3:8])
            # With Connection: close, wrk counts each server-side close as a read
            # error even after a full response; only connect/write/timeout
            # errors and bad statuses mean failure there.
            errors = connect + write + tmo + (0 if close else read)
            return Result(reqs, dur_us / 1e6, errors, status, float(f[9]), float(f[10]))
    raise RuntimeError("wrk gave no summary:\n" + out)


def counted(port, n, per_conn=10, path="/", expect=b"Hello", stop_on_fail=False, timeout=5):
    """Send `n` GETs, up to `per_conn` per keep-alive connection, one
    connection at a time; returns how many failed (no 200 or wrong body).

    With stop_on_fail, the first failure ends the run (returns 1): a server
    out of heap often keeps accepting but never answers, and waiting out
    every timeout would take minutes.
    A server that ends the connection after a response (microdot answers
    HTTP/1.0 without keep-alive) just gets a new connection for the next one.
    """
    req = ("GET %s HTTP/1.1\r\nHost: bench\r\n\r\n" % path).encode()
    failed = 0
    conn = None
    used = 0
    for _ in range(n):
        try:
            if conn is None:
                s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
                conn = (s, s.makefile("rb"))
                used = 0
            conn[0].sendall(req)
            ok, keep = _read_ok(conn[1], expect)
            used += 1
        except (OSError, ValueError, IndexError):
            ok, keep = False, False
        if not ok:
            failed += 1
            if stop_on_fail:
                break
        if not keep or used >= per_conn:
            if conn is not None:
                conn[1].close()
                conn[0].close()
            conn = None
    if conn is not None:
        conn[1].close()
        conn[0].close()
    return failed


def _read_ok(f, expect):
    """(the response was a 200 with `expect` in its body, the connection stays open)."""
    status = f.readline()
    length = None
    keep = status.startswith(b"HTTP/1.1")
    while True:
        line = f.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        low = line.lower()
        if low.startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
        elif low.startswith(b"connection:"):
            keep = b"close" not in low
    if length is None:
        # No length: the body ends with the connection (picoweb 1.x, HTTP/1.0).
        return status.split(b" ")[1:2] == [b"200"] and expect in f.read(), False
    body = f.read(length)
    return status.split(b" ")[1:2] == [b"200"] and expect in body, keep
