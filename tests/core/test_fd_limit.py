"""Out of file descriptors: accepting fails with EMFILE while connections are
open. The server must neither crash nor spin on its listening socket, and must
serve again once descriptors are free (both runtimes)."""
import os
import resource
import socket
import time

import pytest

import support
from support import request


def open_fds(pid):
    return len(os.listdir("/proc/%d/fd" % pid))


@pytest.mark.parametrize("runtime", support.RUNTIMES)
def test_out_of_descriptors_then_served_again(runtime):
    proc = support.AppProcess(runtime, support.ROOT + "/examples/hello/app.py", args=["-1"])
    proc.start()
    try:
        pid = proc.proc.pid
        assert request(proc.port, "GET", "/").status == 200
        limit = open_fds(pid) + 3  # room for three connections, no more
        resource.prlimit(pid, resource.RLIMIT_NOFILE, (limit, limit))
        clients = []
        for _ in range(12):  # more than it can accept: the rest wait in the backlog
            clients.append(socket.create_connection(("127.0.0.1", proc.port), timeout=5))
        time.sleep(1.0)  # the server meets EMFILE and pauses accepting
        assert proc.alive()
        cpu = _cpu_seconds(pid)
        time.sleep(1.0)
        # Paused, not spinning on a socket that stays readable: well under a
        # CPU-second in a second of wall time.
        assert _cpu_seconds(pid) - cpu < 0.5
        for c in clients:
            c.close()
        # Descriptors come back as the closed connections are read to their end.
        deadline = time.time() + 10
        while True:
            try:
                r = request(proc.port, "GET", "/")
                break
            except OSError:
                if time.time() > deadline:
                    raise
        assert r.status == 200 and r.body == b"Hello, world!\n"
        assert proc.alive()
    finally:
        out = proc.stop()
    assert "Traceback" not in out, out


def _cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
