"""The hello app under a capped MicroPython heap, imported from .py source,
serves 500 requests with no MemoryError and no failed request.

Issue 2 asks for 48K; the core needs about 74K today (see README, Footprint),
so this test guards the current bound against regressions until the target
is met. Lower HEAP as the core shrinks. Heap use is not monotonic in the heap
size (fragmentation: one size can fail where smaller ones pass, as 86K did
once), so HEAP keeps a margin above the smallest size found by bisection.
"""
import socket

import support

HEAP = "96K"


def hello(port, keep_alive):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        f = s.makefile("rb")
        n = 10 if keep_alive else 1
        ok = 0
        for i in range(n):
            last = i == n - 1
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n" +
                      (b"Connection: close\r\n" if last else b"") + b"\r\n")
            r = support.read_response(f)
            ok += r is not None and r.status == 200 and r.body == b"Hello, world!\n"
        return ok
    finally:
        s.close()


@support.needs_micropython
def test_hello_serves_500_requests_in_capped_heap():
    proc = support.AppProcess("micropython", support.ROOT + "/examples/hello/app.py",
                              args=["-1"], heapsize=HEAP)
    proc.start()
    try:
        ok = 0
        for i in range(25):
            ok += hello(proc.port, keep_alive=True)     # 250 on keep-alive connections
        for i in range(250):
            ok += hello(proc.port, keep_alive=False)    # 250 on their own connections
        assert ok == 500
        assert proc.alive()
    finally:
        out = proc.stop()
    assert "MemoryError" not in out, out
