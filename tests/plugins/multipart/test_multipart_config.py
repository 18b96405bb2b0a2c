"""Configuration checks and the plugin's MicroPython-safe source."""
import os

import pytest

import support


def test_bad_limits_and_plugin_options_are_refused_at_once():
    from picoweb_multipart import Multipart, MultipartLimits
    for kw in ({"max_parts": 0}, {"max_header": -1}, {"max_field": "8k"}, {"piece": 0},
               {"max_total": 1.5}, {"max_memory": 0}):
        with pytest.raises(ValueError):
            MultipartLimits(**kw)
    with pytest.raises(TypeError):
        Multipart(limits={"max_parts": 3})
    with pytest.raises(TypeError):
        Multipart(upload_dir=5)
    with pytest.raises(ValueError):
        Multipart(max_other_body=-1)
    with pytest.raises(ValueError):
        Multipart(max_other_body=10, upload_paths=["upload"])
    with pytest.raises(ValueError):
        Multipart(upload_paths=["/upload"])  # needs max_other_body
    import picoweb_core
    app = picoweb_core.WebApp(__name__)
    app.install(Multipart())
    with pytest.raises(ValueError):
        app.install(Multipart())  # installed once


@pytest.mark.parametrize("folder", ["multipart", "cors"])
def test_no_cpython_only_modules_print_or_assert(folder):
    # MicroPython has none of these; library code neither prints nor asserts.
    path = os.path.join(support.ROOT, "plugins", folder)
    names = [n for n in os.listdir(path) if n.endswith(".py")]
    assert names
    for name in names:
        with open(os.path.join(path, name)) as f:
            src = f.read()
        for banned in ("os.path.", "import pathlib", "import typing", "import dataclasses",
                       "import functools", "import enum", "print(", "assert ", "except:"):
            assert banned not in src, (folder, name, banned)
