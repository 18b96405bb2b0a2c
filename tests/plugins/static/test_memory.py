"""The memory bound, measured on the real micropython binary.

static_app.py in "mem" mode samples the live heap (gc.collect then
gc.mem_alloc) every 2 ms while a slow client downloads 1 MiB, so the peak is
seen mid-transfer. The growth over the idle heap must be the copy buffer plus
a small fixed per-request cost, whatever the file size.
"""
import socket
import time

import pytest
from static_support import APP, BIG_SIZE, SITE, big_bytes

import support

pytestmark = support.needs_micropython

BUFFER = 512          # /static's buffer_size in static_app.py
BIG_BUFFER = 4096     # /buf4k's
# Request, response, head, file object, connection task: measured at about 2 KB.
FIXED_OVERHEAD = 3072


def start(heapsize=None):
    proc = support.AppProcess("micropython", support.ROOT + "/" + APP, [SITE, "mem"],
                              heapsize=heapsize).start()
    # Warm up: the core imports some of its modules on first use, and a module
    # loaded during the first measured download would count as its growth.
    for path in ("/static/hello.txt", "/static/big.bin", "/_mem/reset", "/_mem/peak"):
        support.request(proc.port, "GET", path, headers={"Connection": "close"})
    return proc


@pytest.fixture(scope="module")
def mem_server():
    proc = start()
    yield proc
    proc.stop()


def slow_download(port, path):
    """Read the whole reply through a small window, slowly, so the transfer
    lasts about half a second and the sampler sees it in flight."""
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8192)
    s.settimeout(10)
    s.connect(("127.0.0.1", port))
    s.sendall(("GET %s HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n" % path).encode())
    parts = []
    while True:
        data = s.recv(8192)
        if not data:
            break
        parts.append(data)
        time.sleep(0.004)
    s.close()
    return b"".join(parts)


def growth(port, path):
    control = {"Connection": "close"}
    support.request(port, "GET", "/_mem/reset", headers=control)
    reply = slow_download(port, path)
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), head
    assert len(body) == BIG_SIZE and body == big_bytes()
    return support.request(port, "GET", "/_mem/peak", headers=control).json()["growth"]


def test_heap_growth_is_the_buffer_not_the_file(mem_server):
    small = growth(mem_server.port, "/static/big.bin")
    large = growth(mem_server.port, "/buf4k/big.bin")
    report = "1 MiB file: heap grew %d bytes with a %d-byte buffer, %d with %d" % (
        small, BUFFER, large, BIG_BUFFER)
    assert small <= BUFFER + FIXED_OVERHEAD, report
    # Growth follows the buffer size: proof the sampler saw the copy in flight.
    assert BIG_BUFFER - BUFFER - 512 <= large - small <= BIG_BUFFER - BUFFER + 1024, report
    # A second download holds no more than the first: nothing accumulates.
    assert growth(mem_server.port, "/static/big.bin") <= small + 256, report


def test_1mib_file_in_a_160k_heap():
    # About 85 KB of the heap is code and app state: holding the file (or a
    # fraction of it) at once would raise MemoryError and cut the body short.
    proc = start(160 * 1024)
    try:
        for _ in range(3):
            g = growth(proc.port, "/static/big.bin")
            assert g <= BUFFER + FIXED_OVERHEAD
    finally:
        out = proc.stop()
    assert "MemoryError" not in out, out


def test_memory_report(mem_server, capsys):
    g = growth(mem_server.port, "/static/big.bin")
    with capsys.disabled():
        print("\n[static] 1 MiB served on MicroPython: heap growth %d bytes (buffer %d)"
              % (g, BUFFER))
