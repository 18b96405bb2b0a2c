"""WebApp methods fewer apps use, loaded on first use.

WebApp.__getattr__ installs each of these on the class the first time an app
touches it. Subclasses may still override any of them (handle_exc, serve).
"""
from .compat import bridge, maybe_await
from .lazy import install_method
from .http import HTTPError
from .values import write_value


def mount(self, url, app):
    """Serve `app` under the prefix `url`, matched on whole path segments."""
    self.router.mount(url, app)
    self.mounts = self.mounts + ((url, app),)


def before_request(self, func):
    """Run `func(req, resp)` before each handler; a return value other than
    None (or a response it wrote) answers the request early."""
    self.before_hooks = self.before_hooks + (func,)
    return func


def after_request(self, func):
    """Run `func(req, resp)` after each handler, before a returned value is
    written, so it may change `resp.status` and add to `resp.headers`."""
    self.after_hooks = self.after_hooks + (func,)
    return func


def errorhandler(self, key):
    """Decorator: `@app.errorhandler(404)` or `@app.errorhandler(ValueError)`;
    the handler is `f(req, resp, exc)` and returns a response like a route."""
    def register(func):
        if isinstance(key, int):
            if self.status_handlers is None:
                self.status_handlers = {}
            self.status_handlers[key] = func
        elif isinstance(key, type) and issubclass(key, BaseException):
            self.exc_handlers = self.exc_handlers + ((key, func),)
        else:
            raise TypeError("errorhandler key must be a status code or an exception class")
        return func
    return register


def install(self, plugin):
    """Install a plugin: an object with `install(app)` (and optionally `name`).

    Checked now, not at the first request.
    """
    setup = getattr(plugin, "install", None)
    if not callable(setup):
        raise TypeError("plugin %r has no install(app) method" % (plugin,))
    name = getattr(plugin, "name", None) or type(plugin).__name__
    if self.plugins is None:
        self.plugins = {}
    if name in self.plugins:
        raise ValueError("plugin %r is already installed" % name)
    setup(self)
    self.plugins[name] = plugin
    return plugin


def _headers_mode(self, req, resp, mode):
    if mode == "leave":
        # The handler reads the header lines itself from req.reader.
        r = req.reader
        start = r.head_at
        while r.buf[start] in (10, 13):  # blank lines before the request line
            start += 1
        r.pos = r.buf.find(b"\n", start) + 1
        req._left = 0
    elif mode != "skip":
        raise ValueError("headers mode must be 'parse', 'skip' or 'leave', not %r" % mode)
    # picoweb 1.x: in these modes the request has no headers attribute at all.
    try:
        del req.headers
    except AttributeError:
        pass  # never looked at
    req._h = None
    resp.keep = False


async def _before(self, req, resp):
    for hook in self.before_hooks:
        rv = await maybe_await(hook(req, resp))
        if rv is not None or resp.started:
            return rv
    return None


async def _on_status(self, req, resp, e, write=False):
    handler = self.status_handlers and self.status_handlers.get(e.status)
    if handler is not None:
        rv = await maybe_await(handler(req, resp, e))
        if not write or rv is None:
            return rv
        if not resp.started:
            return await write_value(resp, rv)
    if resp.started:
        resp.fail()
        return None
    headers = None
    message = e.message
    if e.status == 405 and isinstance(message, list):
        headers = [("Allow", ", ".join(message))]
        message = None
    await resp._http_error(e.status, message, headers)
    return None


async def _on_exc(self, req, resp, e):
    # The most specific registered class wins, whatever the registration order.
    best = None
    for cls, handler in self.exc_handlers:
        if isinstance(e, cls) and (best is None or issubclass(cls, best[0])):
            best = (cls, handler)
    if best is None:
        if self.log is not None:
            from .log import log_exc
            log_exc(self.log, e, "%s %s: %r", req.method, req.path, e)
        started = resp.started
        await maybe_await(self.handle_exc(req, resp, e))
        if started:
            resp.fail()  # whatever handle_exc did, the cut response can't go on
        return
    try:
        rv = await maybe_await(best[1](req, resp, e))
        if rv is not None and not resp.started:
            await write_value(resp, rv)
    except HTTPError as e2:
        await self._on_status(req, resp, e2, True)


async def handle_exc(self, req, resp, exc):
    """Default for unhandled exceptions (already logged): a 500 page if
    nothing was sent yet, else the connection is closed."""
    if resp.started:
        resp.fail()
    else:
        await resp._http_error(500)


# Templates: the engine is a plugin that sets app.template_loader.


def _load_template(self, name):
    if self.template_loader is None:
        # picoweb 1.x apps render without installing an engine, so the engine
        # named by the app's `template_engine` is loaded on first use (as
        # picoweb loaded utemplate): templates from the package's templates/
        # folder, unescaped like utemplate. The core itself depends on no
        # plugin: without one, rendering is the only thing that fails.
        try:
            engine = __import__(self.template_engine)
        except ImportError:
            raise RuntimeError("no template engine: install %s (plugins/templates) or "
                               "app.install() one" % self.template_engine)
        pkg = self.pkg if self.pkg != "__main__" else None
        self.install(engine.Templates("templates", pkg=pkg, autoescape=False))
    return self.template_loader.load(name)


async def _render_template(self, writer, name, args=()):
    for chunk in self._load_template(name)(*args):
        await writer._awrite(chunk)


def render_str(self, name, args=()):
    """A rendered template as one str."""
    return "".join(self._load_template(name)(*args))


render_template = bridge(_render_template)


async def _static(self, req, resp, fname):
    from .files import serve_static
    await serve_static(self, req, resp, fname)


async def _sendfile(self, writer, fname, content_type=None, headers=None):
    from .files import app_sendfile
    await app_sendfile(self, writer, fname, content_type, headers)


async def _parse_headers(self, reader):
    """picoweb 1.x: read header lines up to the blank one into a dict of bytes."""
    headers = {}
    while True:
        line = await reader.readline()
        if line in (b"", b"\r\n", b"\n"):
            return headers
        name, _, value = line.partition(b":")
        headers[name] = value.strip()


sendfile = bridge(_sendfile)
parse_headers = bridge(_parse_headers)


async def shutdown(self):
    """Stop accepting, let in-flight requests finish, close idle connections."""
    if self.server is not None:
        await self.server.shutdown()


METHODS = ("mount", "before_request", "after_request", "errorhandler", "install",
           "_headers_mode", "_before", "_on_status", "_on_exc", "handle_exc", "_load_template", "render_template",
           "render_str", "shutdown", "_static", "sendfile",
           "parse_headers")


def load(app, name):
    from .app import WebApp
    return install_method(WebApp, app, name, globals(), METHODS)
