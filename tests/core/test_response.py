"""Response cases (core/cases_response.py), run on CPython by pytest and inside the real
micropython binary (one subprocess, one result line per case)."""
import os

import pytest

import support
from core import cases_response as cases_unit

CASES = sorted(n for n in dir(cases_unit) if n.startswith("case_"))


@pytest.mark.parametrize("name", CASES)
def test_cpython(name):
    getattr(cases_unit, name)()


@pytest.fixture(scope="module")
def mp_results():
    out = support.run_micropython([os.path.join(support.ROOT, "tests", "mp_runner.py"),
                                   "core.cases_response"],
                                  extra_paths=[os.path.join(support.ROOT, "tests")])
    results = {}
    for line in out.stdout.splitlines():
        if line.startswith(("PASS ", "FAIL ")):
            name = line[5:].split(":")[0].split(".")[-1]
            results[name] = line
    if not results:
        raise AssertionError("micropython ran no case:\n" + out.stdout + out.stderr)
    return results


@support.needs_micropython
@pytest.mark.parametrize("name", CASES)
def test_micropython(mp_results, name):
    line = mp_results.get(name)
    assert line is not None, "case did not run under micropython"
    assert line.startswith("PASS"), line
