"""picoweb_templates: utemplate-syntax templates compiled to streaming Python, escaped by default.

    from picoweb_templates import Templates
    app.install(Templates("templates"))              # loader="source" by default
    app.render_template(resp, "index.tpl", (name,))  # streams chunks to the client

Template syntax (utemplate's): {{ expr }} (HTML-escaped; {{ expr|safe }} is raw),
{% args a, b %}, {% if %}/{% elif %}/{% else %}/{% endif %}, {% for %}/{% endfor %},
{% while %}/{% endwhile %}, {% set stmt %}, {% include "name" args %},
{% include {{ expr }} args %}, {# comment #}. As in utemplate 1.4, the newline
right after a {% %} or {# #} tag is not output, and a template without
{% args %} takes (and ignores) any arguments; with autoescape=False the output
is utemplate's, byte for byte.

Only the loader and the tiny runtime are imported here: the compiler loads on
first use, so a board rendering precompiled templates never pays for it.
"""
from .loader import Templates
from .runtime import TemplateError, escape_html, escape_json


def compile_template(text, name="<string>", autoescape=True, read=None, stamp=None):
    """Python module source for template `text` (see compiler.Compiler).

        >>> src = compile_template("{% args who %}Hi {{ who }}", "hi.tpl")
    """
    from .compiler import compile_template as _compile
    return _compile(text, name, autoescape, read, stamp)


__all__ = ("Templates", "TemplateError", "compile_template", "escape_html", "escape_json")
