"""picoweb_db.btreedb and picoweb_db.filedb: the cases in legacy_cases.py on
CPython for both, and under micropython for both (btreedb over a btree stand-in,
since the unix build has no btree)."""
import os

import pytest

import legacy_cases
import support

HERE = os.path.dirname(os.path.abspath(__file__))


@pytest.mark.parametrize("modname,case", [(m, c) for m in ("btreedb", "filedb") for c in legacy_cases.CASES],
                         ids=lambda v: v if isinstance(v, str) else v.__name__[5:])
def test_legacy_api(modname, case, tmp_path):
    case(legacy_cases.Env(modname, str(tmp_path / "store")))


@support.needs_micropython
@pytest.mark.parametrize("modname", ["filedb", "btreedb"])
def test_legacy_api_on_micropython(modname, tmp_path):
    # The unix build has no btree; btreedb's own code runs over the stand-in
    # in mp_btree/ (a test double of btree's API, not the firmware module).
    extra = [HERE] + ([os.path.join(HERE, "mp_btree")] if modname == "btreedb" else [])
    proc = support.run_micropython([os.path.join(HERE, "mp_legacy.py"), modname, str(tmp_path)],
                                   extra_paths=extra, timeout=120)
    outcome = {}
    for line in proc.stdout.splitlines():
        parts = line.split(" ", 2)
        if parts[0] in ("PASS", "FAIL"):
            outcome[parts[1]] = (parts[0], parts[2] if len(parts) > 2 else "")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert sorted(outcome) == sorted(c.__name__ for c in legacy_cases.CASES), proc.stdout + proc.stderr
    failed = ["%s: %s" % (name, why) for name, (status, why) in outcome.items() if status == "FAIL"]
    assert not failed, "\n".join(failed) + proc.stderr


@support.needs_micropython
def test_uorm_on_micropython_says_what_to_use():
    proc = support.run_micropython(["-c", (
        "try:\n"
        "    from picoweb_db import uorm\n"
        "except ImportError as e:\n"
        "    print('ERR', e)\n")])
    assert "ERR" in proc.stdout and "filedb" in proc.stdout, proc.stdout + proc.stderr
