"""Unit cases for the auth plugin's pure functions, run on both runtimes:
`case_*` functions, called by test_auth_units.py on CPython and by mp_runner.py
under micropython. Published vectors are the expected values: RFC 4231
(HMAC-SHA256) and RFC 7914 section 11 (PBKDF2-HMAC-SHA256)."""
try:
    import binascii
except ImportError:
    import ubinascii as binascii

from picoweb_auth import compat
from picoweb_auth.hmac_sha256 import HMACKey, hmac_sha256
from picoweb_auth.http_auth import parse_basic, parse_bearer
from picoweb_auth.login import safe_next
from picoweb_auth.passwords import (_pbkdf2_python, apbkdf2_sha256, averify_password,
                                    hash_password, needs_rehash, pbkdf2_sha256,
                                    verify_password)
from picoweb_auth.throttle import Throttle


def h(s):
    return binascii.unhexlify(s.replace(" ", ""))


def eq(a, b):
    if a != b:
        raise AssertionError("%r != %r" % (a, b))


def ok(cond, what="condition"):
    if not cond:
        raise AssertionError(what)


def raises(exc, fn, *args):
    try:
        fn(*args)
    except exc:
        return
    raise AssertionError("%s not raised" % exc.__name__)


# RFC 4231 section 4: (key, data, HMAC-SHA-256, bytes compared).
RFC4231 = [
    (b"\x0b" * 20, b"Hi There",
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", 32),
    (b"Jefe", b"what do ya want for nothing?",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", 32),
    (b"\xaa" * 20, b"\xdd" * 50,
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe", 32),
    (bytes(range(1, 26)), b"\xcd" * 50,
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b", 32),
    (b"\x0c" * 20, b"Test With Truncation", "a3b6167473100ee06e0c796c2955552b", 16),
    (b"\xaa" * 131, b"Test Using Larger Than Block-Size Key - Hash Key First",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", 32),
    (b"\xaa" * 131, b"This is a test using a larger than block-size key and a larger than "
     b"block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2", 32),
]

# RFC 7914 section 11.
PBKDF2_1 = ("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
            "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")
PBKDF2_80000 = ("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d")


def case_hmac_rfc4231():
    for key, data, mac, n in RFC4231:
        eq(hmac_sha256(key, data)[:n], h(mac))
        eq(HMACKey(key).digest(data)[:n], h(mac))  # one key, reused


def case_hmac_key_reused_for_many_messages():
    k = HMACKey(b"Jefe")
    first = k.digest(b"what do ya want for nothing?")
    k.digest(b"something else")
    eq(k.digest(b"what do ya want for nothing?"), first)


def case_pbkdf2_rfc7914_one_iteration():
    eq(pbkdf2_sha256(b"passwd", b"salt", 1, 64), h(PBKDF2_1))
    eq(_pbkdf2_python(b"passwd", b"salt", 1, 64), h(PBKDF2_1))


def case_pbkdf2_rfc7914_80000_iterations():
    # The slow vector, on both runtimes: about 0.25 s under micropython here.
    eq(pbkdf2_sha256("Password", "NaCl", 80000, 64), h(PBKDF2_80000))


def case_pbkdf2_own_loop_80000_iterations():
    # The pure loop MicroPython uses, also on CPython (where hashlib's is used).
    eq(_pbkdf2_python(b"Password", b"NaCl", 80000, 64), h(PBKDF2_80000))


def case_pbkdf2_rejects_zero_iterations():
    raises(ValueError, pbkdf2_sha256, b"p", b"s", 0)


def case_hash_and_verify():
    stored = hash_password("correct horse", 50)
    parts = stored.split("$")
    eq(parts[0], "pbkdf2_sha256")
    eq(parts[1], "50")
    eq(len(compat.b64decode(parts[2])), 16)
    eq(len(compat.b64decode(parts[3])), 32)
    ok(verify_password("correct horse", stored), "right password")
    ok(not verify_password("correct hors", stored), "wrong password")
    ok(not verify_password("", stored), "empty password")
    ok(verify_password(b"correct horse", stored.encode()), "bytes in")


def case_hash_salts_differ():
    a = hash_password("same", 10)
    b = hash_password("same", 10)
    ok(a != b, "two hashes of one password share a salt")
    ok(verify_password("same", a) and verify_password("same", b))


def case_hash_non_ascii_password():
    stored = hash_password("p\u00e4ss:w\u00f6rd \u2603", 20)
    ok(verify_password("p\u00e4ss:w\u00f6rd \u2603", stored))
    ok(not verify_password("pass:word", stored))


def case_old_iteration_counts_still_verify():
    old = hash_password("pw", 10)
    new = hash_password("pw", 40)
    ok(verify_password("pw", old) and verify_password("pw", new))
    ok(needs_rehash(old, 40), "fewer iterations than wanted")
    ok(not needs_rehash(new, 40))


def case_malformed_stored_hashes_are_false():
    good = hash_password("pw", 10)
    salt, dk = good.split("$")[2:]
    for bad in ("", "pw", None, 12, b"\xff\xfe", "pbkdf2_sha256$10$" + salt,
                "md5$10$%s$%s" % (salt, dk), "pbkdf2_sha256$x$%s$%s" % (salt, dk),
                "pbkdf2_sha256$0$%s$%s" % (salt, dk), "pbkdf2_sha256$-5$%s$%s" % (salt, dk),
                "pbkdf2_sha256$99999999999$%s$%s" % (salt, dk),
                "pbkdf2_sha256$10$!!!$%s" % dk, "pbkdf2_sha256$10$%s$" % salt,
                good + "$extra"):
        ok(verify_password("pw", bad) is False, repr(bad))


def case_hash_password_checks_iterations():
    raises(ValueError, hash_password, "pw", 0)
    raises(ValueError, hash_password, "pw", "1000")


def case_compare_digest():
    ok(compat.compare_digest(b"abc", b"abc"))
    ok(compat.compare_digest("abc", b"abc"))
    ok(not compat.compare_digest(b"abc", b"abd"))
    ok(not compat.compare_digest(b"abc", b"abcd"))
    ok(not compat.compare_digest(b"", b"a"))
    ok(compat.compare_digest(b"", b""))


def case_random_bytes():
    a = compat.random_bytes(16)
    eq(len(a), 16)
    ok(a != compat.random_bytes(16), "two random salts equal")


def case_base64_strict():
    eq(compat.b64decode("YWRtaW46cHc="), b"admin:pw")
    for bad in ("YWRtaW46cHc", "YWRt aW46", "YW*taW46cHc=", "=YWR", "YQ===", "Y===",
                "YWRtaW46cHc=\n"):
        raises(ValueError, compat.b64decode, bad)
    for data in (b"", b"\x00", b"\xff\xfe\xfd", bytes(range(256))):
        eq(compat.b64url_decode(compat.b64url_encode(data)), data)
        ok("=" not in compat.b64url_encode(data) and "+" not in compat.b64url_encode(data))
    raises(ValueError, compat.b64url_decode, "a+b/")


def case_parse_basic():
    def enc(raw):
        return b"Basic " + compat.b64encode(raw).encode()
    eq(parse_basic(enc(b"admin:s3cret")), ("admin", "s3cret"))
    eq(parse_basic(enc(b"admin:pa:ss:wd")), ("admin", "pa:ss:wd"))  # ':' in the password
    eq(parse_basic(enc(b"admin:")), ("admin", ""))
    eq(parse_basic(enc(b":pw")), ("", "pw"))
    eq(parse_basic(enc("j\u00f6rg:p\u00e4ss".encode())), ("j\u00f6rg", "p\u00e4ss"))
    eq(parse_basic(b"basic " + compat.b64encode(b"a:b").encode()), ("a", "b"))
    for bad in (None, b"", b"Basic", b"Basic ", b"Bearer " + compat.b64encode(b"a:b").encode(),
                b"Basic !!!!", b"Basic YWRtaW4", enc(b"no colon"), enc(b"\xff\xfe:pw"),
                enc(b"user:\xc3"), b"Digest username=a", b"BasicYTpi"):
        eq(parse_basic(bad), None)


def case_parse_bearer():
    eq(parse_bearer(b"Bearer tok-123.abc~"), "tok-123.abc~")
    eq(parse_bearer(b"bearer abc"), "abc")
    for bad in (None, b"", b"Bearer", b"Bearer ", b"Basic abc", b"Bearer a b",
                b"Bearer \xc3\xa4"):
        eq(parse_bearer(bad), None)


def case_safe_next():
    eq(safe_next("/private?x=1"), "/private?x=1")
    for bad in (None, "", "http://evil.example/", "//evil.example", "/\\evil.example",
                "evil", "/a\r\nSet-Cookie: x=1", "javascript:alert(1)"):
        eq(safe_next(bad), "/")


def case_throttle_locks_after_attempts():
    t = Throttle(attempts=3, lockout=60, max_lockout=600, size=4)
    eq(t.retry_after("a"), 0)
    eq(t.failure("a"), 0)
    eq(t.failure("a"), 0)
    wait = t.failure("a")
    ok(55 <= wait <= 60, "third failure locks for the lockout: %r" % wait)
    ok(t.retry_after("a") > 0)
    eq(t.retry_after("b"), 0)  # per address
    ok(t.failure("a") > wait, "a further failure doubles the wait")
    t.success("a")
    eq(t.retry_after("a"), 0)


def case_throttle_doubling_is_capped():
    t = Throttle(attempts=1, lockout=10, max_lockout=40, size=2)
    waits = [t.failure("x") for _ in range(8)]
    ok(waits[0] <= 10 and waits[1] <= 20 and waits[2] <= 40, repr(waits))
    ok(max(waits) <= 40, repr(waits))


def case_throttle_table_is_bounded():
    t = Throttle(attempts=2, lockout=60, max_lockout=60, size=4)
    for i in range(100):
        t.failure("10.0.0.%d" % i)  # one failure each: none locked
    eq(len(t.entries), 4)


def case_throttle_eviction_keeps_locked_entries():
    t = Throttle(attempts=2, lockout=60, max_lockout=60, size=3)
    t.failure("locked")
    t.failure("locked")
    ok(t.retry_after("locked") > 0)
    for i in range(20):
        t.failure("other%d" % i)
    ok(t.retry_after("locked") > 0, "a locked address was evicted by newcomers")


def case_throttle_many_addresses_share_overflow():
    # Every slot locked: newcomers share one entry, so fresh addresses do not
    # buy fresh attempts, and memory stays at `size` entries.
    t = Throttle(attempts=2, lockout=60, max_lockout=60, size=2)
    for a in ("a", "b"):
        t.failure(a)
        t.failure(a)
    t.failure("c")
    t.failure("d")
    ok(t.retry_after("e") > 0, "overflow entry not locked after two newcomers failed")
    eq(len(t.entries), 2)


def case_throttle_checks_arguments():
    raises(ValueError, Throttle, 0)
    raises(ValueError, Throttle, 3, 10, 5)


class _App:
    # What Sessions.install touches of an app.
    def before_request(self, f):
        self.before = f

    def after_request(self, f):
        self.after = f


def _sessions(keys, max_age=3600):
    from picoweb_auth.sessions import Sessions
    s = Sessions(keys=keys, max_age=max_age)
    s.install(_App())
    return s


KEY_A = "key-a-0123456789abcdef"
KEY_B = "key-b-0123456789abcdef"


def case_session_roundtrip():
    s = _sessions([KEY_A])
    value = s.sign({"uid": "ann", "n": [1, 2], "u": "\u00e4"})
    data, issued = s.unsign(value)
    eq(data, {"uid": "ann", "n": [1, 2], "u": "\u00e4"})
    ok(abs(issued - compat.now()) <= 2)
    for c in value:
        ok(c.isalpha() or c.isdigit() or c in "-_.", "cookie-unsafe character %r" % c)


def case_session_tampered_truncated_and_garbage_are_empty():
    s = _sessions([KEY_A])
    value = s.sign({"uid": "ann"})
    body, issued, expires, mac = value.split(".")
    forged = compat.b64url_encode(b'{"uid": "admin"}')
    bad = [value[:-1], value[:10], value + "x", "", ".", "...", "a.b.c.d",
           ".".join((forged, issued, expires, mac)),               # changed payload
           ".".join((body, str(int(issued) + 1), expires, mac)),   # changed issue time
           ".".join((body, issued, str(int(expires) + 999), mac)),  # extended expiry
           ".".join((body, issued, expires, mac[:-2])),
           value.replace(".", "", 1), "\u00e4" + value, value + ".x"]
    for v in bad:
        eq(s.unsign(v), None)


def case_session_wrongly_encoded_but_signed_is_empty():
    # Signed with the right key, yet not base64url JSON of an object.
    s = _sessions([KEY_A])
    t = compat.now()
    for body in ("!!!", compat.b64url_encode(b"\xff\xfe"), compat.b64url_encode(b"[1, 2]"),
                 compat.b64url_encode(b"{not json")):
        signed = "%s.%d.%d" % (body, t, t + 3600)
        value = signed + "." + compat.b64url_encode(s.macs[0].digest(
            ("session=" + signed).encode()))
        eq(s.unsign(value), None)


def case_session_expired_and_future_are_empty():
    s = _sessions([KEY_A], max_age=100)
    t = compat.now()
    eq(s.unsign(s.sign({"a": 1}, issued=t - 101)), None)     # expired
    eq(s.unsign(s.sign({"a": 1}, issued=t + 3600)), None)    # issued in the future
    ok(s.unsign(s.sign({"a": 1}, issued=t - 50)) is not None)
    # A server that shortens max_age expires older cookies at once.
    eq(_sessions([KEY_A], max_age=10).unsign(s.sign({"a": 1}, issued=t - 50)), None)


def case_session_key_rotation():
    old = _sessions([KEY_A])
    rotated = _sessions([KEY_B, KEY_A])
    new_only = _sessions([KEY_B])
    v_old = old.sign({"uid": 1})
    eq(rotated.unsign(v_old)[0], {"uid": 1})        # old cookies still verify
    v_new = rotated.sign({"uid": 2})
    eq(new_only.unsign(v_new)[0], {"uid": 2})       # the first key signs
    eq(old.unsign(v_new), None)
    eq(new_only.unsign(v_old), None)                # the retired key is gone


def case_session_cookie_name_is_signed():
    from picoweb_auth.sessions import Sessions
    a = Sessions(keys=[KEY_A], cookie="a")
    b = Sessions(keys=[KEY_A], cookie="b")
    a.install(_App())
    b.install(_App())
    eq(b.unsign(a.sign({"x": 1})), None)


def case_sessions_need_a_key():
    from picoweb_auth.sessions import Sessions
    for keys in (None, [], "", ["short"], [KEY_A, "short"]):
        raises(ValueError, Sessions(keys=keys).install, _App())
    raises(TypeError, Sessions(keys=[12345678901234567890]).install, _App())


def case_session_too_large_is_refused():
    s = _sessions([KEY_A])
    raises(ValueError, s.sign, {"x": "y" * 3000})


class _Clock:
    # A ticks_ms stand-in the cases move by hand.
    def __init__(self):
        self.ms = 1000

    def __call__(self):
        return self.ms


def case_throttle_lockout_ends_and_doubles():
    clock = _Clock()
    t = Throttle(attempts=3, lockout=60, max_lockout=600, size=4, forget=900, clock=clock)
    for _ in range(3):
        t.failure("a")
    eq(t.retry_after("a"), 60)
    clock.ms += 59001
    eq(t.retry_after("a"), 1)
    clock.ms += 1000
    eq(t.retry_after("a"), 0)          # the window has passed
    eq(t.failure("a"), 120)            # the next failure locks twice as long
    clock.ms += 120000
    eq(t.failure("a"), 240)
    clock.ms += 240000
    eq(t.failure("a"), 480)
    clock.ms += 480000
    eq(t.failure("a"), 600)            # capped at max_lockout


def case_throttle_forgets_quiet_addresses():
    clock = _Clock()
    t = Throttle(attempts=3, lockout=60, max_lockout=600, size=4, forget=900, clock=clock)
    t.failure("a")
    t.failure("a")
    clock.ms += 901000
    eq(t.failure("a"), 0)              # counted from zero again
    eq(t.failure("a"), 0)
    eq(t.failure("a"), 60)


def case_throttle_success_clears():
    clock = _Clock()
    t = Throttle(attempts=2, lockout=60, max_lockout=600, size=4, clock=clock)
    t.failure("a")
    t.success("a")
    eq(t.failure("a"), 0)
    eq(t.failure("a"), 60)


def case_async_pbkdf2_and_verify():
    run = compat.asyncio.run
    eq(run(apbkdf2_sha256(b"passwd", b"salt", 1, 64)), h(PBKDF2_1))
    eq(run(apbkdf2_sha256("Password", "NaCl", 80000, 64)), h(PBKDF2_80000))
    stored = hash_password("correct horse", 2500)   # several steps of STEP iterations
    ok(run(averify_password("correct horse", stored)) is True)
    ok(run(averify_password("correct hors", stored)) is False)
    ok(run(averify_password("x", None)) is False)
    ok(run(averify_password("x", "pbkdf2_sha256$x$y$z")) is False)
