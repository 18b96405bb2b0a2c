"""The pure-function cases, run on CPython by pytest and inside the real
micropython binary (one subprocess, one result line per case)."""
import os

import pytest

import support
from core import cases_body, cases_http, cases_response, cases_routing, cases_utils

# One cases module per core module (tests mirror the tree).
MODULES = {"core.cases_http": cases_http, "core.cases_routing": cases_routing,
           "core.cases_utils": cases_utils, "core.cases_body": cases_body,
           "core.cases_response": cases_response}
CASES = sorted((m, n) for m, mod in MODULES.items() for n in dir(mod) if n.startswith("case_"))


@pytest.mark.parametrize("module,name", CASES)
def test_cpython(module, name):
    getattr(MODULES[module], name)()


@pytest.fixture(scope="module")
def mp_results():
    out = support.run_micropython([os.path.join(support.ROOT, "tests", "mp_runner.py")]
                                  + sorted(MODULES),
                                  extra_paths=[os.path.join(support.ROOT, "tests")])
    results = {}
    for line in out.stdout.splitlines():
        if line.startswith(("PASS ", "FAIL ")):
            full = line[5:].split(":")[0]
            results[(full.rsplit(".", 1)[0], full.rsplit(".", 1)[1])] = line
    if not results:
        raise AssertionError("micropython ran no case:\n" + out.stdout + out.stderr)
    return results


@support.needs_micropython
@pytest.mark.parametrize("module,name", CASES)
def test_micropython(mp_results, module, name):
    line = mp_results.get((module, name))
    assert line is not None, "case did not run under micropython"
    assert line.startswith("PASS"), line
