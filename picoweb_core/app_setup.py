"""The WebApp methods fewer apps use: mounting, hooks, middleware, error
handlers, plugins, and picoweb 1.x's templates and files. METHODS names
them, once; they are installed on WebApp the first time an app uses one
(WebApp.__getattr__), when WebApp is subclassed (so super() finds them), and
at import on CPython (so help() and dir() show them): a board serving a
plain app never compiles them. Each takes the WebApp as `self`."""
from .compat import awaitable


def mount(self, url, app):
    """Serve `app` under the prefix `url`, matched on whole path segments;
    its own hooks and error handlers run for the requests it serves."""
    self.router.mount(url, app)

def before_request(self, func):
    """Run `func(req, resp)` before routing; a return value other than
    None (or a response it wrote) answers the request early."""
    self.before_hooks = self.before_hooks + (func,)
    return func

def after_request(self, func):
    """Run `func(req, resp)` after each handler, before a returned value is
    written, so it may change `resp.status` and add to `resp.headers`."""
    self.after_hooks = self.after_hooks + (func,)
    return func

def teardown_request(self, func):
    """Run `func(req, resp, exc)` after the response was written, also
    when the handler failed (`exc` is what was raised, else None)."""
    self.teardown_hooks = getattr(self, "teardown_hooks", ()) + (func,)
    self.finishing = True
    return func

def add_route_option(self, name, apply):
    """Let routes take the keyword `name`: `apply(handler, value, url)`
    returns the handler to register (a plugin wraps it, for example
    `@app.route("/admin", auth=guard)`). Routes added before this call
    cannot use it: they were refused.
    """
    if self.route_options is None:
        self.route_options = {}
    self.route_options[name] = apply


def on_shutdown(self, func):
    """Run `func()` (or `await` it) when the server shuts down, before it
    waits for the requests in flight: for plugins that hold connections
    open (WebSocket, event streams) to say goodbye.
    """
    self.shutdown_hooks = getattr(self, "shutdown_hooks", ()) + (func,)
    return func


def use(self, middleware):
    """Wrap every request: `async def mw(req, resp, call_next)` sees the
    request before and the handler's value after (`rv = await
    call_next(req, resp)`), and returns the value to send. The first
    registered is the outermost; the chain is built here, once.

    >>> @app.use
    ... async def timing(req, resp, call_next):
    ...     t = time.ticks_ms(); rv = await call_next(req, resp)
    ...     resp.headers.append(("X-Time", str(time.ticks_ms() - t))); return rv
    """
    self.middleware = getattr(self, "middleware", ()) + (middleware,)
    from .hooks import build_chain
    self.chain = build_chain(self)  # resolved now, never per request
    return middleware

def errorhandler(self, key):
    """Decorator: `@app.errorhandler(404)` or `@app.errorhandler(ValueError)`;
    the handler is `f(req, resp, exc)` and returns a response like a route."""
    def register(func):
        from .hooks import register_error
        register_error(self, key, func)
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

def render_template(self, writer, name, args=()):
    """Stream template `name` rendered with `args` to `writer`."""
    from .app_templates import render_template
    return awaitable(render_template(self, writer, name, args))

def render_str(self, name, args=()):
    """Template `name` rendered with `args`, as one str."""
    from .app_templates import render_str
    return render_str(self, name, args)

def _load_template(self, name):
    # picoweb 1.x's name for it, which some apps call themselves.
    from .app_templates import load_template
    return load_template(self, name)

def sendfile(self, writer, fname, content_type=None, headers=None):
    """picoweb 1.x: send `fname`, relative to the app's package folder."""
    from .files import app_sendfile
    return awaitable(app_sendfile(self, writer, fname, content_type, headers))

def parse_headers(self, reader):
    """picoweb 1.x: read header lines up to the blank one into a dict of bytes."""
    from .legacy import parse_headers
    return awaitable(parse_headers(reader))



async def shutdown(self):
    """Stop accepting, let in-flight requests finish, close idle connections."""
    if self.server is not None:
        await self.server.shutdown()


def _static(self, req, resp, fname):
    # The handler of picoweb's automatic /static/ route.
    from .files import serve_static
    return serve_static(self, req, resp, fname)



def handle_exc(self, req, resp, exc):
    """The answer to an exception no error handler took (already logged at
    debug >= 0): a 500 page if nothing was sent yet, else the connection is
    closed. A subclassing point: override it and call super() for this."""
    from .hooks import handle_exc
    return awaitable(handle_exc(self, req, resp, exc))


METHODS = ("mount", "before_request", "after_request", "teardown_request", "use", "errorhandler", "install", "render_template", "render_str", "_load_template", "sendfile", "parse_headers", "shutdown", "_static", "handle_exc", "on_shutdown", "add_route_option")


def install_all(cls):
    """Install every method of METHODS on `cls`."""
    g = globals()
    for name in METHODS:
        setattr(cls, name, g[name])


def load(app, name):
    from .lazy import install_method
    return install_method(app, name, globals(), METHODS)
