"""The memory bound of an upload, measured on the real micropython binary.

upload_app.py in "mem" mode samples the live heap (gc.collect then
gc.mem_alloc) every 2 ms while a slow client uploads 1 MiB, so the peak is
seen mid-transfer. The growth over the idle heap must stay a few KB: the
read buffer, the parser's piece, the open file and the per-request objects,
whatever the file's size.
"""
import os

import pytest
import upload_support as us

import support

pytestmark = support.needs_micropython

# Request, response, reader, parser, part, file object, coroutine frames, the
# 512-byte socket read and the parser's piece: a few KB.
BOUND = 6 * 1024


def start(root, heapsize=None):
    proc = support.AppProcess("micropython", us.APP, [root, "mem"], heapsize=heapsize).start()
    # Warm up: modules loaded on first use would count as the first upload's growth.
    for _ in range(2):
        r = us.post(proc.port, "/upload", us.encode([("t", "x"), ("file", "w.bin", b"w" * 5000)]))
        assert r.status == 200, r.body
    us.get_json(proc.port, "/_mem/reset")
    us.get_json(proc.port, "/_mem/peak")
    us.clear(proc.port)
    return proc


def growth(port, size):
    data = os.urandom(size)
    us.get_json(port, "/_mem/reset")
    # At least 64 sends 6 ms apart (0.4 s for 1 MiB): the sampler sees it in flight.
    piece = max(1024, min(16384, size // 64))
    r = us.post(port, "/upload", us.encode([("file", "m.bin", data)]), piece=piece, delay=0.006)
    assert r.status == 200, r.body
    f = r.json()["files"][0]
    assert f["size"] == size
    g = us.get_json(port, "/_mem/peak")["growth"]
    return g, f["stored"], data


@pytest.fixture(scope="module")
def mem_server(tmp_path_factory):
    root = str(tmp_path_factory.mktemp("mem"))
    proc = start(root)
    proc.root = root
    yield proc
    proc.stop()


def test_a_1mib_upload_grows_the_heap_by_a_few_kb(mem_server):
    small, _, _ = growth(mem_server.port, 64 * 1024)
    large, name, data = growth(mem_server.port, 1 << 20)
    with open(os.path.join(mem_server.root, "up", name), "rb") as f:
        assert f.read() == data
    report = "heap growth: %d bytes for a 64 KiB upload, %d for 1 MiB" % (small, large)
    assert large <= BOUND, report
    # Sixteen times the file, about the same growth: nothing scales with it.
    assert large <= small + 1536, report
    # A second upload holds no more than the first: nothing accumulates.
    again, _, _ = growth(mem_server.port, 1 << 20)
    assert again <= large + 1024, report + ", then %d" % again


def test_1mib_upload_in_a_144k_heap(tmp_path):
    # The plugin loaded from .py holds about 21 KB of the heap (the core about 60).
    # 112K was the smallest that served when measured; in a busy machine's runs
    # 128K failed now and then (how the heap splits depends on when the pieces
    # of the upload arrive), so the line has a wider margin. What this test
    # guards is the growth per upload, which stays under BOUND.
    proc = start(str(tmp_path), 144 * 1024)
    try:
        for _ in range(2):
            g, _, _ = growth(proc.port, 1 << 20)
            assert g <= BOUND
    finally:
        out = proc.stop()
    assert "MemoryError" not in out, out


def test_memory_report(mem_server, capsys):
    g, _, _ = growth(mem_server.port, 1 << 20)
    with capsys.disabled():
        print("\n[multipart] 1 MiB uploaded on MicroPython: heap growth %d bytes" % g)
