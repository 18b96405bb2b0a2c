"""The plugin's pure functions, and its configuration checks, on both runtimes."""
import os

import header_cases
import pytest
import static_support

import support

HERE = os.path.dirname(os.path.abspath(__file__))


@pytest.mark.parametrize("case", header_cases.CASES, ids=[c[0] for c in header_cases.CASES])
def test_case_on_cpython(case):
    desc, func, args, expected = case
    assert func(*args) == expected


@support.needs_micropython
def test_cases_on_micropython():
    r = support.run_micropython([os.path.join(HERE, "header_cases.py")])
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "ok %d" % len(header_cases.CASES), r.stdout


def test_bad_configuration_is_refused_at_once():
    import picoweb_core
    from picoweb_static import StaticFiles
    with pytest.raises(ValueError):
        StaticFiles("x", prefix="static")
    with pytest.raises(ValueError):
        StaticFiles("x", buffer_size=0)
    with pytest.raises(ValueError):
        StaticFiles("x", max_age=-1)
    with pytest.raises(ValueError):
        StaticFiles("x", index="../index.html")
    with pytest.raises(TypeError):
        StaticFiles(None)
    app = picoweb_core.WebApp(__name__)
    with pytest.raises(ValueError):
        app.install(StaticFiles(os.path.join(static_support.SITE, "no-such-folder")))
    app.install(StaticFiles(os.path.join(static_support.SITE, "www"), prefix="/a"))
    app.install(StaticFiles(os.path.join(static_support.SITE, "www"), prefix="/b"))
    with pytest.raises(ValueError):  # the same prefix twice
        app.install(StaticFiles(os.path.join(static_support.SITE, "www"), prefix="/a/"))


def test_no_os_path_pathlib_or_mimetypes():
    # MicroPython has none of them: the plugin must not import them anywhere.
    folder = os.path.join(support.ROOT, "plugins", "static")
    for name in os.listdir(folder):
        if name.endswith(".py"):
            with open(os.path.join(folder, name)) as f:
                src = f.read()
            for banned in ("os.path.", "import pathlib", "from pathlib", "import mimetypes",
                           "print(", "assert "):
                assert banned not in src, (name, banned)
