"""How text and {{ }} values become chunks (one yield per run), and escape_html on
every kind of value, on CPython. The outputs also run on MicroPython through tpl_cases."""
import pytest

from picoweb_templates import compile_template, escape_html

ROWS = ("{% args rows %}<table>\n"
        "{% for r in rows %}<tr><td>{{ r[0] }}</td><td>{{ r[1] }}</td></tr>\n{% endfor %}</table>\n")


def compiled(text, **opts):
    src = compile_template(text, "t.tpl", **opts)
    ns = {}
    exec(src, ns)
    return src, ns["render"]


def yields(src):
    return [line.strip() for line in src.splitlines() if line.strip().startswith("yield")]


def test_rows_template_yields_one_chunk_per_run():
    src, render = compiled(ROWS)
    assert yields(src) == [
        "yield '<table>\\n'",
        "yield '<tr><td>%s</td><td>%s</td></tr>\\n' % (_e(r[0]), _e(r[1]))",
        "yield '</table>\\n'",
    ]
    rows = [(i, "item %d & co" % i) for i in range(20)]
    chunks = list(render(rows))
    assert len(chunks) == 22
    assert chunks[1] == "<tr><td>0</td><td>item 0 &amp; co</td></tr>\n"
    assert "".join(chunks) == ("<table>\n" + "".join("<tr><td>%d</td><td>item %d &amp; co</td></tr>\n" % (i, i)
                                                     for i in range(20)) + "</table>\n")


def test_lone_value_and_plain_text_stay_simple():
    src, _ = compiled("{% args x %}100%{# c #} sure{% if x %}{{ x }}{% endif %}{{ x|safe }}")
    assert yields(src) == ["yield '100% sure'", "yield _e(x)", "yield str(x)"]


def test_one_value_with_text_needs_no_tuple():
    # _e() and str() always return a str, so "% value" can never be mistaken for a tuple of arguments.
    src, render = compiled("{% args x %}<li>{{ x }}</li>", autoescape=False)
    assert yields(src) == ["yield '<li>%s</li>' % str(x)"]
    assert "".join(render((1, 2))) == "<li>(1, 2)</li>"
    assert "".join(render(())) == "<li>()</li>"


def test_percent_is_doubled_only_in_formats():
    src, render = compiled("{% args x %}{{ x }}% off{% if 1 %}100%{% endif %}")
    assert yields(src) == ["yield '%s%% off' % _e(x)", "yield '100%'"]
    assert "".join(render("%s")) == "%s% off100%"


def test_safe_and_escaped_share_a_run():
    src, render = compiled("{% args x %}<p>{{ x|safe }}{{ x }}</p>")
    assert yields(src) == ["yield '<p>%s%s</p>' % (str(x), _e(x))"]
    assert "".join(render("<i>")) == "<p><i>&lt;i&gt;</p>"


def test_statements_and_includes_end_a_run(tmp_path):
    (tmp_path / "p.tpl").write_text("P{{ 1 }}")
    src = compile_template("{% args x %}a{{ x }}{% set y = x %}b{{ y }}{% include \"p.tpl\" %}c",
                           "t.tpl", read=lambda name: (tmp_path / name).read_text())
    assert "    yield 'a%s' % _e(x)\n    y = x\n    yield 'b%s' % _e(y)\n    yield from _include1_p_tpl()\n" \
           "    yield 'c'" in src
    assert "    yield 'P%s' % _e(1)" in src


def test_long_text_stays_a_constant_chunk():
    # Merged text is copied on every render; a long static part is yielded as is.
    head = "<style>" + "x" * 300 + "</style>"
    src, render = compiled("{% args t %}<title>{{ t }}</title>" + head + "<h1>{{ t }}</h1>")
    assert yields(src) == ["yield '<title>%s' % _e(t)", "yield %r" % ("</title>" + head + "<h1>"),
                           "yield '%s</h1>' % _e(t)"]
    assert "".join(render("&")) == "<title>&amp;</title>" + head + "<h1>&amp;</h1>"


def test_many_values_are_split_across_chunks():
    _, render = compiled("{% args x %}" + "{{ x }}," * 20)
    chunks = list(render("<"))
    assert "".join(chunks) == "&lt;," * 20
    assert 1 < len(chunks) < 20


class Shouty(str):
    def __str__(self):
        return "<" + self.upper() + ">"


class Code(int):
    def __str__(self):
        return "<%d>" % int(self)


def reference(value):
    s = str(value)
    for ch, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#39;")):
        s = s.replace(ch, entity)
    return s


@pytest.mark.parametrize("value,expected", [
    (0, "0"), (-12, "-12"), (2 ** 70, "1180591620717411303424"), (0.5, "0.5"), (float("-inf"), "-inf"),
    (None, "None"), (True, "True"), ("", ""), ("clean text", "clean text"), ("é中😀", "é中😀"),
    ("a & b", "a &amp; b"), ("&amp;", "&amp;amp;"), ("&<>\"'", "&amp;&lt;&gt;&quot;&#39;"),
    ("<<''>>", "&lt;&lt;&#39;&#39;&gt;&gt;"), (["<"], "[&#39;&lt;&#39;]"), (b"<", "b&#39;&lt;&#39;"),
    (Shouty("hi"), "&lt;HI&gt;"), (Code(7), "&lt;7&gt;"),
])
def test_escape_html_every_kind_of_value(value, expected):
    assert escape_html(value) == expected == reference(value)
    assert type(escape_html(value)) is str
