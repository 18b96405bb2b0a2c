"""Every tag, escaping and its opt-outs, literal text, includes and error messages, on CPython."""
import itertools

import pytest

from picoweb_templates import Templates, TemplateError, compile_template, escape_html, escape_json
from tpl_cases import CASES, ERRORS, write_files


@pytest.mark.parametrize("name,files,tpl,args,opts,expected", CASES, ids=[c[0] for c in CASES])
def test_case_renders_expected_output(tmp_path, name, files, tpl, args, opts, expected):
    write_files(tmp_path, files)
    t = Templates(str(tmp_path), **opts)
    chunks = list(t.render(tpl, *args))
    assert all(isinstance(c, str) for c in chunks)
    assert "".join(chunks) == expected
    assert t.render_str(tpl, *args) == expected


@pytest.mark.parametrize("name,files,tpl,message", ERRORS, ids=[e[0] for e in ERRORS])
def test_error_names_file_and_line(tmp_path, name, files, tpl, message):
    write_files(tmp_path, files)
    with pytest.raises(TemplateError) as info:
        Templates(str(tmp_path)).load(tpl)
    assert str(info.value) == message
    assert isinstance(info.value, ValueError)


def test_error_attributes(tmp_path):
    write_files(tmp_path, {"x.tpl": "\n{% bogus %}"})
    with pytest.raises(TemplateError) as info:
        Templates(str(tmp_path)).load("x.tpl")
    assert (info.value.filename, info.value.line) == ("x.tpl", 2)


def test_missing_template(tmp_path):
    with pytest.raises(TemplateError) as info:
        Templates(str(tmp_path)).load("nope.tpl")
    assert "nope.tpl" in str(info.value) and "template not found" in str(info.value)


def test_render_streams_chunks_lazily(tmp_path):
    # An endless argument proves nothing is built in memory before the first chunk.
    write_files(tmp_path, {"t.tpl": "{% args rows %}<ul>{% for r in rows %}<li>{{ r }}</li>{% endfor %}"})
    gen = Templates(str(tmp_path)).render("t.tpl", itertools.count())
    assert list(itertools.islice(gen, 4)) == ["<ul>", "<li>0</li>", "<li>1</li>", "<li>2</li>"]


def test_compile_template_without_loader():
    src = compile_template("{% args who %}Hi {{ who }}!", "hi.tpl")
    ns = {}
    exec(src, ns)
    assert "".join(ns["render"]("<b>")) == "Hi &lt;b&gt;!"
    with pytest.raises(TemplateError) as info:
        compile_template('{% include "x.tpl" %}', "a.tpl")
    assert str(info.value) == "a.tpl:1: {% include %} needs a template folder"


def test_utemplate_compatible_output_imports_nothing():
    src = compile_template("{% args x %}{{ x }}", "t.tpl", autoescape=False)
    assert "import" not in src
    assert "yield str(x)" in src


def test_dynamic_include_outside_loader_explains(tmp_path):
    src = compile_template("{% include {{ 'a.tpl' }} %}", "t.tpl")
    ns = {}
    exec(src, ns)
    with pytest.raises(TemplateError) as info:
        list(ns["render"]())
    assert "needs the template loaded through Templates" in str(info.value)


def test_escapers():
    assert escape_html("&lt;") == "&amp;lt;"
    assert escape_html(5) == "5"
    assert escape_json('"\\\t') == '\\"\\\\\\u0009'
    assert escape_json("plain é") == "plain é"


@pytest.mark.parametrize("bad", ["yes", 1, "xml"])
def test_bad_autoescape_option(tmp_path, bad):
    with pytest.raises(ValueError):
        Templates(str(tmp_path), autoescape=bad)


def test_bad_loader_option(tmp_path):
    with pytest.raises(ValueError) as info:
        Templates(str(tmp_path), loader="fast")
    assert "compiled, source, recompile" in str(info.value)


def test_template_without_args_accepts_and_ignores_any_arguments(tmp_path):
    # As utemplate's render(*a, **d): picoweb apps pass (req,) to every template.
    write_files(tmp_path, {"t.tpl": "plain {{ 2 }}", "i.tpl": "[{% include \"t.tpl\" 1, k=2 %}]"})
    t = Templates(str(tmp_path), autoescape=False)
    assert t.render_str("t.tpl") == "plain 2"
    assert t.render_str("t.tpl", object(), "x", k=1, req=None) == "plain 2"
    assert t.render_str("i.tpl", 5) == "[plain 2]"


def test_empty_args_tag_takes_no_arguments(tmp_path):
    write_files(tmp_path, {"t.tpl": "{% args %}\nnone"})
    t = Templates(str(tmp_path))
    assert t.render_str("t.tpl") == "none"
    with pytest.raises(TypeError):
        t.render_str("t.tpl", 1)
    with pytest.raises(TypeError):
        t.render_str("t.tpl", k=1)


def test_declared_args_take_keywords(tmp_path):
    write_files(tmp_path, {"t.tpl": "{% args a, b=2 %}{{ a }}{{ b }}"})
    assert Templates(str(tmp_path)).render_str("t.tpl", b=3, a=1) == "13"
