"""Instructions per request of a MicroPython server, counted by valgrind.

Wall-clock rates on a shared machine move by 10-20% from run to run; the
number of instructions a server executes per request does not, so this is how
a change to the MicroPython hot path is judged before the full bench confirms
it in req/s. Not part of run.py (valgrind slows the server some fifty times).

    python bench/instructions.py                      # picoweb-core and the ceiling, GET /
    python bench/instructions.py --close --path /json picoweb_app.py raw_app.py

Each app runs under `valgrind --tool=cachegrind` (user-space instructions
only: the kernel's share of a request is not counted) while wrk drives it for
`--seconds`; a second run that serves nothing gives the start-up cost, which
is subtracted.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import time

from load import find_wrk
from servers import APPS, CLIENT_CPU, SERVER_CPU, find_micropython, free_port, mp_site, pinned


def _run(app, seconds, path, close):
    """Instructions the server ran; the requests wrk made (0: start-up only)."""
    port = free_port()
    env = dict(os.environ, MICROPYPATH=os.pathsep.join((mp_site("py"), APPS, ".frozen")))
    cmd = pinned(["valgrind", "--tool=cachegrind", "--cache-sim=no",
                  "--cachegrind-out-file=/dev/null", find_micropython(),
                  os.path.join(APPS, app), str(port)], SERVER_CPU)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            universal_newlines=True)
    time.sleep(4)  # start-up under valgrind
    requests = 0
    if seconds:
        wrk = pinned([find_wrk(), "-t1", "-c16", "-d%ds" % seconds, "--timeout", "10s"]
                     + (["-H", "Connection: close"] if close else [])
                     + ["http://127.0.0.1:%d%s" % (port, path)], CLIENT_CPU)
        out = subprocess.run(wrk, stdout=subprocess.PIPE, universal_newlines=True).stdout
        requests = int(re.search(r"(\d+) requests in", out).group(1))
    proc.send_signal(signal.SIGINT)
    out = proc.communicate(timeout=60)[0]
    found = re.search(r"I\s+refs:\s+([\d,]+)", out)
    if found is None:
        raise RuntimeError("no count from valgrind:\n" + out[-2000:])
    return int(found.group(1).replace(",", "")), requests


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("apps", nargs="*", default=["picoweb_app.py", "raw_app.py"],
                   help="scripts in bench/apps")
    p.add_argument("--path", default="/")
    p.add_argument("--close", action="store_true", help="send Connection: close")
    p.add_argument("--seconds", type=int, default=8)
    args = p.parse_args()
    if find_micropython() is None or find_wrk() is None:
        sys.exit("needs micropython, wrk and valgrind")
    mode = "close" if args.close else "keep-alive"
    for app in args.apps:
        base, _ = _run(app, 0, args.path, args.close)
        total, requests = _run(app, args.seconds, args.path, args.close)
        print("%-16s %s %-10s %6d requests  %5.0fk instructions per request"
              % (app, args.path, mode, requests, (total - base) / max(requests, 1) / 1000))


if __name__ == "__main__":
    main()
