"""Compile utemplate-syntax templates to Python source for generator functions.

Strategy: a hand-written scanner splits a template into literal text and
{{ }}, {% %}, {# #} tags, counting lines as it goes (MicroPython's `re` has no
named groups and mis-handles {m,n}, so no regex). Each {% %} tag becomes one
line of Python in a generator function that yields string chunks, so a page
streams instead of being built in memory. Literal text is emitted with repr(),
which round-trips backslashes, quotes and Unicode exactly on both runtimes.
Output is utemplate's, byte for byte (its non-escaping mode): the one newline
right after a {% %} or {# #} tag is dropped, nothing else.

Each run of literal text and {{ }} values between two statements becomes one
`yield '<td>%s</td>' % _e(x)`: every chunk costs its consumer a write (on a
server: encode, chunk framing, a drain), far more than one % format in C. A
run stops growing at a few values or a few hundred characters of text (see
_Function), so a long static part still streams as a constant, never copied.

Static includes are compiled into the same module as extra functions: the
module stays self-contained, the way utemplate's are, so a precompiled .py or
.mpy needs no loader to render. Every expression is syntax-checked on its own
so an error names the template line, not a line of generated code.
"""
from . import compat
from .names import ESCAPERS, FORMAT, module_name, normalize_escape
from .runtime import TemplateError

_CLOSERS = {"{": "}}", "%": "%}", "#": "#}"}
_BLOCKS = {"if": "endif", "for": "endfor", "while": "endwhile"}


def scan(text, filename):
    """Yield (kind, body, line) with kind "text", "expr", "stmt" or "comment"."""
    pos = 0
    line = 1
    n = len(text)
    while pos < n:
        i = text.find("{", pos)
        while i >= 0 and text[i + 1:i + 2] not in _CLOSERS:
            i = text.find("{", i + 1)
        if i < 0:
            yield ("text", text[pos:], line)
            return
        if i > pos:
            yield ("text", text[pos:i], line)
            line += text.count("\n", pos, i)
        opener = text[i + 1]
        closer = _CLOSERS[opener]
        j = text.find(closer, i + 2)
        if j < 0:
            raise TemplateError("unclosed tag: '{%s' without '%s'" % (opener, closer), filename, line)
        kind = "expr" if opener == "{" else ("stmt" if opener == "%" else "comment")
        yield (kind, text[i + 2:j], line)
        line += text.count("\n", i, j)
        pos = j + 2
        if opener != "{":
            # As utemplate: the newline right after a statement (or comment)
            # tag is not output, so a tag on its own line leaves no blank line.
            # Only that one: spaces, a second newline, indentation are kept.
            # "\r\n" counts as one newline, as utemplate reads files on CPython.
            if text[pos:pos + 1] == "\n":
                pos += 1
                line += 1
            elif text[pos:pos + 2] == "\r\n":
                pos += 2
                line += 1


class _Function:
    """The Python lines of one generated generator function, with its open blocks."""

    # Merging text with values copies the text into a new string on every render:
    # past this many characters a constant chunk is cheaper on a small heap.
    MERGE_TEXT = 256
    # Values of one merged yield are live on the generator's stack together.
    MERGE_VALUES = 8

    def __init__(self, filename):
        self.filename = filename
        self.lines = []
        self.stack = []  # [tag, line, has_body, seen_else] per open block
        self.args = None
        self.args_line = None
        self.run = []    # (is_value, text or code) waiting to be merged into one yield
        self.run_text = 0
        self.run_values = 0

    def text(self, text):
        if self.run_values and self.run_text + len(text) > self.MERGE_TEXT:
            self.flush()
        self.run.append((False, text))
        self.run_text += len(text)

    def value(self, code):
        if self.run_values == self.MERGE_VALUES or self.run_text > self.MERGE_TEXT:
            self.flush()
        self.run.append((True, code))
        self.run_values += 1

    def flush(self):
        """Emit the pending run of text and values as one yield."""
        run = self.run
        if not run:
            return
        self.run = []
        self.run_text = self.run_values = 0
        codes = [part for is_value, part in run if is_value]
        if not codes:
            self.emit("yield " + repr("".join(part for _, part in run)))
        elif len(run) == 1:
            self.emit("yield " + codes[0])
        else:
            fmt = "".join("%s" if is_value else part.replace("%", "%%") for is_value, part in run)
            # A lone value needs no 1-tuple: it is always a str (from _e or str()), never a tuple.
            values = codes[0] if len(codes) == 1 else "(" + ", ".join(codes) + ")"
            self.emit("yield %s %% %s" % (repr(fmt), values))

    def emit(self, code):
        self.lines.append("    " * (len(self.stack) + 1) + code)
        if self.stack:
            self.stack[-1][2] = True

    def open(self, tag, code, line):
        self.emit(code)
        self.stack.append([tag, line, False, False])

    def close(self, end, line):
        if not self.stack:
            raise TemplateError("{%% %s %%} without an open block" % end, self.filename, line)
        top = self.stack[-1]
        if _BLOCKS[top[0]] != end:
            raise TemplateError("{%% %s %%} closes {%% %s %%} opened at line %d"
                                % (end, top[0], top[1]), self.filename, line)
        if not top[2]:
            self.emit("pass")
        self.stack.pop()
        return top

    def source(self, fname):
        self.flush()
        if self.stack:
            tag, line = self.stack[-1][0], self.stack[-1][1]
            raise TemplateError("unclosed {%% %s %%}: missing {%% %s %%}" % (tag, _BLOCKS[tag]),
                                self.filename, line)
        # No {% args %}: any arguments are accepted and ignored, as utemplate's
        # render(*a, **d); "{% args %}" with no names takes none.
        head = "def %s(%s):" % (fname, "*_args, **_kwargs" if self.args is None else self.args)
        body = self.lines or ["    return", "    yield"]
        return "\n".join([head] + body)


class Compiler:
    """Turns template text into the source of a Python module with render(*args).

    `read(name)` returns the text of an included template (OSError if missing);
    `stamp(name)` returns a value that changes when that file changes, recorded
    in the module's DEPS so the recompile loader can tell it is stale.

        >>> src = Compiler().compile("Hi {{ who }}!{% args who %}", "hi.tpl")
        >>> ns = {}; exec(src, ns); "".join(ns["render"]("<b>"))
        'Hi &lt;b&gt;!'
    """

    def __init__(self, autoescape=True, read=None, stamp=None):
        self.escape = normalize_escape(autoescape)
        self.read = read
        self.stamp = stamp

    def compile(self, text, name="<string>"):
        """Return Python module source for template `text` called `name`."""
        self.functions = []   # generated source of include functions, in order
        self.included = {}    # template name -> function name
        self.active = [name]  # include chain, to report cycles
        self.deps = [name]
        self.dynamic = False
        main = self._function(text, name).source("render")
        head = ["# Compiled by picoweb_templates from %r: edit the template, not this file." % name]
        if self.escape:
            head.append("from picoweb_templates.runtime import %s as _e" % ESCAPERS[self.escape])
        if self.dynamic:
            head.append("from picoweb_templates.runtime import include as _include")
        stamps = tuple((d, self.stamp(d) if self.stamp else None) for d in self.deps)
        head.append("ESCAPE = %r" % (self.escape,))
        head.append("FORMAT = %d" % FORMAT)
        head.append("DEPS = %r" % (stamps,))
        head.append("_loader = None")
        return "\n".join(head) + "\n\n\n" + "\n\n\n".join(self.functions + [main]) + "\n"

    def _check(self, code, what, body, filename, line):
        try:
            compat.check_syntax("def _f():\n" + code + "\n", filename)
        except SyntaxError:
            raise TemplateError("bad expression in %s: %r" % (what, body.strip()), filename, line)

    def _function(self, text, filename):
        fn = _Function(filename)
        for kind, body, line in scan(text, filename):
            if kind == "text":
                fn.text(body)
            elif kind == "expr":
                self._expr(fn, body, line)
            elif kind == "stmt":
                fn.flush()
                self._stmt(fn, body, line)
        return fn

    def _expr(self, fn, body, line):
        expr = body.strip()
        raw = False
        if expr.endswith("safe"):
            head = expr[:-4].rstrip()
            if head.endswith("|"):
                expr = head[:-1].rstrip()
                raw = True
        if not expr:
            raise TemplateError("empty expression in {{ }}", fn.filename, line)
        self._check(" (%s)" % expr, "{{ }}", body, fn.filename, line)
        if raw or not self.escape:
            fn.value("str(%s)" % expr)
        else:
            fn.value("_e(%s)" % expr)

    def _stmt(self, fn, body, line):
        # One-line Python statements: a newline inside a tag is just a space.
        stmt = body.replace("\n", " ").strip()
        i = stmt.find(" ")
        tag, rest = (stmt, "") if i < 0 else (stmt[:i], stmt[i + 1:].strip())
        where = "{%% %s %%}" % tag
        if tag in ("if", "for", "while"):
            if not rest:
                raise TemplateError(where + " needs an expression", fn.filename, line)
            self._check(" %s %s:\n  pass" % (tag, rest), where, rest, fn.filename, line)
            fn.open(tag, "%s %s:" % (tag, rest), line)
        elif tag in ("elif", "else"):
            self._branch(fn, tag, rest, where, line)
        elif tag in ("endif", "endfor", "endwhile"):
            fn.close(tag, line)
        elif tag == "set":
            self._check(" " + rest, where, rest, fn.filename, line)
            fn.emit(rest)
        elif tag == "args":
            if fn.stack or fn.args is not None:
                raise TemplateError("{% args %} must appear once, outside blocks", fn.filename, line)
            self._check("  def _g(%s):\n   pass" % rest, where, rest, fn.filename, line)
            fn.args = rest
        elif tag == "include":
            self._include(fn, rest, line)
        else:
            raise TemplateError("unknown tag %r" % (tag,), fn.filename, line)

    def _branch(self, fn, tag, rest, where, line):
        top = fn.stack[-1] if fn.stack else None
        if top is None or top[0] != "if" or top[3]:
            raise TemplateError(where + " outside an {% if %} block", fn.filename, line)
        if tag == "else" and rest:
            raise TemplateError("{% else %} takes no expression", fn.filename, line)
        if tag == "elif":
            self._check(" if 1:\n  pass\n elif %s:\n  pass" % rest, where, rest, fn.filename, line)
        if not top[2]:
            fn.emit("pass")
        fn.stack.pop()
        fn.open("if", "elif %s:" % rest if tag == "elif" else "else:", top[1])
        fn.stack[-1][3] = tag == "else"

    def _include(self, fn, rest, line):
        if rest[:1] in ("'", '"'):
            end = rest.find(rest[0], 1)
            if end < 0:
                raise TemplateError("{% include %} name has no closing quote", fn.filename, line)
            name, args = rest[1:end], rest[end + 1:].strip()
            target = self._static_include(name, fn.filename, line)
        elif rest.startswith("{{"):
            end = rest.find("}}")
            if end < 0:
                raise TemplateError("{% include {{ %} without '}}'", fn.filename, line)
            expr, args = rest[2:end].strip(), rest[end + 2:].strip()
            self._check(" (%s)" % expr, "{% include %}", expr, fn.filename, line)
            self.dynamic = True
            target = None
        else:
            raise TemplateError('{% include %} needs a "name" or {{ expr }}', fn.filename, line)
        self._check(" _f(%s)" % args, "{% include %} arguments", args, fn.filename, line)
        if target:
            fn.emit("yield from %s(%s)" % (target, args))
        else:
            fn.emit("yield from _include(_loader, %s, (%s%s))" % (expr, args, "," if args else ""))

    def _static_include(self, name, filename, line):
        if name in self.active:
            chain = " -> ".join(self.active + [name])
            raise TemplateError("include cycle: " + chain, filename, line)
        fname = self.included.get(name)
        if fname:
            return fname
        if self.read is None:
            raise TemplateError("{% include %} needs a template folder", filename, line)
        try:
            text = self.read(name)
        except OSError:
            raise TemplateError("included template %r not found" % (name,), filename, line)
        fname = "_include%d_%s" % (len(self.included) + 1, module_name(name))
        self.included[name] = fname
        if name not in self.deps:
            self.deps.append(name)
        self.active.append(name)
        self.functions.append(self._function(text, name).source(fname))
        self.active.pop()
        return fname


def compile_template(text, name="<string>", autoescape=True, read=None, stamp=None):
    """Python module source for a template; see Compiler.

        >>> "def render(" in compile_template("{% args x %}{{ x }}")
        True
    """
    return Compiler(autoescape, read, stamp).compile(text, name)
