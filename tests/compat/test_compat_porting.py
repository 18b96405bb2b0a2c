"""The porting step itself: only import lines change, and each app in apps/
needs nothing more than the promised renames."""
import os

import pytest

from compat_support import APPS, CPYTHON, changed_lines, port_source


def app_sources():
    out = []
    for root, dirs, files in os.walk(APPS):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in files:
            if name.endswith(".py") and not name.endswith("_tpl.py"):
                out.append(os.path.join(root, name))
    return sorted(out)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def test_port_rewrites_import_lines_and_keeps_the_names_the_app_uses():
    src = ("import ure as re\nimport ujson\nimport picoweb\nfrom picoweb import utils\n"
           "import app1, app2\nimport uasyncio as asyncio\n"
           "def f():\n    import ubinascii\n    return ujson.dumps('import ujson')\n")
    assert port_source(src, "cpython") == (
        "import re\nimport json as ujson\nimport picoweb_core as picoweb\n"
        "from picoweb_core import utils\nimport app1, app2\nimport asyncio\n"
        "def f():\n    import binascii as ubinascii\n    return ujson.dumps('import ujson')\n")
    assert port_source(src, "micropython") == src.replace(
        "import picoweb\n", "import picoweb_core as picoweb\n").replace(
        "from picoweb import", "from picoweb_core import")


def test_unknown_runtime_is_refused():
    with pytest.raises(ValueError):
        port_source("import picoweb\n", "pycopy")


def test_there_are_apps_to_port():
    names = [os.path.relpath(p, APPS) for p in app_sources()]
    assert len(names) >= 8, names


@pytest.mark.parametrize("path", app_sources(), ids=lambda p: os.path.relpath(p, APPS))
def test_apps_are_picoweb_originals_needing_only_import_changes(path):
    text = read(path)
    # The originals are picoweb 1.x apps: they never name picoweb-core.
    assert "picoweb_core" not in text
    mp = changed_lines(text, "micropython")
    assert all(old.strip() in ("import picoweb", "from picoweb import utils") for old, _ in mp), mp
    cp = changed_lines(text, "cpython")
    assert len(cp) >= len(mp)
    ported = port_source(text, "cpython")
    for line in ported.split("\n"):
        words = line.split()
        if words[:1] == ["import"] or words[:1] == ["from"]:
            assert words[1].rstrip(",") not in CPYTHON, line
