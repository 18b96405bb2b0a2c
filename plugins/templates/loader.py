"""Templates: finds, compiles and caches templates, and plugs into the app.

Three loaders, as in utemplate:
  "compiled"   import precompiled modules only (.py, .mpy or frozen): the
               memory-cheap path for a board, which never loads the compiler.
  "source"     compile a template on first use and write the module to the
               cache folder; later runs reuse the written module.
  "recompile"  like "source", but recompile when the template or anything it
               includes changed, without restarting the process.

The source loaders run a written module with exec() instead of importing it:
CPython's bytecode cache keys on the source's mtime in whole seconds, so a
module rewritten within the same second could be imported stale, and exec
needs no sys.path or sys.modules changes. On a board that matters little:
importing a .py compiles it in RAM just the same; only .mpy is cheaper.
"""
from . import compat
from .names import FORMAT, module_name, normalize_escape
from .runtime import TemplateError

LOADERS = ("compiled", "source", "recompile")


class Templates:
    """Template plugin: `app.install(Templates("templates"))`.

    path:       template folder, relative to the cwd, or to `pkg`'s folder when given
    loader:     "compiled", "source" (default) or "recompile"
    autoescape: True/"html" (default), "json" for JSON string contents, or False for
                utemplate-compatible raw output; {{ x|safe }} is always raw
    cache:      folder for compiled modules (default: next to the templates)

        >>> t = Templates("templates", loader="recompile")
        >>> "".join(t.render("index.tpl", "Ann"))    # or t.render_str("index.tpl", "Ann")
    """

    name = "templates"

    def __init__(self, path="templates", loader="source", autoescape=True, cache=None, pkg=None):
        if loader not in LOADERS:
            raise ValueError("loader must be one of %s, not %r" % (", ".join(LOADERS), loader))
        self.loader = loader
        self.escape = normalize_escape(autoescape)
        self.pkg = None if pkg == "__main__" else pkg
        self.rel_path = path
        self.path = compat.join(compat.package_dir(self.pkg, path), path) if self.pkg else path
        self.cache = cache if cache is not None else self.path
        self._loaded = {}  # name -> (render, namespace or module)

    def install(self, app):
        """Plugin entry point: the app's render_template/render_str use this object."""
        app.template_loader = self

    def load(self, name):
        """The render(*args) generator function of template `name`.

            >>> render = templates.load("index.tpl")
            >>> for chunk in render("Ann"): resp.write(chunk)
        """
        entry = self._loaded.get(name)
        if entry is not None and not (self.loader == "recompile" and self._stale(entry[1])):
            return entry[0]
        if self.loader == "compiled":
            mod = self._import(name)
        else:
            mod = self._from_source(name)
        render = _get(mod, "render")
        if render is None:
            raise TemplateError("compiled template has no render()", name)
        # Dynamic includes in the template find other templates through this object.
        _set(mod, "_loader", self)
        self._loaded[name] = (render, mod)
        return render

    def render(self, name, *args, **kwargs):
        """A generator of the rendered template's str chunks."""
        return self.load(name)(*args, **kwargs)

    def render_str(self, name, *args, **kwargs):
        """The whole rendered template as one str (builds it in memory)."""
        return "".join(self.load(name)(*args, **kwargs))

    def compile(self, name):
        """Compile template `name` and return the module source (nothing is written)."""
        from .compiler import compile_template
        try:
            text = self._read(name)
        except OSError:
            raise TemplateError("template not found in %r" % (self.path,), name)
        return compile_template(text, name, self.escape, self._read, self._stamp)

    def module_path(self, name):
        """Where the source loaders write the compiled module of template `name`."""
        return compat.join(self.cache, module_name(name) + ".py")

    def _read(self, name):
        return compat.read_text(compat.join(self.path, name))

    def _stamp(self, name):
        return compat.stamp(compat.join(self.path, name))

    def _fits(self, mod):
        """A module compiled by this version of the plugin with this escape mode."""
        return _get(mod, "ESCAPE", 0) == self.escape and _get(mod, "FORMAT") == FORMAT

    def _stale(self, mod):
        if not self._fits(mod):
            return True
        for name, st in _get(mod, "DEPS", ()):
            if st is None or tuple(st) != self._stamp(name):
                return True
        return False

    def _import(self, name):
        modname = module_name(name)
        try:
            if self.pkg:
                # Frozen or .mpy templates inside the app package, as picoweb 1.x found them.
                dotted = self.rel_path.strip("/").replace("/", ".")
                return compat.import_module(self.pkg + "." + (dotted + "." if dotted else "") + modname)
            return compat.import_module(modname, self.cache)
        except ImportError:
            raise TemplateError("template not found: no source in %r and no compiled module %r"
                                % (self.path, modname), name)

    def _from_source(self, name):
        target = self.module_path(name)
        if compat.stamp(target) is not None:
            mod = compat.exec_module(compat.read_text(target), target, module_name(name))
            if self._fits(mod) and not (self.loader == "recompile" and self._stale(mod)):
                return mod
        if self._stamp(name) is None:
            # A board may ship only compiled modules (.mpy, frozen) with the source loader.
            return self._import(name)
        source = self.compile(name)
        try:
            compat.makedirs(self.cache)
            compat.write_text(target, source)
        except OSError:
            pass  # read-only flash: keep the compiled module in memory only
        return compat.exec_module(source, target, module_name(name))


def _get(mod, attr, default=None):
    if isinstance(mod, dict):
        return mod.get(attr, default)
    return getattr(mod, attr, default)


def _set(mod, attr, value):
    if isinstance(mod, dict):
        mod[attr] = value
    else:
        setattr(mod, attr, value)
