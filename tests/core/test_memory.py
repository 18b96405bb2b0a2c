"""The hello app under a capped MicroPython heap, imported from .py source,
serves 500 requests with no MemoryError and no failed request.

Issue 2 asks for 48K. After the core's second pass (issue 16: middleware,
teardown hooks, mounted apps' hooks, sans-IO body framing) and issue 18's
HTTP checks, the hello app serves within 48K from short checkout paths
(/work/main, /tmp/c) but needs 50K from a long one (file names live on the
heap; a 48-character checkout path): the test holds 50K. Heap use is not monotonic in the heap size (a module
compiled on the board leaves holes, and the compiler later needs blocks
whole), so the bench (bench/memory.py) also bisects the smallest size; this
test checks the size users are promised.
"""
import socket

import support

HEAP = "50K"


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


BROWSER_HEAD = (b"GET /hello/bob HTTP/1.1\r\nHost: 192.168.4.1\r\n"
                b"User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0\r\n"
                b"Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
                b"Accept-Language: en-US,en;q=0.9\r\nCookie: " + b"a" * 600 + b"=1\r\n\r\n")


@support.needs_micropython
def test_out_of_heap_on_one_connection_closes_it_and_the_server_goes_on():
    # At 50K a browser's 1 KB head (cookies), sent again and again on
    # keep-alive connections, ends up not fitting the split heap (README: 54K
    # serves it). Each request must get its answer or a closed connection,
    # never a hang, and small requests must still be served afterwards.
    proc = support.AppProcess("micropython", support.ROOT + "/examples/hello/app.py",
                              args=["-1"], heapsize=HEAP)
    proc.start()
    answered = cut = 0
    try:
        for _ in range(30):
            s = socket.create_connection(("127.0.0.1", proc.port), timeout=5)
            f = s.makefile("rb")
            try:
                for i in range(10):
                    s.sendall(BROWSER_HEAD)
                    r = support.read_response(f)
                    if r is None:
                        cut += 1
                        break
                    assert r.status == 200 and r.json() == {"hello": "bob"}
                    answered += 1
            except (ConnectionResetError, BrokenPipeError):
                cut += 1
            finally:
                f.close()
                s.close()
        ok = sum(hello(proc.port, keep_alive=False) for _ in range(50))
        assert ok == 50
        assert proc.alive()
    finally:
        proc.stop()
    assert answered > 0 and answered + cut >= 30


@support.needs_micropython
def test_an_idle_keep_alive_connection_holds_little_heap():
    # A board's cap (16 connections) times this is what keep-alive costs; the
    # bare asyncio stream and task alone take about 0.8 KB (bench: raw ceiling).
    proc = support.AppProcess("micropython", support.ROOT + "/tests/apps/heap_app.py")
    proc.start()
    conns = []
    try:
        def heap():
            return int(support.request(proc.port, "GET", "/heap").body)

        def idle_connection():
            c = support.Conn(proc.port)
            conns.append(c)
            assert c.request("GET", "/").status == 200

        idle_connection()  # warm-up: whatever loads on first use is loaded
        conns.pop().close()
        before = heap()
        for i in range(12):
            idle_connection()
        per_connection = (heap() - before) / 12.0
        assert per_connection <= 2048, per_connection
        assert all(c.request("GET", "/").status == 200 for c in conns)  # all still served
    finally:
        for c in conns:
            c.close()
        proc.stop()
