"""The core app on every other CPython found here (3.9 is the oldest supported):
a smoke run of the features most tied to the interpreter version (the
generator bridge, async generators, the event loop, streaming)."""
import os

import pytest

import support

PYTHONS = support.other_pythons()


@pytest.mark.skipif(not PYTHONS, reason="no other CPython 3.9+ on this machine")
@pytest.mark.parametrize("version", sorted(PYTHONS) or ["none"])
def test_core_app_on(version):
    proc = support.AppProcess("cpython", os.path.join(support.ROOT, "tests/apps/core_app.py"),
                              python=PYTHONS[version])
    proc.start()
    try:
        get = lambda path: support.request(proc.port, "GET", path)
        assert get("/").body == b"hello"
        assert get("/gen").body == b"gen ok"
        assert get("/stream").body == b"part0;part1;part2;"
        assert get("/user/7").json()["uid"] == 7
        r = support.request(proc.port, "POST", "/form", body="a=1&a=2",
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert r.json()["all"] == ["1", "2"]
        assert get("/error").status == 500
        assert get("/ticks").json()["ticks"] > 0
    finally:
        proc.stop()
