"""The plugin's non-escaping output against the real utemplate 1.4.1's, byte for
byte, on CPython and on the micropython binary (each engine on the same runtime).

utemplate is fetched at test time (see utemplate_ref.py); without the package
index these tests skip with the reason."""
import os
import subprocess
import sys

import pytest

import support
from ut_cases import CRLF, PLUGIN_RUNNER, UTEMPLATE_RUNNER, read_outputs, write_spec


def _run(runtime, args, cwd):
    if runtime == "micropython":
        return support.run_micropython(args, cwd=cwd)
    env = dict(os.environ, PYTHONPATH=support.site_dir())
    return subprocess.run([sys.executable] + args, env=env, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, timeout=60)


def render(tmp_path, runtime, engine, utemplate_site=None):
    """{"case.call": output bytes} of every case, rendered by `engine`."""
    root = str(tmp_path / ("%s-%s" % (engine, runtime)))
    os.makedirs(root)
    spec = write_spec(root, for_utemplate=engine == "utemplate")
    script = os.path.join(root, "run.py")
    with open(script, "w") as f:
        f.write(UTEMPLATE_RUNNER if engine == "utemplate" else PLUGIN_RUNNER)
    args = [script, root] + ([utemplate_site] if utemplate_site else [])
    proc = _run(runtime, args, cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return read_outputs(root, spec)


@pytest.mark.parametrize("runtime", support.RUNTIMES)
def test_same_bytes_as_utemplate(tmp_path, utemplate_site, runtime):
    ut = render(tmp_path, runtime, "utemplate", utemplate_site)
    ours = render(tmp_path, runtime, "plugin")
    assert sorted(ours) == sorted(ut)
    compared = 0
    for key in sorted(ut):
        if key.split(".")[0] in CRLF:
            continue
        assert ours[key] == ut[key], key
        compared += 1
    assert compared >= 22
    assert b"&lt;&amp;&gt;" in ours["quotes_unicode_escaped.0"]
    # The page: 1,000 rows, no blank line per row.
    assert ours["rows1000.0"] == ("<table>\n" + "".join("<tr><td>%d</td></tr>\n" % i for i in range(1000))
                                  + "</table>\n").encode()
    # Arguments a template does not declare: accepted and ignored; {% args %} takes none.
    assert ours["blank_lines.1"] == ut["blank_lines.1"] == ours["blank_lines.0"]
    assert ours["trailing_spaces.1"] == ours["trailing_spaces.2"] == b"TypeError"
    assert ours["namespace_package.0"] == b"<p>ns 1</p>\npart\n"


def test_crlf_templates_lose_the_newline_after_a_tag_as_utemplate_on_cpython(tmp_path, utemplate_site):
    ut = render(tmp_path, "cpython", "utemplate", utemplate_site)
    cp = render(tmp_path, "cpython", "plugin")
    keys = [key for key in cp if key.split(".")[0] in CRLF]
    assert keys == ["crlf.0"]
    # utemplate prints every line end as "\n"; the plugin keeps the template's
    # own "\r\n" in text and drops the one after each tag alike.
    assert cp["crlf.0"] == b"<p>\r\n  A\r\n</p>\r\n0\r\n1\r\n"
    assert cp["crlf.0"].replace(b"\r\n", b"\n") == ut["crlf.0"]


@support.needs_micropython
def test_crlf_output_is_the_same_on_both_runtimes(tmp_path):
    cp = render(tmp_path, "cpython", "plugin")
    mp = render(tmp_path, "micropython", "plugin")
    assert cp == mp
