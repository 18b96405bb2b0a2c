# Routes: exact strings, `<typed:name>` placeholders, regex objects, mounts.
#
# Strategy: exact strings go in a dict, so the common case is one lookup.
# Placeholder patterns are matched segment by segment (routing_patterns.py, loaded
# with the first). Regex objects (anything with `.match`) are tried in
# registration order, as picoweb did. A route is a plain tuple
# `(handler, methods, extra, app, segments, pattern)`: on a board each class
# costs a few hundred bytes of heap, each tuple a few dozen.
from .http import HTTPError


class Router:
    """The route table of one app: `add`, `mount`, `match`."""

    def __init__(self, app=None):
        self.app = app
        self.exact = {}    # path -> [(route, None, None, ""), ...]: match()'s answer, built once
        self.ordered = []  # placeholder and regex routes, and mounts, in order

    def add(self, pattern, handler, methods=None, extra=None):
        if not callable(handler):
            raise TypeError("route %r: handler %r is not callable" % (pattern, handler))
        if isinstance(methods, str):
            methods = (methods,)
        if methods is not None:
            methods = tuple(m.upper() for m in methods)
        segments = None
        if isinstance(pattern, str):
            if "<" in pattern:
                from .routing_patterns import compile_pattern, match_segments
                segments = compile_pattern(pattern)
                self.match_segments = match_segments
        elif not hasattr(pattern, "match"):
            raise TypeError("route pattern must be a str or a compiled regex, not %r" % (pattern,))
        route = (handler, methods, extra, self.app, segments, pattern)
        if isinstance(pattern, str) and segments is None:
            self.exact.setdefault(pattern, []).append((route, None, None, ""))
        else:
            self.ordered.append(route)
        return route

    def mount(self, prefix, app):
        prefix = prefix.rstrip("/")
        if not prefix.startswith("/"):
            raise ValueError("mount prefix must start with '/': %r" % prefix)
        self.ordered.append((prefix, app))

    def match(self, method, path):
        """`(route, params, url_match, mount_prefix)` for `path`, or HTTPError 404/405.

        405 carries the allowed methods in `HTTPError.message` as a list.
        """
        allowed = ()  # a tuple: nothing built unless a method does not match
        head = "GET" if method == "HEAD" else method
        for found in self.exact.get(path) or ():
            methods = found[0][1]
            if methods is None or head in methods or method in methods:
                return found  # no tuple built per request
            allowed += methods
        for route in self.ordered:
            if len(route) == 2:  # a mount: (prefix, app)
                prefix, sub = route
                if path == prefix or path.startswith(prefix + "/"):
                    found = sub.router.match(method, path[len(prefix):] or "/")
                    return found[:3] + (prefix + found[3],)
                continue
            m = params = None
            if route[4] is not None:
                params = self.match_segments(route[4], path)
                if params is None:
                    continue
            elif not isinstance(route[5], str):
                m = route[5].match(path)
                if m is None:
                    continue
            methods = route[1]
            if methods is None or head in methods or method in methods:
                return route, params, m, ""
            allowed += methods
        if allowed:
            methods = []
            for m in allowed + (("HEAD",) if "GET" in allowed else ()):
                if m not in methods:
                    methods.append(m)
            raise HTTPError(405, methods)
        raise HTTPError(404)
