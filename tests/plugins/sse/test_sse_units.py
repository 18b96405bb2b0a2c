"""Event formatting on both runtimes."""
import os

import pytest
import sse_cases

import support

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = sorted(n for n in dir(sse_cases) if n.startswith("case_"))


@pytest.mark.parametrize("name", CASES)
def test_case_on_cpython(name):
    getattr(sse_cases, name)()


@support.needs_micropython
def test_cases_on_micropython():
    r = support.run_micropython([os.path.join(support.ROOT, "tests", "mp_runner.py"), "sse_cases"],
                                extra_paths=[HERE], timeout=60)
    assert r.returncode == 0, r.stderr + r.stdout
    lines = r.stdout.strip().splitlines()
    assert lines[-1] == "DONE 0 failed", r.stdout + r.stderr
    assert sum(1 for line in lines if line.startswith("PASS ")) == len(CASES), r.stdout
