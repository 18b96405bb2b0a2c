"""What compiled templates need at render time: the escapers and the error class.

Compiled template modules import from here, so this file stays tiny and imports
nothing: on a board, rendering a precompiled template costs this module and the
template, never the compiler.
"""


class TemplateError(ValueError):
    """A template could not be compiled, found or rendered.

    The message starts with the template file and line when they are known:

        >>> str(TemplateError("unknown tag 'fro'", "index.tpl", 3))
        "index.tpl:3: unknown tag 'fro'"
    """

    def __init__(self, message, filename=None, line=None):
        self.message = message
        self.filename = filename
        self.line = line
        where = ""
        if filename is not None:
            where = filename + ":"
            if line is not None:
                where += str(line) + ":"
            where += " "
        super().__init__(where + message)


def escape_html(value):
    """str(value) made safe for HTML text and quoted attribute values.

        >>> escape_html('<a href="x">&</a>')
        '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;'
    """
    # Called for every {{ }}, so it is unrolled: on MicroPython a loop over
    # (char, entity) pairs costs more than the checks. The type tests are exact
    # because a subclass may have its own __str__.
    if type(value) is str:
        s = value  # str(s) would copy it on MicroPython
    elif type(value) is int:
        return str(value)  # only digits and "-"
    else:
        s = str(value)
    # Checking first keeps a clean string uncopied; "&" goes first so it never
    # re-escapes the entities added after it.
    if "&" in s:
        s = s.replace("&", "&amp;")
    if "<" in s:
        s = s.replace("<", "&lt;")
    if ">" in s:
        s = s.replace(">", "&gt;")
    if '"' in s:
        s = s.replace('"', "&quot;")
    if "'" in s:
        s = s.replace("'", "&#39;")
    return s


def escape_json(value):
    """str(value) made safe inside a JSON string literal ("...{{ x }}...").

    Quotes, backslashes and control characters are escaped as JSON requires, and
    <, >, & as \\u escapes so the JSON can also sit inside an HTML <script>.
    Non-ASCII text is kept as is (valid JSON, identical on both runtimes).

        >>> print(escape_json('say "<hi>"'))
        say \\"\\u003chi\\u003e\\"
    """
    s = str(value)
    for ch in s:
        if ch in '"\\<>&' or ch < " ":
            break
    else:
        return s
    out = []
    for ch in s:
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch < " " or ch in "<>&":
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    return "".join(out)


def include(loader, name, args):
    """Render template `name` through `loader` for a dynamic {% include {{expr}} %}."""
    if loader is None:
        raise TemplateError("dynamic include of %r needs the template loaded through Templates" % (name,))
    return loader.load(name)(*args)
