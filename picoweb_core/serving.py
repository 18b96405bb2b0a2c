# How an app listens: run(), serve(), start_server(), and what happens once
# before serving. A base class of WebApp, in its own module because on
# MicroPython a module's compile-time peak grows faster than its size.
from .compat import MICROPYTHON, collect, get_event_loop


class Serving:
    """WebApp's serving methods; `serve(loop, host, port)` is picoweb's
    subclassing point and `run()` ends in it."""

    # Iterating `req.headers` gives bytes names and values (picoweb 1.x's dict)
    # when True, str when False; None: decided when the app starts, True when
    # a handler's module imports the core as `picoweb` (the porting line).
    header_bytes = None
    ssl = None  # an ssl.SSLContext from run(ssl=...): serve() listens with TLS
    routes_checked = False  # the start-up pass over the routes has run (serving_routes.py)

    def _prepare(self, lazy_init=False, debug=-1, log=None, static_only=False):
        # Before serving: set up logging, init() this app and, unless
        # `lazy_init`, the mounted ones (else on their first request); add
        # picoweb's /static/ route when the package has that folder.
        if debug is not None:
            self.debug = debug = int(debug)
            if log is not None or debug >= 0:
                from .log import load_logger
                log = load_logger(debug, log)
            self.log = log
        if not self.inited and not static_only:
            self.inited = True
            self.init()
        if not self.routes_checked:
            # picoweb's /static/ route, and what the routes tell the core,
            # once: in a module of its own (this one is on every app's import
            # path), compiled after the app's scratch memory is collected.
            self.routes_checked = True
            collect()
            from .serving_routes import routes_seen
            routes_seen(self)
            if MICROPYTHON:
                # Needed once: on a board its code (about 1 KB) is let go.
                import sys
                del sys.modules["picoweb_core.serving_routes"]
                delattr(sys.modules["picoweb_core"], "serving_routes")
        if self.debug >= 1:
            self.finishing = True  # the access log
        for app in self.router.ordered:
            if len(app) != 2:
                continue  # a route, not a mount: (prefix, app)
            app = app[1]
            app.debug = self.debug
            app.log = self.log
            app._prepare(lazy_init, None, None, lazy_init)
            if app.finishing:
                self.finishing = True  # its teardown hooks run from here

    async def start_server(self, host="127.0.0.1", port=8081, debug=-1, log=None,
                           lazy_init=False, ssl=None):
        """Listen without blocking, for apps that run other tasks in the same loop.
        `ssl`: an ssl.SSLContext to serve HTTPS (CPython).

        >>> server = await app.start_server("0.0.0.0", 80)
        >>> await server.wait_closed()
        """
        from .server import Server
        self._prepare(lazy_init, debug, log)
        self.server = Server(self)
        await self.server.start(host, port, ssl if ssl is not None else self.ssl)
        return self.server

    def run(self, host="127.0.0.1", port=8081, debug=False, lazy_init=False, log=None,
            ssl=None):
        """Serve forever. debug: -1 no logging at all, 0 errors and start-up,
        1 an access line per request, 2 more detail. `ssl`: an ssl.SSLContext
        to serve HTTPS (CPython)."""
        if ssl is not None:
            self.ssl = ssl  # serve() (picoweb's subclassing point) takes no ssl
        self._prepare(lazy_init, debug, log)
        self.serve(get_event_loop(), host, port)

    def serve(self, loop, host, port):
        """Listen on `loop` and run it forever (picoweb 1.x's subclassing
        point; `run()` ends here)."""
        loop.run_until_complete(self.start_server(host, port, self.debug, self.log, True))
        if self.log is not None:
            self.log.info("listening on %s://%s:%d/", "https" if self.ssl else "http", host, port)
        try:
            loop.run_forever()
        except KeyboardInterrupt:
            pass
