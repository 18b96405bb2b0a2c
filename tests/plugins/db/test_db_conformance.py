"""The conformance cases against every backend on CPython, and against filedb
and memory on MicroPython."""
import os

import pytest

import db_conformance
import support

BACKENDS = ["memory", "btree", "filedb", "sqlite"]
HERE = os.path.dirname(os.path.abspath(__file__))


@pytest.mark.parametrize("backend,case", [(b, c) for b in BACKENDS for c in db_conformance.cases_for(b)],
                         ids=lambda v: v if isinstance(v, str) else v.__name__[5:])
def test_conformance(backend, case, tmp_path):
    path = str(tmp_path / ("store.db" if backend != "filedb" else "store"))
    case(db_conformance.Env(backend, path))


@support.needs_micropython
@pytest.mark.parametrize("backend", ["filedb", "memory"])
def test_conformance_on_micropython(backend, tmp_path):
    proc = support.run_micropython([os.path.join(HERE, "mp_conformance.py"), backend, str(tmp_path)],
                                   extra_paths=[HERE], timeout=120)
    lines = proc.stdout.splitlines()
    outcome = {}
    for line in lines:
        parts = line.split(" ", 2)
        if parts[0] in ("PASS", "FAIL"):
            outcome[parts[1]] = (parts[0], parts[2] if len(parts) > 2 else "")
    expected = [c.__name__ for c in db_conformance.cases_for(backend)]
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert sorted(outcome) == sorted(expected), proc.stdout + proc.stderr
    failed = ["%s: %s" % (name, why) for name, (status, why) in outcome.items() if status == "FAIL"]
    assert not failed, "\n".join(failed)
