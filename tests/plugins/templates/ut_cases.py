"""Templates rendered by the real utemplate 1.4.1 and by the plugin in its
non-escaping mode (what picoweb apps get), for test_utemplate.py.

Each case is (name, files, template, calls): every call is [args, kwargs] and
both engines render it, on the same runtime. A call that raises TypeError (a
template's arguments do not fit) renders as "TypeError". Literal text has no
backslashes: utemplate writes text into a triple-quoted string unescaped, so
"\\n" written in a template is a newline in its output (the plugin keeps it);
and no block is empty: utemplate emits no `pass` (an IndentationError).
"""
import json
import os

ROWS_1000 = ("{% args n %}\n<table>\n{% for i in range(n) %}\n<tr><td>{{ i }}</td></tr>\n"
             "{% endfor %}\n</table>\n")

PAGE = """{% args title, items %}
<!DOCTYPE html>
<html>
  <head><title>{{ title }}</title></head>
  <body>
    {% if items %}
    <ul>
      {% for i in items %}
      <li>{{ i }}</li>
      {% endfor %}
    </ul>
    {% elif title == "none" %}
    <p>none</p>
    {% else %}
    <p>empty</p>
    {% endif %}
  </body>
</html>
"""

CASES = [
    ("page", {"page.tpl": PAGE}, "page.tpl",
     [[["T", ["a", "b<"]], {}], [["none", []], {}], [["x", []], {}]]),
    ("rows1000", {"rows.tpl": ROWS_1000}, "rows.tpl", [[[1000], {}]]),
    ("while_set", {"w.tpl": "{% args n %}\n{% set i = 0 %}\n{% while i < n %}\n  {{ i }}\n"
                            "  {% set i += 1 %}\n{% endwhile %}\ndone\n"},
     "w.tpl", [[[3], {}], [[0], {}]]),
    # {% args %} with no names: no arguments, and a TypeError with any.
    ("trailing_spaces", {"t.tpl": "{% args %}\n{% if 1 %}  \nA{% endif %} \nB{% if 1 %}\t\nC\n"
                                  "{% endif %}\n\n\nD {{ 1 }}\n{{ 2 }}{{ 3 }}\nE{% if 0 %}\nzero\n"
                                  "{% endif %}\nend"},
     "t.tpl", [[[], {}], [["x"], {}], [[], {"k": 1}]]),
    # No {% args %}: any positional and keyword arguments, ignored.
    ("blank_lines", {"b.tpl": "{% for i in range(2) %}\n\n{{ i }}\n\n{% endfor %}\n\n"},
     "b.tpl", [[[], {}], [[1, "two"], {"k": 3}]]),
    ("indent_before_tags", {"i.tpl": "<div>\n    {% for i in range(3) %}\n    <span>{{ i }}</span>\n"
                                     "    {% endfor %}\n</div>\n"},
     "i.tpl", [[[], {}]]),
    ("tags_on_one_line", {"o.tpl": "{% args xs %}\n{% for x in xs %}{% if x %}\n{{ x }},{% endif %}"
                                   "{% endfor %}\n[{% if 1 %}-{% endif %}]\n{{ 'e' }}{% if 1 %}\n"
                                   "in\n{% endif %}\n"},
     "o.tpl", [[[[0, 1, 2]], {}]]),
    ("if_elif_else", {"e.tpl": "{% args n %}\n{% for i in range(n) %}\n{% if i == 0 %}\nzero\n"
                               "{% elif i == 1 %}\none\n{% elif i == 2 %}two{% else %}\nmany\n"
                               "{% endif %}\n{% endfor %}\n"},
     "e.tpl", [[[4], {}]]),
    ("include", {"main.tpl": "{% args who %}\n<header>\n{% include \"head.tpl\" who %}\n</header>\n"
                             "{% for i in range(2) %}\n  {% include \"sub/row.tpl\" i %}\n{% endfor %}\n"
                             "{% include \"plain.tpl\" %}\nbye\n",
                 "head.tpl": "{% args who %}\n<h1>{{ who }}</h1>\n",
                 "sub/row.tpl": "{% args i %}\n<p>{{ i }}</p>\n",
                 "plain.tpl": "plain\n{% if 1 %}\nyes\n{% endif %}\n"},
     "main.tpl", [[["ann"], {}]]),
    # utemplate 1.4.1 has no {# #} (it prints them): its side gets a statement
    # that outputs nothing in each comment's place, the rule comments follow.
    ("comments", {"c.tpl": "{% args a %}\n{# a comment #}\n<p>{{ a }}</p>{# c #}\n  {# indented #}\n"
                           "{# spaces after #}  \n{# two #}{# in a row #}\nend{# eof #}"},
     "c.tpl", [[["x"], {}]]),
    ("quotes_unicode", {"q.tpl": "{% args x %}\n<a href=\"{{ x }}\">'\u00e9\u4e2d\U0001f600'\"</a>\n"
                                 "100% {{ x }}%\n"},
     "q.tpl", [[["<&>"], {}]]),
    # Compared with every "\r\n" of the plugin's output read as "\n": see CRLF.
    ("crlf", {"r.tpl": "{% args a %}\r\n<p>\r\n{% if a %}\r\n  {{ a }}\r\n{% endif %}\r\n</p>\r\n"
                       "{% for i in range(2) %}\r\n{{ i }}\r\n{% endfor %}\r\n"},
     "r.tpl", [[["A"], {}]]),
]

# Rendered a second time with escaping on (what new apps get): the plugin gets
# the raw arguments, utemplate the same arguments HTML-escaped beforehand, and
# the text must be the same.
ESCAPED = ("page", "quotes_unicode")

# utemplate reads templates in text mode: on CPython "\r\n" becomes "\n" before
# it looks for the newline after a tag (so it drops it, and prints "\n"), on
# MicroPython nothing is translated (it keeps it). The plugin drops a "\r\n"
# after a tag and keeps the other ones as written, on both runtimes.
CRLF = ("crlf",)

# A namespace package (no __init__.py) holding templates/: found through its
# __path__, whatever the working directory.
NS_PACKAGE = "ns_tpl_app"
NS_FILES = {NS_PACKAGE + "/templates/index.tpl": "{% args n %}\n<p>ns {{ n }}</p>\n"
                                                  "{% include \"part.tpl\" n %}\n",
            NS_PACKAGE + "/templates/part.tpl": "{% args n %}\n{% if n %}\npart\n{% endif %}\n"}
NS_CASE = ("namespace_package", "index.tpl", [[[1], {}]])


def _comments_as_statements(text):
    out = []
    pos = 0
    while True:
        i = text.find("{#", pos)
        if i < 0:
            return "".join(out) + text[pos:]
        j = text.index("#}", i)
        out.append(text[pos:i] + "{% set _ = 0 %}")
        pos = j + 2


def _write(folder, files, for_utemplate):
    for name, text in files.items():
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if for_utemplate:
            text = _comments_as_statements(text)
        with open(path, "wb") as f:
            f.write(text.encode("utf-8"))


def write_spec(root, for_utemplate):
    """Lay out every case under `root` ("c_<name>/..." folders, the namespace
    package under "pkgs/") and write root/spec.json for the runners."""
    spec = []
    for name, files, tpl, calls in CASES:
        _write(os.path.join(root, "c_" + name), files, for_utemplate)
        spec.append({"name": name, "dir": "c_" + name, "tpl": tpl, "calls": calls})
        if name in ESCAPED:
            spec.append({"name": name + "_escaped", "dir": "c_" + name, "tpl": tpl, "calls": calls,
                         "escape": True})
    _write(os.path.join(root, "pkgs"), NS_FILES, for_utemplate)
    name, tpl, calls = NS_CASE
    spec.append({"name": name, "dir": "templates", "pkg": NS_PACKAGE, "tpl": tpl, "calls": calls})
    with open(os.path.join(root, "spec.json"), "w") as f:
        json.dump(spec, f)
    return spec


# Both runners run with the working directory at root (utemplate opens templates
# relative to it) and write root/<case>.<call>.out.
_COMMON = r"""
import sys, json
root = sys.argv[1]
sys.path.insert(0, root + "/pkgs")
sys.path.insert(0, root)
f = open(root + "/spec.json")
spec = json.load(f)
f.close()


def render_all(load, prepare=None):
    for case in spec:
        render = load(case)
        for n, call in enumerate(case["calls"]):
            args, kwargs = call
            if prepare and case.get("escape"):
                args = prepare(args)
            try:
                out = "".join(render(*args, **kwargs))
            except TypeError:
                out = "TypeError"
            f = open("%s/%s.%d.out" % (root, case["name"], n), "wb")
            f.write(out.encode("utf-8"))
            f.close()
"""

UTEMPLATE_RUNNER = _COMMON + r"""
sys.path.insert(0, sys.argv[2])
from utemplate import source


def escaped(value):
    if isinstance(value, list):
        return [escaped(v) for v in value]
    if not isinstance(value, str):
        return value
    for ch, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#39;")):
        value = value.replace(ch, entity)
    return value


render_all(lambda case: source.Loader(case.get("pkg"), case["dir"]).load(case["tpl"]), escaped)
"""

PLUGIN_RUNNER = _COMMON + r"""
from picoweb_templates import Templates


def load(case):
    if case.get("pkg"):
        t = Templates(case["dir"], pkg=case["pkg"], autoescape=False)
    else:
        t = Templates(root + "/" + case["dir"], autoescape=bool(case.get("escape")),
                      cache=root + "/cache_" + case["name"])
    return t.load(case["tpl"])


render_all(load)
"""


def read_outputs(root, spec):
    out = {}
    for case in spec:
        for n in range(len(case["calls"])):
            key = "%s.%d" % (case["name"], n)
            with open(os.path.join(root, key + ".out"), "rb") as f:
                out[key] = f.read()
    return out
