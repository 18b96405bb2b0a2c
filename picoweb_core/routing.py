"""Routes: exact strings, `<typed:name>` placeholders, regex objects, mounts.

Strategy: exact strings go in a dict, so the common case is one lookup.
Placeholder patterns are split into segments once, at registration, and
matched by comparing segments: no regex is compiled or run per request, and
MicroPython's `re` quirks never apply. Regex objects (anything with `.match`)
are tried in registration order, as picoweb did.
"""
from .http import HTTPError

_CONVERTERS = ("str", "int", "path")


class Route:
    __slots__ = ("pattern", "handler", "methods", "extra", "segments", "app")

    def __init__(self, pattern, handler, methods=None, extra=None, app=None):
        self.pattern = pattern
        self.handler = handler
        self.methods = methods
        self.extra = extra
        self.segments = None
        self.app = app

    def allows(self, method):
        m = self.methods
        return m is None or method in m or (method == "HEAD" and "GET" in m)


def compile_pattern(pattern):
    """Split "/user/<int:id>" into ["", "user", ("id", "int")]; None for a plain string."""
    if "<" not in pattern:
        return None
    segments = []
    parts = pattern.split("/")
    for i, part in enumerate(parts):
        if part.startswith("<") and part.endswith(">"):
            spec = part[1:-1]
            kind, _, name = spec.rpartition(":")
            kind = kind or "str"
            if kind not in _CONVERTERS or not name:
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
    if len(parts) < n or (len(parts) > n and not _ends_in_path(segments)):
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


def _ends_in_path(segments):
    last = segments[-1]
    return not isinstance(last, str) and last[1] == "path"


def normalize_methods(methods):
    if methods is None:
        return None
    if isinstance(methods, str):
        methods = (methods,)
    return tuple(m.upper() for m in methods)


class Router:
    """The route table of one app: `add`, `mount`, `match`."""

    def __init__(self, app=None):
        self.app = app
        self.exact = {}    # path -> [Route, ...] (one per method set)
        self.ordered = []  # placeholder and regex routes, and mounts, in order

    def add(self, pattern, handler, methods=None, extra=None):
        if not callable(handler):
            raise TypeError("route %r: handler %r is not callable" % (pattern, handler))
        route = Route(pattern, handler, normalize_methods(methods), extra, self.app)
        if isinstance(pattern, str):
            route.segments = compile_pattern(pattern)
            if route.segments is None:
                self.exact.setdefault(pattern, []).append(route)
                return route
        elif not hasattr(pattern, "match"):
            raise TypeError("route pattern must be a str or a compiled regex, not %r" % (pattern,))
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
        routes = self.exact.get(path)
        if routes:
            for route in routes:
                if route.allows(method):
                    return route, None, None, ""
                allowed.extend(route.methods)
        for entry in self.ordered:
            if isinstance(entry, tuple):
                prefix, sub = entry
                if path == prefix or path.startswith(prefix + "/"):
                    found = sub.router.match(method, path[len(prefix):] or "/")
                    return found[:3] + (prefix + found[3],)
                continue
            if entry.segments is not None:
                params = match_segments(entry.segments, path)
                m = None
                if params is None:
                    continue
            else:
                m = entry.pattern.match(path)
                if m is None:
                    continue
                params = None
            if entry.allows(method):
                return entry, params, m, ""
            allowed.extend(entry.methods)
        if allowed:
            methods = []
            for m in allowed + (["HEAD"] if "GET" in allowed else []):
                if m not in methods:
                    methods.append(m)
            raise HTTPError(405, methods)
        raise HTTPError(404)
