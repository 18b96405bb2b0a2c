"""Routes: exact strings, `<typed:name>` placeholders, regex objects, mounts.

Strategy: exact strings go in a dict, so the common case is one lookup.
Placeholder patterns are split into segments once, at registration, and
matched by comparing segments: no regex is compiled or run per request, and
MicroPython's `re` quirks never apply. Regex objects (anything with `.match`)
are tried in registration order, as picoweb did. A route is a plain tuple
`(handler, methods, extra, app, segments, pattern)`: on a board each class
costs a few hundred bytes of heap, each tuple a few dozen.
"""
from .http import HTTPError


def compile_pattern(pattern):
    """Split "/user/<int:id>" into ["", "user", ("id", "int")]; None for a plain string."""
    if "<" not in pattern:
        return None
    segments = []
    parts = pattern.split("/")
    for i, part in enumerate(parts):
        if part.startswith("<") and part.endswith(">"):
            kind, _, name = part[1:-1].rpartition(":")
            kind = kind or "str"
            if kind not in ("str", "int", "path") or not name:
                raise ValueError("bad placeholder %r in route %r" % (part, pattern))
            if kind == "path" and i != len(parts) - 1:
                raise ValueError("<path:...> must be the last segment of %r" % pattern)
            segments.append((name, kind))
        elif "<" in part:
            raise ValueError("a placeholder must fill a whole segment in %r" % pattern)
        else:
            segments.append(part)
    return segments


def match_segments(segments, path):
    """A dict of converted values when `path` fits `segments`, else None."""
    parts = path.split("/")
    n = len(segments)
    if len(parts) < n or (len(parts) > n and segments[-1][1:] != ("path",)):
        return None
    params = {}
    for i in range(n):
        seg = segments[i]
        if isinstance(seg, str):
            if parts[i] != seg:
                return None
            continue
        name, kind = seg
        if kind == "path":
            value = "/".join(parts[i:])
            if not value:
                return None
            params[name] = value
            return params
        value = parts[i]
        if not value:
            return None
        if kind == "int":
            if not value.isdigit():
                return None
            value = int(value)
        params[name] = value
    return params


class Router:
    """The route table of one app: `add`, `mount`, `match`."""

    def __init__(self, app=None):
        self.app = app
        self.exact = {}    # path -> [route, ...] (one per method set)
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
            segments = compile_pattern(pattern)
        elif not hasattr(pattern, "match"):
            raise TypeError("route pattern must be a str or a compiled regex, not %r" % (pattern,))
        route = (handler, methods, extra, self.app, segments, pattern)
        if isinstance(pattern, str) and segments is None:
            self.exact.setdefault(pattern, []).append(route)
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
        allowed = []
        head = "GET" if method == "HEAD" else method
        for route in self.exact.get(path) or ():
            methods = route[1]
            if methods is None or head in methods or method in methods:
                return route, None, None, ""
            allowed.extend(methods)
        for route in self.ordered:
            if len(route) == 2:  # a mount: (prefix, app)
                prefix, sub = route
                if path == prefix or path.startswith(prefix + "/"):
                    found = sub.router.match(method, path[len(prefix):] or "/")
                    return found[:3] + (prefix + found[3],)
                continue
            m = params = None
            if route[4] is not None:
                params = match_segments(route[4], path)
                if params is None:
                    continue
            elif not isinstance(route[5], str):
                m = route[5].match(path)
                if m is None:
                    continue
            methods = route[1]
            if methods is None or head in methods or method in methods:
                return route, params, m, ""
            allowed.extend(methods)
        if allowed:
            methods = []
            for m in allowed + (["HEAD"] if "GET" in allowed else []):
                if m not in methods:
                    methods.append(m)
            raise HTTPError(405, methods)
        raise HTTPError(404)
