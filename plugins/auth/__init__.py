# picoweb_auth: Basic and Bearer auth, password hashing, signed-cookie
# sessions, login and CSRF for picoweb-core apps, on CPython and MicroPython.
#
#     from picoweb_auth import BasicAuth, Sessions, LoginManager, hash_password
#
# Every name loads its own module on first use (module __getattr__), so an
# app with Basic auth only never compiles the session, HMAC or PBKDF2 code;
# a board pays for what it imports. Module notes are comments: a docstring
# would be built on the heap before the compiler drops it.

# Which module holds each public name: one string per module (a dict of
# thirty names would cost a board more than the string search does).
_WHERE = (
    ("http_auth", " BasicAuth BearerAuth basic_auth bearer_auth parse_basic parse_bearer "),
    ("throttle", " Throttle too_many client_address "),
    ("passwords", " hash_password verify_password averify_password needs_rehash pbkdf2_sha256"
                  " apbkdf2_sha256 BOARD_ITERATIONS SERVER_ITERATIONS "),
    ("hmac_sha256", " hmac_sha256 HMACKey "),
    ("compat", " compare_digest random_bytes "),
    ("sessions", " Sessions Session "),
    ("login", " LoginManager login_required login_user logout_user safe_next "),
    ("csrf", " csrf_token csrf_field csrf_protect same_origin "),
)


def __getattr__(name):
    where = None
    key = " " + name + " "
    for mod, names in _WHERE:
        if key in names:
            where = mod
            break
    if where is None:
        # `from picoweb_auth import sessions`: MicroPython asks here before it
        # looks for a submodule.
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            mod = __import__("picoweb_auth." + name)
        except ImportError:
            raise AttributeError("module 'picoweb_auth' has no attribute %r" % name)
        return getattr(mod, name)
    mod = __import__("picoweb_auth." + where, None, None, (name,))
    value = getattr(mod, name)
    globals()[name] = value
    return value
