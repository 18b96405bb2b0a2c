"""app.run(debug=-1..2) under micropython with each logging a picoweb app may
find on the board (issue 18): the real pycopy-ulogging 0.3, whose getLogger()
needs a name; micropython's own `ulogging` (the stand-in in mp_lib/); none."""
import os
import shutil

import pytest

import support
from compat_support import APPS, LAUNCHER, MP_LIB, port_tree
from support import request

import ulogging_ref


@support.needs_micropython
@pytest.mark.parametrize("logging", ["pycopy-ulogging", "mp_lib", "none"])
@pytest.mark.parametrize("debug", [-1, 0, 1, 2])
def test_every_debug_level_with_each_logging(logging, debug, tmp_path):
    tmp = str(tmp_path)
    port_tree(APPS, tmp, "micropython")
    shutil.copyfile(LAUNCHER, os.path.join(tmp, "launch.py"))
    extra = [tmp]
    if logging == "pycopy-ulogging":
        try:
            extra.append(ulogging_ref.site())
        except ulogging_ref.Unavailable as e:
            pytest.skip("the real pycopy-ulogging %s is needed: %s" % (ulogging_ref.VERSION, e))
    elif logging == "mp_lib":
        extra.append(MP_LIB)
    proc = support.AppProcess("micropython", os.path.join(tmp, "launch.py"),
                              ["log_app", "debug=%d" % debug], extra_paths=extra, cwd=tmp)
    proc.start()
    try:
        assert request(proc.port, "GET", "/").body == b"ok"
        assert request(proc.port, "GET", "/boom").status == 500
        assert request(proc.port, "GET", "/").body == b"ok"
        assert proc.alive()
    finally:
        out = proc.stop()
    if debug < 0:
        assert out.strip() == "", out
        return
    # Errors with their traceback, and the start-up line, at every level >= 0.
    assert "listening on http://127.0.0.1:%d/" % proc.port in out, out
    assert "boom in a handler" in out and "Traceback" in out, out
    access = '"GET /" 200' in out
    assert access == (debug >= 1), out
    if logging == "pycopy-ulogging":
        assert "INFO:picoweb:listening" in out, out     # its own format: it did the writing
    elif logging == "mp_lib":
        assert "20:picoweb:listening" in out, out
    else:
        assert "INFO:picoweb:listening" in out, out


@support.needs_micropython
@pytest.mark.parametrize("logging", ["pycopy-ulogging", "mp_lib", "none"])
def test_the_logger_comes_from_the_logging_found(logging, tmp_path):
    # Which module does the writing, for each set-up above (run away from
    # the checkout, whose folder would shadow nothing but is on '' first).
    extra = []
    if logging == "pycopy-ulogging":
        try:
            extra.append(ulogging_ref.site())
        except ulogging_ref.Unavailable as e:
            pytest.skip("the real pycopy-ulogging %s is needed: %s" % (ulogging_ref.VERSION, e))
    elif logging == "mp_lib":
        extra.append(MP_LIB)
    code = ("from picoweb_core.log import load_logger\n"
            "log = load_logger(0)\n"
            "try:\n"
            "    import ulogging\n"
            "    print(type(log) is ulogging.Logger, ulogging.__file__)\n"
            "except ImportError:\n"
            "    print(type(log).__name__)\n")
    out = support.run_micropython(["-c", code], extra_paths=extra, cwd=str(tmp_path), timeout=30)
    assert out.returncode == 0, out.stderr
    if logging == "none":
        assert out.stdout.strip() == "_StderrLog", out.stdout
    else:
        ok, path = out.stdout.split()
        assert ok == "True" and os.path.dirname(path) == extra[0], out.stdout
