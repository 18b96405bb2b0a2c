"""The sans-IO parser's cases (multipart_cases.py), on CPython and on micropython."""
import os

import multipart_cases as mp_cases
import pytest

import support

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = sorted(name for name in dir(mp_cases) if name.startswith("case_"))


@pytest.mark.parametrize("name", CASES)
def test_case_on_cpython(name):
    getattr(mp_cases, name)()


@support.needs_micropython
def test_cases_on_micropython():
    runner = os.path.join(support.ROOT, "tests", "mp_runner.py")
    r = support.run_micropython([runner, "multipart_cases"], extra_paths=[HERE], timeout=120)
    lines = r.stdout.strip().splitlines()
    assert r.returncode == 0 and lines, r.stdout + r.stderr
    assert lines[-1] == "DONE 0 failed", r.stdout + r.stderr
    passed = [line for line in lines if line.startswith("PASS ")]
    assert len(passed) == len(CASES), r.stdout


def test_the_cases_can_fail():
    # The helper that every case relies on really compares.
    with pytest.raises(AssertionError):
        mp_cases.eq(mp_cases.run([mp_cases.SAMPLE]), mp_cases.SAMPLE_PARTS[:-1])
