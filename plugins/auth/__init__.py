# picoweb_auth: Basic and Bearer auth, password hashing, signed-cookie
# sessions, login and CSRF for picoweb-core apps, on CPython and MicroPython.
#
#     from picoweb_auth import BasicAuth, Sessions, LoginManager, hash_password
#
# Every name loads its own module on first use (module __getattr__), so an
# app with Basic auth only never compiles the session, HMAC or PBKDF2 code;
# a board pays for what it imports. Module notes are comments: a docstring
# would be built on the heap before the compiler drops it.

_WHERE = {
    "BasicAuth": "http_auth", "BearerAuth": "http_auth", "basic_auth": "http_auth",
    "bearer_auth": "http_auth", "parse_basic": "http_auth", "parse_bearer": "http_auth",
    "Throttle": "throttle", "too_many": "throttle", "client_address": "throttle",
    "hash_password": "passwords", "verify_password": "passwords", "needs_rehash": "passwords",
    "pbkdf2_sha256": "passwords", "BOARD_ITERATIONS": "passwords",
    "SERVER_ITERATIONS": "passwords",
    "hmac_sha256": "hmac_sha256", "HMACKey": "hmac_sha256",
    "compare_digest": "compat", "random_bytes": "compat",
    "Sessions": "sessions", "Session": "sessions",
    "LoginManager": "login", "login_required": "login", "login_user": "login",
    "logout_user": "login", "safe_next": "login",
    "csrf_token": "csrf", "csrf_field": "csrf", "csrf_protect": "csrf", "same_origin": "csrf",
}

__all__ = tuple(_WHERE)


def __getattr__(name):
    where = _WHERE.get(name)
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
