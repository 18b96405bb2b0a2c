"""How an app listens: run(), serve(), start_server(), and what happens once
before serving. A base class of WebApp, in its own module because on
MicroPython a module's compile-time peak grows faster than its size.
"""
import os

from .compat import get_event_loop, package_dir


class Serving:
    """WebApp's serving methods; `serve(loop, host, port)` is picoweb's
    subclassing point and `run()` ends in it."""

    def _prepare(self, lazy_init=False):
        """Before serving: init() this app and, unless `lazy_init`, the mounted
        ones (else on their first request); add picoweb's /static/ routes."""
        if not self.inited:
            self.inited = True
            self.init()
        self._add_static()
        for _, app in self.mounts:
            app.debug = self.debug
            app.log = self.log
            if lazy_init:
                app._add_static()
            else:
                app._prepare()

    def _setup(self, debug, log):
        self.debug = int(debug)
        if log is not None or self.debug >= 0:
            from .log import load_logger
            log = load_logger(self.debug, log)
        self.log = log

    async def start_server(self, host="127.0.0.1", port=8081, debug=-1, log=None,
                           lazy_init=False):
        """Listen without blocking, for apps that run other tasks in the same loop.

        >>> server = await app.start_server("0.0.0.0", 80)
        >>> await server.wait_closed()
        """
        from .server import Server
        self._setup(debug, log)
        self._prepare(lazy_init)
        self.server = Server(self)
        await self.server.start(host, port)
        return self.server

    def run(self, host="127.0.0.1", port=8081, debug=False, lazy_init=False, log=None):
        """Serve forever. debug: -1 no logging at all, 0 errors and start-up,
        1 an access line per request, 2 more detail."""
        self._setup(debug, log)
        self._prepare(lazy_init)
        self.serve(get_event_loop(), host, port)

    def serve(self, loop, host, port):
        """Listen on `loop` and run it forever (picoweb 1.x's subclassing
        point; `run()` ends here)."""
        loop.run_until_complete(self.start_server(host, port, self.debug, self.log, True))
        if self.log is not None:
            self.log.info("listening on http://%s:%d/", host, port)
        try:
            loop.run_forever()
        except KeyboardInterrupt:
            pass

    def _add_static(self):
        # picoweb 1.x: files under the app package's static/ folder at /static/,
        # added after the app's own routes so those (and plugins) win.
        if self.serve_static and not self.static_added:
            self.static_added = True
            try:
                os.stat(package_dir(self.pkg) + "static")
            except (OSError, ImportError):
                return  # no folder (or no package to look in): no route, no cost
            self.router.add("/static/<path:fname>", self._static, ("GET",))
