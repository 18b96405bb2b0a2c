# The text/event-stream format (WHATWG HTML, "Server-sent events"), sans-IO.
#
# A field's value cannot hold a line break, so multi-line data becomes one
# `data:` line per line (the browser joins them back with "\n"), and an event
# name or id with a line break is refused rather than split.


def _lines(text):
    # The format's line ends: CRLF, a lone CR, or LF.
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _single_line(name, value):
    value = str(value)
    if "\n" in value or "\r" in value:
        raise ValueError("SSE %s must be one line" % name)
    return value


def format_event(data=None, event=None, id=None, retry=None, comment=None):
    """One event as bytes, ending with its blank line.

    >>> format_event("a\\nb", event="tick", id=7)
    b'event: tick\\nid: 7\\ndata: a\\ndata: b\\n\\n'

    `data` that is not str or bytes goes out as JSON; `retry` is the
    reconnection delay in milliseconds; `comment` lines are ignored by
    browsers (keep-alives).
    """
    out = []
    if comment is not None:
        for line in _lines(str(comment)):
            out.append(": " + line if line else ":")
    if event is not None:
        out.append("event: " + _single_line("event", event))
    if id is not None:
        value = _single_line("id", id)
        if "\0" in value:
            raise ValueError("SSE id must not contain NUL")  # browsers ignore such an id
        out.append("id: " + value)
    if retry is not None:
        if not isinstance(retry, int) or isinstance(retry, bool) or retry < 0:
            raise ValueError("SSE retry must be a number of milliseconds")
        out.append("retry: %d" % retry)
    if data is not None:
        if isinstance(data, (bytes, bytearray)):
            data = bytes(data).decode()
        elif not isinstance(data, str):
            import json
            data = json.dumps(data)
        for line in _lines(data):
            out.append("data: " + line if line else "data:")
    if not out:
        raise ValueError("an SSE event needs data, an event name, an id, retry or a comment")
    return ("\n".join(out) + "\n\n").encode()


_FIELDS = ("data", "event", "id", "retry", "comment")


def encode_item(item):
    """What a source yielded, as event bytes: str/bytes are data, a dict names
    the fields (`{"data": ..., "event": "tick", "id": 3}`), anything else is
    JSON data."""
    if isinstance(item, dict):
        for key in item:
            if key not in _FIELDS:
                raise ValueError("unknown SSE field %r" % key)
        return format_event(item.get("data"), item.get("event"), item.get("id"),
                            item.get("retry"), item.get("comment"))
    return format_event(item)
