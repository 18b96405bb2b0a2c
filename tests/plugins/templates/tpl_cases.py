"""Templates rendered on both runtimes: each case is files, the template to render,
its arguments (JSON-able, so the MicroPython runner can read them), the loader
options and the exact expected output."""
import json
import os

LITERAL = ("a\\b \\n \\\\ ''' \"\"\" \"q\" 'q' {x} { {y} } }} %} #} {- -}\n"
           "\t\u00e9 \u00fc \u4e2d\u6587 \U0001f600 \r\nend\\")

CASES = [
    ("escape_html", {"t.tpl": "{% args x %}<p title=\"{{ x }}\">{{ x }}</p>"},
     "t.tpl", ["<a href=\"x\">'&'</a>"], {},
     "<p title=\"&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\">"
     "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;</p>"),
    ("safe", {"t.tpl": "{% args x %}{{ x|safe }}|{{ x | safe }}|{{ x }}"},
     "t.tpl", ["<b>"], {}, "<b>|<b>|&lt;b&gt;"),
    ("no_escape", {"t.tpl": "{% args x %}{{ x }}{{ x|safe }}"},
     "t.tpl", ["<b>&"], {"autoescape": False}, "<b>&<b>&"),
    ("json_mode", {"t.json": "{% args x, n %}{\"v\": \"{{ x }}\", \"n\": {{ n }}}"},
     "t.json", ["a\"b\\c\n\x01<\u00e9>&", 3], {"autoescape": "json"},
     "{\"v\": \"a\\\"b\\\\c\\n\\u0001\\u003c\u00e9\\u003e\\u0026\", \"n\": 3}"),
    ("non_str_values", {"t.tpl": "{% args a, b, c %}{{ a }} {{ b }} {{ c }} {{ None }} {{ 1.5 }}"},
     "t.tpl", [7, True, ["<"]], {}, "7 True [&#39;&lt;&#39;] None 1.5"),
    ("if_elif_else", {"t.tpl": "{% args n %}{% for i in range(n) %}{% if i == 0 %}zero"
                      "{% elif i == 1 %}one{% elif i == 2 %}two{% else %}many{% endif %},{% endfor %}"},
     "t.tpl", [4], {}, "zero,one,two,many,"),
    ("empty_blocks", {"t.tpl": "{% if 1 %}{% elif 2 %}{% else %}{% endif %}"
                      "{% for i in () %}{% endfor %}{% while 0 %}{% endwhile %}ok"},
     "t.tpl", [], {}, "ok"),
    ("while_set", {"t.tpl": "{% args n %}{% set i = 0 %}{% while i < n %}{{ i }}"
                   "{% set i += 1 %}{% endwhile %}|{% set s = 'x' * 3 %}{{ s }}"},
     "t.tpl", [3], {}, "012|xxx"),
    ("for_unpack", {"t.tpl": "{% args items %}{% for k, v in items %}{{ k }}={{ v }};{% endfor %}"},
     "t.tpl", [[["a", 1], ["b<", 2]]], {}, "a=1;b&lt;=2;"),
    ("literal_text", {"t.tpl": LITERAL}, "t.tpl", [], {}, LITERAL),
    ("literal_around_tags", {"t.tpl": "\\{{ '\\\\' }}\\\n'''{{ '\"\"\"' }}'''"},
     "t.tpl", [], {}, "\\\\\\\n'''&quot;&quot;&quot;'''"),
    # The newline right after #} is not output, as after a statement tag.
    ("comments", {"t.tpl": "a{# {{ x }} {% if %}\nstill a comment #}b{#x#}\nc{# y #} \nd"},
     "t.tpl", [], {}, "abc \nd"),
    # utemplate's newline rule: the one newline right after %} (or #}) is not output;
    # indentation before a tag, spaces after it, further blank lines and the newline
    # after }} are. "\r\n" after a tag is one newline.
    ("newline_after_tags", {"t.tpl": "{% args xs %}\n<ul>\n  {% for x in xs %}\n  <li>{{ x }}</li>\n"
                            "  {% endfor %}\n</ul>\n{% if 1 %}  \n\nA{% endif %}\n{{ 1 }}\n{# c #}\n"
                            "{% if 1 %}\r\nB\r\n{% endif %}\r\nend"},
     "t.tpl", [["a", "b"]], {},
     "<ul>\n    <li>a</li>\n    <li>b</li>\n  </ul>\n  \n\nA1\nB\r\nend"),
    ("include_line_newlines", {"main.tpl": "{% args x %}\n[\n{% include \"p.tpl\" x %}\n]\n",
                               "p.tpl": "{% args y %}\n{% if y %}\np{{ y }}\n{% endif %}\n"},
     "main.tpl", [7], {}, "[\np7\n]\n"),
    # No {% args %}: arguments are accepted and ignored, as utemplate's render(*a, **d).
    ("no_args_accepts_any", {"main.tpl": "{% args a %}{% include \"p.tpl\" a, 2 %}|{{ a }}",
                             "p.tpl": "plain"},
     "main.tpl", [1], {}, "plain|1"),
    ("no_args_called_with_args", {"t.tpl": "text {{ 1 }}"}, "t.tpl", [1, "two", [3]], {}, "text 1"),
    ("multiline_tags", {"t.tpl": "{% args x %}{{ x\n + 1 }}{% if x >\n 1 %}big{% endif %}"},
     "t.tpl", [2], {}, "3big"),
    ("empty_template", {"t.tpl": ""}, "t.tpl", [], {}, ""),
    ("args_defaults", {"t.tpl": "{% args a, b='<d>' %}{{ a }}{{ b }}"},
     "t.tpl", [1], {}, "1&lt;d&gt;"),
    ("include_static", {"main.tpl": "{% args x %}[{% include \"part.tpl\" x, 2 %}]"
                        "({% include 'plain.tpl' %})",
                        "part.tpl": "{% args y, z %}<{{ y }}:{{ z }}>",
                        "plain.tpl": "plain"},
     "main.tpl", ["&"], {}, "[<&amp;:2>](plain)"),
    ("include_nested", {"main.tpl": "{% args x %}M{% include \"a.tpl\" x %}"
                        "{% include \"a.tpl\" x + '!' %}",
                        "a.tpl": "{% args x %}A({% include \"sub/b.tpl\" x %})",
                        "sub/b.tpl": "{% args x %}B{{ x }}"},
     "main.tpl", ["<"], {}, "MA(B&lt;)A(B&lt;!)"),
    ("include_dynamic", {"main.tpl": "{% args which, x %}[{% include {{ which }} x %}]"
                         "[{% include {{ 'b' + '.tpl' }} %}]",
                         "a.tpl": "{% args x %}a{{ x }}{% include \"b.tpl\" %}",
                         "b.tpl": "b"},
     "main.tpl", ["a.tpl", "<"], {}, "[a&lt;b][b]"),
    ("include_dynamic_loop", {"main.tpl": "{% args names %}{% for n in names %}"
                              "{% include {{ n }} n %};{% endfor %}",
                              "x.tpl": "{% args n %}X{{ n }}",
                              "y.tpl": "{% args n %}Y{{ n }}"},
     "main.tpl", [["x.tpl", "y.tpl", "x.tpl"]], {}, "Xx.tpl;Yy.tpl;Xx.tpl;"),
    # Text and values between two statements are merged into one % format chunk.
    ("percent_beside_values", {"t.tpl": "{% args x, y %}{{ x }}% off, 100%{{ y }}; %s %% %d %(k)s {{ x }}%"},
     "t.tpl", [20, 5], {}, "20% off, 100%5; %s %% %d %(k)s 20%"),
    ("percent_text_only", {"t.tpl": "100% {# no values #}%s %%"}, "t.tpl", [], {}, "100% %s %%"),
    ("percent_json_mode", {"t.json": "{% args x %}{\"p\": \"{{ x }}%\", \"q\": \"%{{ x }}\"}"},
     "t.json", ["5\""], {"autoescape": "json"}, "{\"p\": \"5\\\"%\", \"q\": \"%5\\\"\"}"),
    ("values_in_a_row", {"t.tpl": "{% args a, b, c %}{{ a }}{{ b }}{{ c }}|{{ a }}{# c #}{{ c }}"},
     "t.tpl", ["<", 2, None], {}, "&lt;2None|&lt;None"),
    ("tuple_values", {"t.tpl": "<{{ (1, 2) }}>{{ () }}<{{ (3,) }}>{{ ('%s',) }}"},
     "t.tpl", [], {}, "<(1, 2)>()<(3,)>(&#39;%s&#39;,)"),
    ("tuple_values_unescaped", {"t.tpl": "<{{ (1, 2) }}>{{ () }}<{{ (3,) }}>"},
     "t.tpl", [], {"autoescape": False}, "<(1, 2)>()<(3,)>"),
    ("runs_in_blocks", {"t.tpl": "{% args rows %}<ul>\n{% for k, v in rows %}<li>{{ k }}={{ v }}%</li>"
                        "{% if v > 1 %}<b>{{ v }}</b>{{ k }}{% elif v %}({{ k }}){% else %}-{% endif %}\n"
                        "{% endfor %}{% set todo = list(rows) %}"
                        "{% while todo %}{{ todo.pop()[0] }},{% endwhile %}</ul>"},
     "t.tpl", [[["a", 2], ["<b>", 1], ["c", 0]]], {},
     "<ul>\n<li>a=2%</li><b>2</b>a<li>&lt;b&gt;=1%</li>(&lt;b&gt;)<li>c=0%</li>-c,&lt;b&gt;,a,</ul>"),
    ("safe_beside_escaped", {"t.tpl": "{% args x %}<p>{{ x|safe }}/{{ x }}/{{ x | safe }}%</p>"},
     "t.tpl", ["<i>&"], {}, "<p><i>&/&lt;i&gt;&amp;/<i>&%</p>"),
    ("values_left_to_right", {"t.tpl": "{% set seen = [] %}<{{ seen.append(1) }}|{{ seen.append(2) }}"
                              "|{{ seen }}>"},
     "t.tpl", [], {}, "<None|None|[1, 2]>"),
    ("long_text_beside_values", {"t.tpl": "{% args x %}" + "a%" * 200 + "{{ x }}" + "b" * 300 + "{{ x }}"
                                 + "c" * 10 + "{{ x }}" * 20},
     "t.tpl", ["&"], {}, "a%" * 200 + "&amp;" + "b" * 300 + "&amp;" + "c" * 10 + "&amp;" * 20),
    ("escape_html_values", {"t.tpl": "{% args s, t %}{{ 0 }} {{ -12 }} {{ 2 ** 70 }} {{ 0.5 }} {{ None }} "
                            "{{ True }} {{ s }} {{ t }} {{ [s] }} {{ '' }}."},
     "t.tpl", ["clean text", "&<>\"'&amp;"], {},
     "0 -12 1180591620717411303424 0.5 None True clean text &amp;&lt;&gt;&quot;&#39;&amp;amp; "
     "[&#39;clean text&#39;] ."),
]

# (name, files, template, expected error message)
ERRORS = [
    ("unknown_tag", {"bad.tpl": "ok\n\n{% fro x in y %}"}, "bad.tpl",
     "bad.tpl:3: unknown tag 'fro'"),
    ("unclosed_block", {"bad.tpl": "a\n{% for x in y %}\n{% if x %}{% endif %}\n"}, "bad.tpl",
     "bad.tpl:2: unclosed {% for %}: missing {% endfor %}"),
    ("unclosed_if_after_elif", {"bad.tpl": "\n\n{% if 1 %}\n{% elif 2 %}\n"}, "bad.tpl",
     "bad.tpl:3: unclosed {% if %}: missing {% endif %}"),
    ("mismatched_end", {"bad.tpl": "{% for x in y %}\n{% endif %}"}, "bad.tpl",
     "bad.tpl:2: {% endif %} closes {% for %} opened at line 1"),
    ("stray_end", {"bad.tpl": "x\n{% endwhile %}"}, "bad.tpl",
     "bad.tpl:2: {% endwhile %} without an open block"),
    ("else_twice", {"bad.tpl": "{% if 1 %}{% else %}\n{% else %}{% endif %}"}, "bad.tpl",
     "bad.tpl:2: {% else %} outside an {% if %} block"),
    ("bad_expression", {"bad.tpl": "line1\nline2 {{ x + }}"}, "bad.tpl",
     "bad.tpl:2: bad expression in {{ }}: 'x +'"),
    ("bad_if", {"bad.tpl": "\n{% if x = 1 %}{% endif %}"}, "bad.tpl",
     "bad.tpl:2: bad expression in {% if %}: 'x = 1'"),
    ("bad_set", {"bad.tpl": "{# a\nb #}{% set x == %}"}, "bad.tpl",
     "bad.tpl:2: bad expression in {% set %}: 'x =='"),
    ("bad_args", {"bad.tpl": "{% args 1x %}"}, "bad.tpl",
     "bad.tpl:1: bad expression in {% args %}: '1x'"),
    ("args_twice", {"bad.tpl": "{% args a %}\n{% args b %}"}, "bad.tpl",
     "bad.tpl:2: {% args %} must appear once, outside blocks"),
    ("empty_expression", {"bad.tpl": "\n\n\n{{ }}"}, "bad.tpl",
     "bad.tpl:4: empty expression in {{ }}"),
    ("unclosed_expression", {"bad.tpl": "a\nb {{ x \n"}, "bad.tpl",
     "bad.tpl:2: unclosed tag: '{{' without '}}'"),
    ("unclosed_comment", {"bad.tpl": "{# x"}, "bad.tpl",
     "bad.tpl:1: unclosed tag: '{#' without '#}'"),
    ("include_missing", {"bad.tpl": "\n{% include \"nope.tpl\" %}"}, "bad.tpl",
     "bad.tpl:2: included template 'nope.tpl' not found"),
    ("include_cycle", {"a.tpl": "{% include \"b.tpl\" %}", "b.tpl": "\n{% include \"a.tpl\" %}"},
     "a.tpl", "b.tpl:2: include cycle: a.tpl -> b.tpl -> a.tpl"),
    ("error_in_included", {"a.tpl": "{% include \"b.tpl\" %}", "b.tpl": "1\n2\n{% if %}"},
     "a.tpl", "b.tpl:3: {% if %} needs an expression"),
    ("include_no_name", {"bad.tpl": "{% include x %}"}, "bad.tpl",
     "bad.tpl:1: {% include %} needs a \"name\" or {{ expr }}"),
    ("bad_value_inside_run", {"bad.tpl": "<p>{{ x }}\n{{ y }} and {{ y + }}</p>"}, "bad.tpl",
     "bad.tpl:2: bad expression in {{ }}: 'y +'"),
]


def write_files(folder, files):
    """Write template files as exact bytes (no newline translation)."""
    for name, text in files.items():
        path = os.path.join(str(folder), name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(text.encode("utf-8"))


def write_spec(root, cases, errors):
    """Lay out every case under `root` and return the JSON spec path for the MP runner."""
    spec = []
    for name, files, tpl, args, opts, _ in cases:
        write_files(os.path.join(str(root), name), files)
        spec.append({"name": name, "tpl": tpl, "args": args, "opts": opts})
    for name, files, tpl, _ in errors:
        write_files(os.path.join(str(root), name), files)
        spec.append({"name": name, "tpl": tpl, "args": [], "opts": {}})
    path = os.path.join(str(root), "spec.json")
    with open(path, "w") as f:
        json.dump(spec, f)
    return path


# Runs on both runtimes: renders every case in the spec with the given loader and
# writes the output (or the TemplateError message) to <root>/<case>.out.
RUNNER = r"""
import sys, json
from picoweb_templates import Templates, TemplateError
root, loader = sys.argv[1], sys.argv[2]
with open(root + "/spec.json") as f:
    spec = json.load(f)
for case in spec:
    t = Templates(root + "/" + case["name"], loader=loader, **case["opts"])
    try:
        out = ""
        for chunk in t.render(case["tpl"], *case["args"]):
            if not isinstance(chunk, str):
                raise TypeError("chunk is not str")
            out += chunk
    except TemplateError as e:
        out = "ERROR " + str(e)
    with open(root + "/" + case["name"] + ".out", "wb") as f:
        f.write(out.encode("utf-8"))
"""


def read_outputs(root, names):
    out = {}
    for name in names:
        with open(os.path.join(str(root), name + ".out"), "rb") as f:
            out[name] = f.read().decode("utf-8")
    return out
