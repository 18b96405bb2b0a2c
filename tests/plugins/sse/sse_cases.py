"""Event formatting cases, run on CPython (test_units.py) and under micropython."""
from picoweb_sse import encode_item, format_event


def eq(a, b):
    if a != b:
        raise AssertionError("%r != %r" % (a, b))


def raises(exc, func, *args, **kw):
    try:
        func(*args, **kw)
    except exc:
        return
    raise AssertionError("%s not raised" % exc.__name__)


def case_data_only():
    eq(format_event("hello"), b"data: hello\n\n")
    eq(format_event(b"bytes \xc3\xa9"), "data: bytes \u00e9\n\n".encode())
    eq(format_event(""), b"data:\n\n")


def case_multiline_data_split_on_every_line_end():
    eq(format_event("a\nb\r\nc\rd"), b"data: a\ndata: b\ndata: c\ndata: d\n\n")
    # A trailing line break survives: the browser joins lines with "\n".
    eq(format_event("a\n"), b"data: a\ndata:\n\n")
    eq(format_event("\n\n"), b"data:\ndata:\ndata:\n\n")


def case_fields_in_order():
    eq(format_event("x", event="tick", id=7, retry=1500),
       b"event: tick\nid: 7\nretry: 1500\ndata: x\n\n")
    eq(format_event(retry=0), b"retry: 0\n\n")
    eq(format_event(comment="keep\nalive"), b": keep\n: alive\n\n")
    eq(format_event(event="ping"), b"event: ping\n\n")


def case_json_data():
    eq(format_event({"n": 1}), b'data: {"n": 1}\n\n')
    eq(format_event([1, 2]), b"data: [1, 2]\n\n")
    eq(format_event(5), b"data: 5\n\n")


def case_bad_fields_refused():
    raises(ValueError, format_event, "x", event="a\nb")
    raises(ValueError, format_event, "x", id="1\r2")
    raises(ValueError, format_event, "x", id="a\0b")
    raises(ValueError, format_event, "x", retry=-1)
    raises(ValueError, format_event, "x", retry="soon")
    raises(ValueError, format_event)


def case_items_from_a_source():
    eq(encode_item("s"), b"data: s\n\n")
    eq(encode_item({"data": "d", "event": "e", "id": 1}), b"event: e\nid: 1\ndata: d\n\n")
    eq(encode_item({"data": {"k": "v"}}), b'data: {"k": "v"}\n\n')
    eq(encode_item(3), b"data: 3\n\n")
    raises(ValueError, encode_item, {"dat": "typo"})
