# Placeholder routes ("/user/<int:id>"), loaded with the first one: compiled
# once, at registration, into literal text and placeholders, and matched by
# walking the path, so no regex is compiled or run per request and
# MicroPython's `re` quirks never apply. The path is not split: on a board
# every new string is a search of all interned strings (a few thousand
# instructions), so the only strings made are the placeholders' values.


def compile_pattern(pattern):
    """Compile "/user/<int:id>" to [("/user/", None), ("id", "int")]: literal
    text, then placeholders as (name, kind); None for a plain string."""
    if "<" not in pattern:
        return None
    items = []
    text = ""
    parts = pattern.split("/")
    for i, part in enumerate(parts):
        if i:
            text += "/"
        if part.startswith("<") and part.endswith(">"):
            kind, _, name = part[1:-1].rpartition(":")
            kind = kind or "str"
            if kind not in ("str", "int", "path") or not name:
                raise ValueError("bad placeholder %r in route %r" % (part, pattern))
            if kind == "path" and i != len(parts) - 1:
                raise ValueError("<path:...> must be the last segment of %r" % pattern)
            if text:
                items.append((text, None))
            items.append((name, kind))
            text = ""
        elif "<" in part:
            raise ValueError("a placeholder must fill a whole segment in %r" % pattern)
        else:
            text += part
    if text:
        items.append((text, None))
    return items


def match_segments(items, path):
    """A dict of converted values when `path` fits `items`, else None."""
    params = None
    pos = 0
    for text, kind in items:
        if kind is None:
            if not path.startswith(text, pos):
                return None
            pos += len(text)
            continue
        if kind == "path":
            stop = len(path)
        else:
            stop = path.find("/", pos)
            if stop < 0:
                stop = len(path)
        if stop == pos:
            return None  # an empty segment fills no placeholder
        value = path[pos:stop]
        if kind == "int":
            if not value.isdigit():
                return None
            value = int(value)
        if params is None:
            params = {}
        params[text] = value
        pos = stop
    return params if pos == len(path) else None
