"""Sans-IO cases for the WebSocket plugin, run on CPython (test_units.py) and
under micropython (mp_runner.py). Every frame case is fed whole, one byte at
a time, in 7-byte pieces, and followed by another frame in the same bytes."""
from picoweb_websocket import accept_key
from picoweb_websocket.compat import sha1, unmask
from picoweb_websocket.frames import FrameParser, ProtocolError, close_payload, frame_header
from picoweb_websocket.handshake import check
from picoweb_websocket.sha1 import digest as pure_sha1
from picoweb_websocket.utf8 import valid
from ws_frames import client_frame

TEXT, BINARY, CLOSE, PING, PONG = 1, 2, 8, 9, 10


def eq(a, b):
    if a != b:
        raise AssertionError("%r != %r" % (a, b))


def feed_all(data, step, max_message=4096):
    """Events from `data` fed in pieces of `step` bytes (0: whole)."""
    p = FrameParser(max_message)
    out = []
    if not step:
        step = len(data) or 1
    for i in range(0, len(data), step):
        p.feed(data[i:i + step])
        while True:
            ev = p.next()
            if ev is None:
                break
            out.append(ev)
    return out


def events(data, max_message=4096):
    """Events, checked to be the same whatever the pieces, and with trailing data."""
    whole = feed_all(data, 0, max_message)
    for step in (1, 7):
        eq(feed_all(data, step, max_message), whole)
    trailing = feed_all(data + client_frame(PING, b"after"), 0, max_message)
    eq(trailing, whole + [("ping", b"after")])
    return whole


def error_code(data, max_message=4096):
    """The close code of the ProtocolError `data` raises (the same in every piece size)."""
    codes = []
    for step in (0, 1, 7):
        try:
            feed_all(data, step, max_message)
            codes.append(None)
        except ProtocolError as e:
            codes.append(e.code)
    eq(codes[1:], codes[:1] * 2)
    return codes[0]


# -- handshake ------------------------------------------------------------

def case_accept_key_rfc_example():
    eq(accept_key("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    eq(accept_key(b"dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")


def case_pure_sha1_matches_known_digests():
    from binascii import hexlify
    eq(hexlify(pure_sha1(b"")), b"da39a3ee5e6b4b0d3255bfef95601890afd80709")
    eq(hexlify(pure_sha1(b"abc")), b"a9993e364706816aba3e25717850c26c9cd0d89d")
    eq(hexlify(pure_sha1(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
       b"84983e441c3bd26ebaae4aa1f95129e5e54670f1")
    for n in (55, 56, 63, 64, 65, 1000):
        data = bytes(i & 0xFF for i in range(n))
        eq(pure_sha1(data), sha1(data))


class H:
    def __init__(self, d):
        self.d = d

    def get(self, k, default=None):
        return self.d.get(k, default)


GOOD = {"upgrade": "websocket", "connection": "keep-alive, Upgrade",
        "sec-websocket-version": "13", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ=="}


def with_(**kw):
    d = dict(GOOD)
    for k, v in kw.items():
        k = k.replace("_", "-")
        if v is None:
            d.pop(k, None)
        else:
            d[k] = v
    return H(d)


def case_handshake_checks():
    eq(check("GET", H(GOOD)), ("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", None))
    eq(check("GET", with_(upgrade="WebSocket"))[0], "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    eq(check("POST", H(GOOD))[1], 405)
    eq(check("GET", H(GOOD), (), 10)[1], 400)  # HTTP/1.0
    eq(check("GET", with_(upgrade=None))[1], 426)
    eq(check("GET", with_(connection="keep-alive"))[1], 426)
    bad_version = check("GET", with_(sec_websocket_version="8"))
    eq(bad_version[1], 426)
    eq(dict(bad_version[2])["Sec-WebSocket-Version"], "13")
    eq(check("GET", with_(sec_websocket_key=None))[1], 400)
    eq(check("GET", with_(sec_websocket_key="c2hvcnQ="))[1], 400)  # 5 bytes
    eq(check("GET", with_(sec_websocket_key="not base64 at all!!!!!!="))[1], 400)


def case_subprotocol_chosen_in_server_order():
    h = with_(sec_websocket_protocol="v1, v2")
    eq(check("GET", h, ("v2", "v1"))[1], "v2")
    eq(check("GET", with_(sec_websocket_protocol="v3"), ("v2", "v1"))[1], None)
    eq(check("GET", with_(sec_websocket_protocol="V2"), ("v2",))[1], None)  # case-sensitive
    eq(check("GET", H(GOOD), ("v2",))[1], None)


# -- UTF-8 ------------------------------------------------------------------

VALID = [b"", b"hello", "\u00e4".encode(), "\u20ac".encode(), "\U0001d11e".encode(),
         b"\xef\xbf\xbf", b"\xf4\x8f\xbf\xbf", b"\xed\x9f\xbf", b"\xee\x80\x80",
         "\u03ba\u1f79\u03c3\u03bc\u03b5".encode()]
INVALID = [b"\x80", b"\xbf", b"\xc0\x80", b"\xc1\xbf", b"\xc0\xaf",  # lone, overlong 2
           b"\xe0\x80\x80", b"\xe0\x9f\xbf",                        # overlong 3
           b"\xf0\x80\x80\x80", b"\xf0\x8f\xbf\xbf",                # overlong 4
           b"\xed\xa0\x80", b"\xed\xbf\xbf",                        # surrogates
           b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\xff", b"\xfe",  # past U+10FFFF
           b"\xe2\x82", b"\xf0\x9d\x84", b"\xc3", b"a\xc3",         # truncated
           b"\xe2\x28\xa1", b"\xc3\x28", b"\xf0\x9d\x84\x28"]       # bad continuation


def case_utf8_valid_sequences():
    for s in VALID:
        if not valid(s):
            raise AssertionError("refused %r" % s)


def case_utf8_invalid_sequences():
    for s in INVALID:
        if valid(s):
            raise AssertionError("accepted %r" % s)


# -- frames in ----------------------------------------------------------------

def case_text_and_binary_frames():
    eq(events(client_frame(TEXT, "h\u00e9llo")), [("text", "h\u00e9llo")])
    eq(events(client_frame(BINARY, b"\x00\xff" * 10)), [("binary", b"\x00\xff" * 10)])
    eq(events(client_frame(TEXT, b"")), [("text", "")])


def case_unmasked_by_every_mask_phase():
    # Payload lengths around the 4-byte mask period and the three length forms.
    for n in (1, 2, 3, 4, 5, 125, 126, 127, 1000, 65535, 65536):
        data = bytes((i * 7) & 0xFF for i in range(n))
        eq(feed_all(client_frame(BINARY, data, mask=b"\xa5\x5a\x0f\xf0"), 0, 70000),
           [("binary", data)])
    eq(feed_all(client_frame(BINARY, b"xyz" * 500, mask=b"\x01\x02\x03\x04"), 1, 4096),
       [("binary", b"xyz" * 500)])


def case_unmask_matches_byte_loop():
    mask = b"\x9a\x01\xfe\x37"
    data = bytes(range(256)) * 3
    for phase in range(4):
        want = bytes(b ^ mask[(i + phase) % 4] for i, b in enumerate(data))
        eq(unmask(data, mask, phase), want)
    eq(unmask(b"", mask, 2), b"")


def case_fragmented_message_with_ping_between():
    data = (client_frame(TEXT, "Hel", fin=False) + client_frame(PING, "p1") +
            client_frame(0, "lo, ", fin=False) + client_frame(0, "w\u00f6rld"))
    eq(events(data), [("ping", b"p1"), ("text", "Hello, w\u00f6rld")])


def case_multibyte_character_split_across_fragments():
    e = "\u20ac".encode()
    data = client_frame(TEXT, e[:1], fin=False) + client_frame(0, e[1:])
    eq(events(data), [("text", "\u20ac")])


def case_control_frames():
    eq(events(client_frame(PING, b"")), [("ping", b"")])
    eq(events(client_frame(PONG, b"abc")), [("pong", b"abc")])
    eq(events(client_frame(PING, b"x" * 125)), [("ping", b"x" * 125)])
    eq(events(client_frame(CLOSE, close_payload(1000, "bye"))), [("close", (1000, "bye"))])
    eq(events(client_frame(CLOSE, b"")), [("close", (1005, ""))])
    eq(events(client_frame(CLOSE, close_payload(4321, ""))), [("close", (4321, ""))])


def case_malformed_frames_are_1002():
    eq(error_code(client_frame(TEXT, "hi", mask=None)), 1002)             # unmasked
    eq(error_code(client_frame(TEXT, "hi", rsv=4)), 1002)                 # RSV1, no extension
    eq(error_code(client_frame(TEXT, "hi", rsv=1)), 1002)                 # RSV3
    eq(error_code(client_frame(3, "hi")), 1002)                           # reserved opcode
    eq(error_code(client_frame(11, "hi")), 1002)                          # reserved control
    eq(error_code(client_frame(PING, "hi", fin=False)), 1002)             # fragmented control
    eq(error_code(client_frame(PING, b"x" * 126)), 1002)                  # control over 125
    eq(error_code(client_frame(0, "hi")), 1002)                           # continuation first
    eq(error_code(client_frame(TEXT, "a", fin=False) + client_frame(TEXT, "b")), 1002)
    eq(error_code(client_frame(BINARY, b"x" * 10, length_form=16)), 1002)  # not shortest
    eq(error_code(client_frame(BINARY, b"x" * 300, length_form=64)), 1002)
    eq(error_code(client_frame(CLOSE, b"\x03")), 1002)                    # 1-byte close
    for code in (0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000):
        eq(error_code(client_frame(CLOSE, close_payload(code, "") if code != 1005
                                   else b"\x03\xed")), 1002)
    # A 64-bit length with its top bit set.
    eq(error_code(b"\x82\xff\x80" + b"\x00" * 7 + b"\x00\x00\x00\x00"), 1002)


def case_invalid_utf8_is_1007():
    eq(error_code(client_frame(TEXT, b"\xc0\xaf")), 1007)          # overlong '/'
    eq(error_code(client_frame(TEXT, b"ok \xed\xa0\x80")), 1007)  # surrogate
    eq(error_code(client_frame(TEXT, b"\xe2\x82", fin=False) + client_frame(0, b"")), 1007)
    eq(error_code(client_frame(CLOSE, b"\x03\xe8\xff")), 1007)     # close reason
    # Binary messages are not text: any bytes are fine.
    eq(events(client_frame(BINARY, b"\xc0\xaf")), [("binary", b"\xc0\xaf")])


def case_max_message_is_1009_before_the_payload_arrives():
    eq(error_code(client_frame(BINARY, b"x" * 201), 200), 1009)
    eq(events(client_frame(BINARY, b"x" * 200), 200), [("binary", b"x" * 200)])
    # Fragments count together.
    frags = client_frame(TEXT, "x" * 150, fin=False) + client_frame(0, "y" * 51)
    eq(error_code(frags, 200), 1009)
    # Refused from the header alone: the payload is never needed.
    p = FrameParser(200)
    p.feed(client_frame(BINARY, b"x" * 100000)[:14])
    try:
        p.next()
        raise AssertionError("no error")
    except ProtocolError as e:
        eq(e.code, 1009)


def case_parser_holds_no_more_than_one_message():
    p = FrameParser(1000)
    p.feed(client_frame(BINARY, b"z" * 999)[:300])
    eq(p.next(), None)
    if len(p.msg) > 300:
        raise AssertionError("buffered more than was fed")


# -- frames out ---------------------------------------------------------------

def case_frame_header_lengths():
    eq(frame_header(TEXT, 0), b"\x81\x00")
    eq(frame_header(BINARY, 125), b"\x82\x7d")
    eq(frame_header(BINARY, 126), b"\x82\x7e\x00\x7e")
    eq(frame_header(BINARY, 65535), b"\x82\x7e\xff\xff")
    eq(frame_header(BINARY, 65536), b"\x82\x7f\x00\x00\x00\x00\x00\x01\x00\x00")
    eq(frame_header(TEXT, 3, fin=False), b"\x01\x03")


def case_close_payload():
    eq(close_payload(1000, "bye"), b"\x03\xe8bye")
    eq(close_payload(1005), b"")
    eq(close_payload(None), b"")
    try:
        close_payload(1000, "x" * 124)
        raise AssertionError("long reason accepted")
    except ValueError:
        pass
