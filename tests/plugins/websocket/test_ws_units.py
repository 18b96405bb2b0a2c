"""The plugin's sans-IO parts (frames, handshake, UTF-8, SHA-1) on both runtimes."""
import os

import pytest
import ws_cases

import support

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = sorted(n for n in dir(ws_cases) if n.startswith("case_"))


@pytest.mark.parametrize("name", CASES)
def test_case_on_cpython(name):
    getattr(ws_cases, name)()


@support.needs_micropython
def test_cases_on_micropython():
    r = support.run_micropython([os.path.join(support.ROOT, "tests", "mp_runner.py"), "ws_cases"],
                                extra_paths=[HERE], timeout=120)
    assert r.returncode == 0, r.stderr + r.stdout
    lines = r.stdout.strip().splitlines()
    assert lines[-1] == "DONE 0 failed", r.stdout + r.stderr
    assert sum(1 for line in lines if line.startswith("PASS ")) == len(CASES), r.stdout


def test_no_cpython_only_modules():
    # MicroPython has none of these: the plugin must not import them anywhere.
    folder = os.path.join(support.ROOT, "plugins", "websocket")
    for name in os.listdir(folder):
        if name.endswith(".py"):
            with open(os.path.join(folder, name)) as f:
                src = f.read()
            for banned in ("import struct", "import typing", "import functools", "dataclass",
                           "import hmac", "print(", "assert "):
                assert banned not in src, (name, banned)
