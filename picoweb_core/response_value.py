# What a handler returns, written: str or bytes, a dict or list as JSON, a
# `(body, status[, headers])` tuple, or an iterable streamed chunked.
import json

from .compat import GeneratorType

_HTML = b"text/html; charset=utf-8"
_JSON = b"application/json"


def write_value(resp, rv):
    """Send what a handler returned: str/bytes, a dict or list as JSON, a
    `(body, status[, headers])` tuple, or a generator / async generator /
    iterator of chunks, streamed chunked. Returns the awaitable that sends it
    (a plain function: one coroutine fewer per request)."""
    # The usual values first: each isinstance() is a search of the builtins
    # on a board.
    if isinstance(rv, str):
        return resp._send_body(resp.status, rv.encode(), _HTML)
    if isinstance(rv, dict):
        return resp._send_body(resp.status, json.dumps(rv).encode(), _JSON)
    status = resp.status
    headers = None
    body = rv
    if isinstance(rv, tuple):
        # `(body, status)`, `(body, headers)` or `(body, status, headers)`
        body = rv[0]
        for extra in rv[1:]:
            if isinstance(extra, (int, str)) and not isinstance(extra, bool):
                status = int(extra)
            else:
                headers = extra
    if isinstance(body, str):
        body = body.encode()
    elif isinstance(body, (dict, list)):
        return resp._send_body(status, json.dumps(body).encode(), _JSON, headers)
    elif body is None:
        body = b""
    if isinstance(body, (bytes, bytearray, memoryview)):
        return resp._send_body(status, body, _HTML, headers)
    if isinstance(body, GeneratorType) or hasattr(body, "__iter__") or hasattr(body, "__aiter__"):
        from .response_helpers import send_iter
        return send_iter(resp, body, status, headers)
    raise TypeError("handler returned %s; expected str, bytes, dict, list, tuple or iterable"
                    % type(body).__name__)

