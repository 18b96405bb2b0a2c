"""req/s of picoweb-core apps under uvicorn (through picoweb_core.asgi) with 1
and 2 worker processes, beside the built-in server. Not part of the test suite.

    python bench/asgi_workers.py [--seconds 3] [--rounds 3] [--connections 16]

Two routes: `GET /` of examples/hello and the notes example's home page (`GET /`,
SQLite storage, 20 notes). Two set-ups, because this machine has two CPUs and
wrk needs one: "pinned" runs every server on CPU 0 and wrk on CPU 1 (the cost
per request on one core; two workers then share that core), "shared" pins
nothing, so two workers can use both CPUs, competing with wrk. Servers take
turns round by round; each cell is the median of the rounds, with the spread
(half the min-max range). Prints a markdown table.
"""
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
APPS = os.path.join(HERE, "apps")
sys.path.insert(0, HERE)

from load import find_wrk  # noqa: E402


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def port_open(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


def have(module):
    try:
        __import__(module)
        return True
    except ImportError:
        return False


FAST = have("httptools") and have("uvloop")


def server_cmd(kind, app, port):
    if kind == "built-in":
        if app == "hello":
            return [sys.executable, os.path.join(ROOT, "examples", "hello", "app.py"), str(port),
                    "-1"]
        return [sys.executable, "-m", "examples.notes", "--port", str(port), "--debug", "-1"]
    workers = kind.split()[1]
    cmd = [sys.executable, "-m", "uvicorn", "%s_asgi:asgi" % app, "--host", "127.0.0.1",
           "--port", str(port), "--workers", workers, "--no-access-log", "--log-level", "warning"]
    if FAST:
        cmd += ["--http", "httptools", "--loop", "uvloop"]
    return cmd


class Server:
    def __init__(self, kind, app, data, cpu):
        self.kind, self.app = kind, app
        self.port = free_port()
        cmd = server_cmd(kind, app, self.port)
        if cpu is not None:
            cmd = ["taskset", "-c", cpu] + cmd
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([APPS, ROOT]), NOTES_STORAGE="sqlite",
                   NOTES_DATA=data)
        self.proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.time() + 30
        while not port_open(self.port):
            if self.proc.poll() is not None or time.time() > deadline:
                self.stop()
                raise RuntimeError("%s (%s) did not start" % (kind, app))
            time.sleep(0.05)

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, 15)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
                self.proc.wait()


def wrk(port, seconds, connections, cpu):
    cmd = [find_wrk(), "-t1", "-c%d" % connections, "-d%ds" % seconds, "--timeout", "5s",
           "-s", os.path.join(HERE, "report.lua"), "http://127.0.0.1:%d/" % port]
    if cpu is not None:
        cmd = ["taskset", "-c", cpu] + cmd
    env = dict(os.environ, BENCH_METHOD="GET", BENCH_BODY="", BENCH_CLOSE="0")
    out = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         universal_newlines=True, timeout=seconds + 60).stdout
    for line in out.splitlines():
        if line.startswith("BENCH "):
            f = line.split()
            reqs, dur_us, errors = int(f[1]), int(f[2]), sum(int(x) for x in f[3:8])
            return reqs / (dur_us / 1e6), errors
    raise RuntimeError("wrk gave no summary:\n" + out)


def seed_notes(port, n=20):
    for i in range(n):
        body = json.dumps({"content": "bench note %d: a line of text" % i}).encode()
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"POST /api/notes HTTP/1.1\r\nHost: b\r\nContent-Type: application/json\r\n"
                  b"Accept: application/json\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s"
                  % (len(body), body))
        while s.recv(4096):
            pass
        s.close()


def main(argv):
    seconds, rounds, connections = 3, 3, 16
    i = 0
    while i < len(argv):
        if argv[i] == "--seconds":
            seconds = int(argv[i + 1])
        elif argv[i] == "--rounds":
            rounds = int(argv[i + 1])
        elif argv[i] == "--connections":
            connections = int(argv[i + 1])
        else:
            sys.exit(__doc__)
        i += 2
    if not find_wrk():
        sys.exit("wrk is needed: apt-get install -y wrk")
    kinds = ["built-in", "uvicorn 1", "uvicorn 2"]
    apps = [("hello", "GET / (hello)"), ("notes", "notes home page")]
    setups = [("pinned", "0", "1"), ("shared", None, None)]
    load = " ".join("%.1f" % x for x in os.getloadavg())
    data = tempfile.mkdtemp()
    results = {}
    try:
        for setup, server_cpu, client_cpu in setups:
            for app, _ in apps:
                for _ in range(rounds):
                    for kind in kinds:
                        s = Server(kind, app, data, server_cpu)
                        try:
                            if app == "notes" and not os.path.exists(os.path.join(data, "seeded")):
                                seed_notes(s.port)
                                open(os.path.join(data, "seeded"), "w").close()
                            wrk(s.port, 1, connections, client_cpu)  # warm-up
                            rps, errors = wrk(s.port, seconds, connections, client_cpu)
                        finally:
                            s.stop()
                        results.setdefault((setup, app, kind), []).append((rps, errors))
    finally:
        shutil.rmtree(data, ignore_errors=True)
    uv = "uvicorn %s" % ("httptools + uvloop" if FAST else "h11 + asyncio")
    lines = ["wrk -t1 -c%d, %ds x %d rounds, median (spread); %s; Python %s, %d CPUs; "
             "load average before: %s\n" % (connections, seconds, rounds, uv,
                                            sys.version.split()[0], os.cpu_count(), load),
             "| set-up | route | " + " | ".join(kinds) + " |",
             "|---|---|" + "---|" * len(kinds)]
    for setup, _, _ in setups:
        for app, label in apps:
            cells = []
            for kind in kinds:
                runs = results[(setup, app, kind)]
                rps = [r for r, _ in runs]
                err = sum(e for _, e in runs)
                cell = "%.0f (±%.0f)" % (statistics.median(rps), (max(rps) - min(rps)) / 2)
                cells.append(cell + (" %d errors" % err if err else ""))
            lines.append("| %s | %s | %s |" % (setup, label, " | ".join(cells)))
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    path = os.path.join(HERE, "results", time.strftime("%Y%m%d-%H%M%S") + "-asgi.md")
    with open(path, "w") as f:
        f.write("# python bench/asgi_workers.py %s\n\n" % " ".join(argv) + text)
    sys.stdout.write("written to %s\n" % os.path.relpath(path))


if __name__ == "__main__":
    main(sys.argv[1:])
