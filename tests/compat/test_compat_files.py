"""picoweb_core.files on its own (no sockets), the same cases on CPython and
on the micropython binary; and that importing picoweb_core does not load it."""
import os
import subprocess
import sys

import pytest

import files_cases
import support

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = sorted(n for n in dir(files_cases) if n.startswith("case_"))


@pytest.mark.parametrize("name", CASES)
def test_cpython(name):
    getattr(files_cases, name)()


@support.needs_micropython
def test_micropython_runs_every_case():
    r = support.run_micropython([os.path.join(support.ROOT, "tests", "mp_runner.py"), "files_cases"],
                                extra_paths=[HERE])
    lines = r.stdout.splitlines()
    assert "DONE 0 failed" in lines, r.stdout + r.stderr
    passed = [l for l in lines if l.startswith("PASS ")]
    assert len(passed) == len(CASES), r.stdout


def test_import_picoweb_core_does_not_load_files():
    code = "import sys, picoweb_core; print('picoweb_core.files' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE,
                         universal_newlines=True, env=dict(os.environ, PYTHONPATH=support.site_dir()))
    assert out.stdout.strip() == "False"


@support.needs_micropython
def test_import_picoweb_core_does_not_load_files_on_micropython():
    r = support.run_micropython(["-c", "import sys, picoweb_core; print('picoweb_core.files' in sys.modules)"])
    assert r.stdout.strip() == "False", r.stdout + r.stderr
