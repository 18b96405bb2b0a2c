"""The notes app's pure-function cases on CPython and inside micropython."""
import os

import pytest

import support
import notes_cases

CASES = sorted(n for n in dir(notes_cases) if n.startswith("case_"))


@pytest.mark.parametrize("name", CASES)
def test_cpython(name):
    getattr(notes_cases, name)()


@pytest.fixture(scope="module")
def mp_results():
    # Run with -c from the repository root: a script in tests/ would put tests/
    # first on micropython's path, where tests/examples hides the examples package.
    runner = os.path.join(support.ROOT, "tests", "mp_runner.py")
    code = "import sys; sys.argv[:] = [%r, 'notes_cases']; exec(open(%r).read())" % (runner, runner)
    out = support.run_micropython(["-c", code], cwd=support.ROOT, timeout=60,
                                  extra_paths=[os.path.join(support.ROOT, "tests", "examples")])
    results = {}
    for line in out.stdout.splitlines():
        if line.startswith(("PASS ", "FAIL ")):
            results[line[5:].split(":")[0].split(".")[-1]] = line
    if not results:
        raise AssertionError("micropython ran no case:\n" + out.stdout + out.stderr)
    return results


@support.needs_micropython
@pytest.mark.parametrize("name", CASES)
def test_micropython(mp_results, name):
    line = mp_results.get(name)
    assert line is not None, "case did not run under micropython"
    assert line.startswith("PASS"), line
