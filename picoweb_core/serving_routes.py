# Once per start, Serving's pass over an app's routes (serving.py): picoweb's
# automatic /static/ route, first; the methods the routes name go in the head
# parser's table (a method that is neither standard nor named is 501 there);
# the handlers' modules tell a picoweb 1.x app from a new one
# (WebApp.header_bytes); and on CPython picoweb's generator handlers become
# generator-based coroutines, so they may `yield from` a coroutine such as
# asyncio.sleep().
import os

from .compat import MICROPYTHON
from .http import _methods


def routes_seen(app):
    router = app.router
    if app.serve_static and not app.static_added:
        app.static_added = True
        try:
            pkg = app.pkg
            if pkg and pkg != "__main__":
                from .pkgdir import package_dir
                pkg = package_dir(pkg)
            else:
                pkg = ""  # picoweb 1.x: relative to the current directory
            os.stat(pkg + "static")
            router.add("/static/<path:fname>", app._static, ("GET",))
            # Tried before the app's own patterns, as picoweb did: a
            # catch-all such as `^/(.+\.css)$` must not take /static/.
            router.ordered.insert(0, router.ordered.pop())
        except (OSError, ImportError):
            pass  # no folder (or no package to look in): no route, no cost
    routes = [entry[0] for entries in router.exact.values() for entry in entries]
    routes += [r for r in router.ordered if len(r) != 2]  # (prefix, app): a mount
    for m in ("GET", "HEAD", "POST", "PUT", "DELETE"):
        _methods[m.encode()] = m
    picoweb = False
    for route in routes:
        for m in route[1] or ():
            _methods[m.encode()] = m
        # The porting line, `import picoweb_core as picoweb`, in the module.
        g = getattr(route[0], "__globals__", None)
        if g and getattr(g.get("picoweb"), "__name__", None) == "picoweb_core":
            picoweb = True
        if not MICROPYTHON:
            from .compat_cpython import drive_generators
            drive_generators(route[0])
    if app.header_bytes is None:
        app.header_bytes = picoweb
