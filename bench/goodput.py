"""Goodput past the concurrency cap: keep-alive clients doing `GET /` in a
loop, at 1x, 1.5x, 4x and 30x the cap (16 on MicroPython, 256 on CPython),
counting what each request met: an answer (200, or 503), or a close with no
answer at all. Not part of the test suite (tests/core/test_overload.py holds
the behaviour; rates live here).

    python bench/goodput.py [--seconds 5] [--runtimes micropython,cpython]
                            [--levels 1,1.5,4,30] [--rounds 1] [--polite] [--slow]

The server (bench/apps/hello_picoweb.py) runs on CPU 0, this client on CPU
1: one process, plain non-blocking sockets on epoll (a Python client with
asyncio streams tops out below MicroPython's keep-alive rate). A client
reconnects at once when its connection ends, as wrk does; with --polite it
waits the Retry-After of a 503 first.
"""
import argparse
import errno
import json
import os
import select
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from servers import BUILD, ROOT, find_micropython, free_port, pinned, port_open  # noqa: E402

REQUEST = b"GET / HTTP/1.1\r\nHost: bench\r\n\r\n"
CAPS = {"micropython": 16, "cpython": 256}


class Client:
    __slots__ = ("sock", "buf", "answers", "fresh", "retry_at")

    def __init__(self):
        self.sock = None
        self.buf = b""
        self.answers = 0    # on this connection
        self.fresh = True
        self.retry_at = 0.0


class Tally:
    def __init__(self):
        self.ok = 0
        self.refused = 0            # 503
        self.refused_bad = 0        # 503 without Connection: close or Retry-After
        self.other = 0
        self.bare_new = 0           # a new connection's request met by a close or reset
        self.bare_kept = 0          # the same on a kept-alive connection: an eviction
        self.kept_closed = 0        # closed after a response that did not say close
        self.connects = 0
        self.connect_errors = 0
        self.per_client = None


def run_level(port, clients, seconds, polite=False):
    """`clients` keep-alive clients for `seconds`; returns a Tally."""
    ep = select.epoll()
    t = Tally()
    all_clients = [Client() for _ in range(clients)]
    by_fd = {}
    per_client = [0] * clients
    index = {id(c): i for i, c in enumerate(all_clients)}

    def connect(c):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        err = s.connect_ex(("127.0.0.1", port))
        if err not in (0, errno.EINPROGRESS):
            s.close()
            t.connect_errors += 1
            c.retry_at = time.monotonic() + 0.1
            return
        t.connects += 1
        c.sock = s
        c.buf = b""
        c.answers = 0
        c.fresh = True
        by_fd[s.fileno()] = c
        ep.register(s.fileno(), select.EPOLLOUT)

    def drop(c, retry_in=0.0):
        fd = c.sock.fileno()
        ep.unregister(fd)
        del by_fd[fd]
        c.sock.close()
        c.sock = None
        c.retry_at = time.monotonic() + retry_in
        idle.append(c)

    idle = list(all_clients)  # not connected: (re)connect once retry_at has come
    start = time.monotonic()
    end = start + seconds
    while True:
        now = time.monotonic()
        if now >= end:
            break
        if idle:
            later = []
            for c in idle:
                if c.retry_at <= now:
                    connect(c)
                    if c.sock is None:
                        later.append(c)
                else:
                    later.append(c)
            idle[:] = later
        for fd, ev in ep.poll(0.05):
            c = by_fd.get(fd)
            if c is None:
                continue
            if c.fresh and ev & select.EPOLLOUT:
                # Connected (or failed): send the first request, then read.
                if c.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
                    t.connect_errors += 1
                    drop(c, 0.1)
                    continue
                try:
                    c.sock.send(REQUEST)
                except OSError:
                    t.bare_new += 1
                    drop(c)
                    continue
                c.fresh = False
                ep.modify(fd, select.EPOLLIN)
                continue
            try:
                data = c.sock.recv(65536)
            except BlockingIOError:
                continue
            except OSError:
                data = b""
            if not data:
                if c.buf:
                    t.other += 1  # cut mid-response
                elif c.answers:
                    t.bare_kept += 1
                else:
                    t.bare_new += 1
                drop(c)
                continue
            c.buf += data
            while True:
                i = c.buf.find(b"\r\n\r\n")
                if i < 0:
                    break
                head = c.buf[:i].lower()
                j = head.find(b"content-length:")
                n = int(head[j + 15:head.find(b"\r\n", j) if head.find(b"\r\n", j) > 0 else None]) if j >= 0 else 0
                if len(c.buf) < i + 4 + n:
                    break
                c.buf = c.buf[i + 4 + n:]
                status = int(head[9:12])
                c.answers += 1
                closes = b"\r\nconnection: close" in head
                if status == 200:
                    t.ok += 1
                    per_client[index[id(c)]] += 1
                elif status == 503:
                    t.refused += 1
                    if not closes or b"\r\nretry-after:" not in head:
                        t.refused_bad += 1
                    drop(c, 1.0 if polite else 0.0)
                    break
                else:
                    t.other += 1
                if closes:
                    drop(c)
                    break
                try:
                    c.sock.send(REQUEST)
                except OSError:
                    t.bare_kept += 1
                    drop(c)
                    break
    elapsed = time.monotonic() - start
    for c in all_clients:
        if c.sock is not None:
            c.sock.close()
    ep.close()
    t.per_client = per_client
    t.seconds = elapsed
    return t


def site():
    d = os.path.join(BUILD, "mp-goodput")
    os.makedirs(d, exist_ok=True)
    link = os.path.join(d, "picoweb_core")
    if not os.path.islink(link):
        os.symlink(os.path.join(ROOT, "picoweb_core"), link)
    return d


def start_server(runtime):
    port = free_port()
    app = os.path.join(HERE, "apps", "hello_picoweb.py")
    env = dict(os.environ)
    if runtime == "micropython":
        cmd = [find_micropython(), app, str(port)]
        env["MICROPYPATH"] = site() + os.pathsep + ".frozen"
    else:
        cmd = [sys.executable, app, str(port)]
        env["PYTHONPATH"] = ROOT
    proc = subprocess.Popen(pinned(cmd, "0"), env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.time() + 20
    while not port_open(port):
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            raise RuntimeError("%s server did not start" % runtime)
        time.sleep(0.05)
    return proc, port


def cpu_seconds(pid="self"):
    # utime + stime of a process, from /proc (Linux).
    try:
        with open("/proc/%s/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def pin_self():
    try:
        os.sched_setaffinity(0, {1})
    except (AttributeError, OSError, ValueError):
        pass


SLOW_HEAD = b"GET / HTTP/1.1\r\nHost: bench\r\nX-Slow: " + b"s" * 500


async def _slow_client(port, stop, ends):
    # One header byte per second until answered or stopped.
    import asyncio
    try:
        r, w = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 20)
    except (OSError, asyncio.TimeoutError):
        ends.append("no connection")
        return
    got = b""
    sent = 0
    try:
        while not stop.is_set() and b"\r\n\r\n" not in got:
            w.write(SLOW_HEAD[sent:sent + 1])
            sent += 1
            try:
                data = await asyncio.wait_for(r.read(4096), 1.0)
            except asyncio.TimeoutError:
                continue
            if not data:
                break
            got += data
    except OSError:
        pass
    finally:
        w.close()
    ends.append(got[9:12].decode() if b"\r\n\r\n" in got else ("open" if stop.is_set() else "bare close"))


async def _normal_get(port):
    # (status, or what went wrong; seconds)
    import asyncio
    t0 = time.monotonic()
    try:
        r, w = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 20)
    except (OSError, asyncio.TimeoutError) as e:
        return type(e).__name__, time.monotonic() - t0
    data = b""
    try:
        w.write(b"GET / HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
        while True:
            more = await asyncio.wait_for(r.read(65536), 20)
            if not more:
                break
            data += more
    except (OSError, asyncio.TimeoutError) as e:
        if not data:
            return type(e).__name__, time.monotonic() - t0
    finally:
        w.close()
    return (data[9:12].decode() or "bare close"), time.monotonic() - t0


def slow_level(port, clients, seconds):
    """`clients` slow heads for `seconds`, and a normal GET every 0.5 s after
    the first 2 s; (normal statuses and latencies, slow clients' ends)."""
    import asyncio

    async def scenario():
        stop = asyncio.Event()
        ends = []
        tasks = []
        for i in range(clients):
            tasks.append(asyncio.ensure_future(_slow_client(port, stop, ends)))
            if i % 16 == 15:
                await asyncio.sleep(0.01)
        await asyncio.sleep(2)
        normal = []
        t_end = time.monotonic() + seconds - 2
        while time.monotonic() < t_end:
            normal.append(await _normal_get(port))
            await asyncio.sleep(0.5)
        stop.set()
        await asyncio.wait_for(asyncio.gather(*tasks), 60)
        return normal, ends

    return asyncio.run(scenario())


def main_slow(args):
    print("| runtime | slow clients | normal GETs | 200s | latency median / max (s) | slow clients' ends |")
    print("|---|---:|---:|---:|---:|---|")
    for runtime in args.runtimes.split(","):
        proc, port = start_server(runtime)
        try:
            n = 200 if runtime == "micropython" else 600
            normal, ends = slow_level(port, n, args.seconds)
        finally:
            proc.kill()
            proc.wait()
        lat = sorted(t for _, t in normal)
        kinds = {}
        for e in ends:
            kinds[e] = kinds.get(e, 0) + 1
        others = {}
        for st, _ in normal:
            if st != "200":
                others[st] = others.get(st, 0) + 1
        print("| %s | %d | %d | %d%s | %.2f / %.2f | %s |" % (
            runtime, n, len(normal), len(normal) - sum(others.values()),
            " (%s)" % ", ".join("%s: %d" % kv for kv in sorted(others.items())) if others else "",
            lat[len(lat) // 2], lat[-1], ", ".join("%s: %d" % kv for kv in sorted(kinds.items()))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--runtimes", default="micropython,cpython")
    ap.add_argument("--levels", default="1,1.5,4,30")
    ap.add_argument("--polite", action="store_true", help="wait a 503's Retry-After")
    ap.add_argument("--rounds", type=int, default=1, help="runs per level; medians at the end")
    ap.add_argument("--json", help="also write the rows here")
    ap.add_argument("--slow", action="store_true",
                    help="instead: slow heads (200 on MicroPython, 600 on CPython) and a normal GET")
    args = ap.parse_args()
    pin_self()
    if args.slow:
        return main_slow(args)
    rows = []
    print("| runtime | clients (x cap) | 200s | 200/s | x at cap | 503s | bare close, new conn |"
          " bare close, kept conn | connects | clients served | CPU server / client |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for runtime in args.runtimes.split(","):
        cap = CAPS[runtime]
        proc, port = start_server(runtime)
        try:
            base = None
            levels = args.levels.split(",")
            for level in [x for _ in range(args.rounds) for x in levels]:  # levels take turns
                n = int(round(cap * float(level)))
                cpu0 = cpu_seconds(proc.pid), cpu_seconds()
                t = run_level(port, n, args.seconds, args.polite)
                busy = [(cpu_seconds(p) - c) / t.seconds for p, c in zip((proc.pid, "self"), cpu0)]
                rate = t.ok / t.seconds
                base = base or rate
                served = len([x for x in t.per_client if x])
                row = dict(runtime=runtime, clients=n, level=float(level), ok=t.ok,
                           rate=round(rate), ratio=round(rate / base, 2), refused=t.refused,
                           refused_bad=t.refused_bad, other=t.other, bare_new=t.bare_new,
                           bare_kept=t.bare_kept, connects=t.connects,
                           connect_errors=t.connect_errors, served=served, seconds=round(t.seconds, 2),
                           server_cpu=round(busy[0], 2), client_cpu=round(busy[1], 2))
                rows.append(row)
                print("| %s | %d (%sx) | %d | %d | %.2f | %d%s | %d | %d | %d%s | %d | %.2f / %.2f |" % (
                    runtime, n, level, t.ok, rate, rate / base, t.refused,
                    " (%d bad)" % t.refused_bad if t.refused_bad else "", t.bare_new, t.bare_kept,
                    t.connects, " (%d failed)" % t.connect_errors if t.connect_errors else "",
                    served, busy[0], busy[1]))
                sys.stdout.flush()
                time.sleep(1.5)  # let the server drop the last level's connections
        finally:
            proc.kill()
            proc.wait()
    if args.rounds > 1:
        print()
        print("| runtime | clients (x cap) | median 200/s | x median at cap | rounds' 200/s |")
        print("|---|---:|---:|---:|---|")
        for runtime in args.runtimes.split(","):
            base = None
            for level in args.levels.split(","):
                rates = sorted(r["rate"] for r in rows
                               if r["runtime"] == runtime and r["level"] == float(level))
                med = rates[len(rates) // 2]
                base = base or med
                print("| %s | %d (%sx) | %d | %.2f | %s |" % (
                    runtime, int(round(CAPS[runtime] * float(level))), level, med, med / base,
                    ", ".join(str(x) for x in rates)))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
