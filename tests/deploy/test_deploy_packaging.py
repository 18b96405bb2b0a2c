"""Packaging: one version, a mip package.json per package that names exactly the
package's files, and a wheel built from the tree that installs every package
under its own import name in a fresh virtual environment."""
import json
import os
import re
import subprocess
import sys

import pytest

from deploy_support import ROOT
from picoweb_core import build


def tree_packages():
    # Independent of picoweb_core.build: the core and each plugin folder that is a package.
    found = {"picoweb_core": os.path.join(ROOT, "picoweb_core")}
    for d in sorted(os.listdir(os.path.join(ROOT, "plugins"))):
        if os.path.exists(os.path.join(ROOT, "plugins", d, "__init__.py")):
            found["picoweb_" + d] = os.path.join(ROOT, "plugins", d)
    return found


def py_files(folder):
    out = set()
    for dirpath, dirnames, files in os.walk(folder):
        if "__pycache__" in dirpath:
            continue
        for f in files:
            if f.endswith(".py"):
                out.add(os.path.relpath(os.path.join(dirpath, f), folder).replace(os.sep, "/"))
    return out


def test_the_version_lives_in_one_place():
    import picoweb_core
    r = subprocess.run([sys.executable, "setup.py", "--version"], cwd=ROOT, stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, universal_newlines=True, timeout=60)
    assert r.stdout.strip().splitlines()[-1] == picoweb_core.__version__ == build.version()
    with open(os.path.join(ROOT, "setup.py")) as f:
        assert not re.search(r"version=\"\d", f.read())


@pytest.mark.parametrize("name", sorted(tree_packages()))
def test_each_manifest_names_exactly_the_files_of_its_package(name):
    folder = tree_packages()[name]
    path = os.path.join(folder, "package.json")
    assert os.path.exists(path), "no manifest: run python -m picoweb_core.build manifests"
    with open(path) as f:
        data = json.load(f)
    cpython_only = set(build.CPYTHON_ONLY.get(name, ()))
    assert cpython_only <= py_files(folder), \
        "picoweb_core.build.CPYTHON_ONLY names a file that is gone: update it"
    targets = [t for t, _ in data["urls"]]
    assert len(targets) == len(set(targets))
    assert set(targets) == {name + "/" + f for f in py_files(folder) - cpython_only}, \
        "stale manifest: run python -m picoweb_core.build manifests"
    for target, url in data["urls"]:
        assert os.path.isfile(os.path.join(folder, url)) and target == name + "/" + url
    import picoweb_core
    assert data["version"] == picoweb_core.__version__


@pytest.mark.parametrize("name", sorted(tree_packages()))
def test_each_manifest_depends_on_the_packages_it_imports(name):
    known = tree_packages()
    folder = known[name]
    with open(os.path.join(folder, "package.json")) as f:
        deps = [d for d, _ in json.load(f)["deps"]]
    import ast
    imported = set()
    for rel in py_files(folder) - set(build.CPYTHON_ONLY.get(name, ())):
        with open(os.path.join(folder, rel), "rb") as f:
            for node in ast.walk(ast.parse(f.read())):
                if isinstance(node, ast.Import):
                    imported |= {a.name.split(".")[0] for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    imported.add(node.module.split(".")[0])
    imported = sorted(n for n in imported if n in known and n != name)
    assert deps == [build.REPO + "/" + os.path.relpath(known[n], ROOT) for n in imported]


def test_manifests_check_agrees_with_the_tree():
    r = subprocess.run([sys.executable, "-m", "picoweb_core.build", "manifests", "--check"],
                       cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, timeout=60)
    assert r.returncode == 0, r.stdout


def test_manifests_are_regenerated_from_the_tree(tmp_path):
    # A file added to a plugin shows up in the written manifest; --check sees the change.
    import shutil
    root = tmp_path / "tree"
    (root / "plugins").mkdir(parents=True)
    shutil.copytree(os.path.join(ROOT, "picoweb_core"), str(root / "picoweb_core"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(os.path.join(ROOT, "plugins", "static"), str(root / "plugins" / "static"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    (root / "setup.py").write_text("")
    (root / "plugins" / "static" / "added.py").write_text("import picoweb_core\n")
    assert build.manifests(str(root), check=True)  # differs
    written = build.manifests(str(root))
    assert str(root / "plugins" / "static" / "package.json") in written
    data = json.loads((root / "plugins" / "static" / "package.json").read_text())
    assert ["picoweb_static/added.py", "added.py"] in data["urls"]
    assert data["deps"] == [[build.REPO + "/picoweb_core", build.BRANCH]]
    assert build.manifests(str(root), check=True) == []


def test_wheel_installs_every_package_in_a_fresh_venv(tmp_path):
    # Built from a copy of the tree: setuptools writes build/ and *.egg-info where it
    # builds, and other test runs may be building in the checkout at the same time.
    import shutil
    src = tmp_path / "src"
    shutil.copytree(ROOT, str(src), ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "*.egg-info", "__pycache__", "node_modules", ".pytest_cache"))
    wheels = tmp_path / "wheel"
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps",
                        "-q", "-w", str(wheels)], cwd=str(src), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, universal_newlines=True, timeout=300)
    assert r.returncode == 0, r.stdout
    (wheel,) = [w for w in os.listdir(str(wheels)) if w.endswith(".whl")]
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    py = str(venv / "bin" / "python")
    r = subprocess.run([sys.executable, "-m", "pip", "--python", py, "install", "-q", "--no-deps",
                        "--no-index", str(wheels / wheel)], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, universal_newlines=True, timeout=300)
    assert r.returncode == 0, r.stdout
    names = sorted(tree_packages())
    code = ("import importlib, os, sys\n"
            "for n in %r:\n"
            "    m = importlib.import_module(n)\n"
            "    assert os.path.realpath(m.__file__).startswith(os.path.realpath(sys.prefix)), m.__file__\n"
            "    print(n)\n"
            "import picoweb_core.build as b, picoweb_core.asgi, picoweb_core.testing\n"
            "print(sorted(b.packages()))\n"
            "print(picoweb_core.__version__)\n" % (names,))
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    r = subprocess.run([py, "-c", code], cwd=str(tmp_path), env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, universal_newlines=True, timeout=120)
    assert r.returncode == 0, r.stdout
    lines = r.stdout.splitlines()
    assert lines[:len(names)] == names
    assert lines[len(names)] == str(names)  # the build tool finds the installed packages
    import picoweb_core
    assert lines[-1] == picoweb_core.__version__
    # nothing called `plugins` lands in site-packages
    site = subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          stdout=subprocess.PIPE, universal_newlines=True, timeout=60).stdout.strip()
    assert "plugins" not in os.listdir(site)
    # the command line works from the installed wheel
    r = subprocess.run([py, "-m", "picoweb_core", "--help"], cwd=str(tmp_path), env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
                       timeout=60)
    assert r.returncode == 0 and "module[:app]" in r.stdout
