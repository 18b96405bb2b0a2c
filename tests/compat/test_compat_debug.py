"""run(debug=-1..2): -1 prints nothing at all, 0 errors, 1 an access line per
request, 2 more; checked on the process output of a ported app."""
import pytest

import support
from compat_support import start_app
from support import request


@pytest.mark.parametrize("runtime", support.RUNTIMES)
@pytest.mark.parametrize("debug", [-1, 0, 1, 2])
def test_debug_levels(runtime, debug, tmp_path):
    proc = start_app(runtime, "site_app:site", str(tmp_path), [("debug", debug)])
    try:
        assert request(proc.port, "GET", "/inits").status == 200
        assert request(proc.port, "GET", "/boom").status == 500
        assert request(proc.port, "GET", "/inits").status == 200
    finally:
        out = proc.stop()
    if debug < 0:
        assert out.strip() == "", out
        return
    assert "unhandled" in out, out            # the error, with its message
    if debug == 0:
        assert "/inits" not in out, out       # no access lines
    else:
        assert "/inits" in out, out
