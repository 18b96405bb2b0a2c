"""`import picoweb_core` loads no plugin and nothing optional, on both runtimes;
debug=-1 never imports a logging module; the listen backlog is at least 16."""
import os
import subprocess
import sys

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
            "logging", "ulogging", "picoweb_core.log", "picoweb_core.body",
            "picoweb_core.utils", "picoweb_core.testing")


def check_probe(out):
    lines = out.strip().splitlines()
    added = lines[-2].split()
    assert "picoweb_core" in added
    for name in OPTIONAL:
        assert name not in added, (name, added)
    assert int(lines[-1]) >= 16
    return added


def test_cpython_import_footprint():
    env = dict(os.environ, PYTHONPATH=support.site_dir())
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, stdout=subprocess.PIPE,
                         universal_newlines=True, check=True).stdout
    added = check_probe(out)
    assert len([m for m in added if m.startswith("picoweb_core")]) <= 12


@support.needs_micropython
def test_micropython_import_footprint():
    r = support.run_micropython(["-c", PROBE])
    assert r.returncode == 0, r.stderr
    check_probe(r.stdout)
