"""The auth plugin's pure functions, with the published test vectors, on
CPython and on the real micropython binary (the same auth_cases.py)."""
import os

import pytest

import auth_cases
import support
from support import needs_micropython, run_micropython

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = sorted(n for n in dir(auth_cases) if n.startswith("case_"))


@pytest.mark.parametrize("name", CASES)
def test_cpython(name):
    getattr(auth_cases, name)()


@needs_micropython
def test_micropython_runs_every_case():
    runner = os.path.join(support.ROOT, "tests", "mp_runner.py")
    proc = run_micropython([runner, "auth_cases"], heapsize="256K", extra_paths=[HERE],
                           timeout=120)
    lines = proc.stdout.splitlines()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    passed = set(l.split(".", 1)[1] for l in lines if l.startswith("PASS "))
    failed = [l for l in lines if l.startswith("FAIL ")]
    assert not failed, "\n".join(failed)
    assert passed == set(CASES), sorted(set(CASES) - passed)
    assert lines[-1] == "DONE 0 failed"


OTHER_PYTHONS = support.other_pythons()


@pytest.mark.skipif(not OTHER_PYTHONS, reason="no other CPython version on this machine")
@pytest.mark.parametrize("version", sorted(OTHER_PYTHONS))
def test_other_cpython_versions(version):
    # 3.9 is the oldest supported; the cases need nothing but the standard library.
    import subprocess
    runner = os.path.join(support.ROOT, "tests", "mp_runner.py")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([HERE, support.site_dir()]))
    proc = subprocess.run([OTHER_PYTHONS[version], runner, "auth_cases"], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[-1] == "DONE 0 failed", proc.stdout
    assert proc.stdout.count("PASS ") == len(CASES)
