# Sessions in signed cookies: the session is a JSON object kept by the client,
# signed with HMAC-SHA256, with its issue and expiry times under the signature.
#
#     <base64url(json)>.<issued>.<expires>.<base64url(mac)>
#
# The MAC covers the cookie's name as well, so a value signed for one cookie
# cannot be replayed as another. Keys rotate: the first key signs, every key
# verifies. A cookie that is tampered, truncated, expired, issued in the
# future, or wrongly encoded is an empty session, never an error.
#
# Strategy: the cookie is read only when a handler first touches req.session,
# so requests that never look at it cost one small object.
import json

from picoweb_core import HTTPError

from .compat import b64url_decode, b64url_encode, compare_digest, now
from .hmac_sha256 import HMACKey

# Clock skew tolerated for an issue time ahead of ours (seconds).
SKEW = 60


class Session:
    """The session of one request, a small dict-like object: `req.session`.

    >>> req.session["theme"] = "dark"       # sent back as a new cookie
    >>> req.session.get("theme")
    """

    def __init__(self, store, req):
        self.store = store
        self.req = req
        self.d = None          # loaded on first use
        self.modified = False
        self.issued = None     # issue time of the cookie it came from

    def _data(self):
        if self.d is None:
            self.d = {}
            loaded = self.store.load(self.req)
            if loaded is not None:
                self.d, self.issued = loaded
        return self.d

    def __getitem__(self, key):
        return self._data()[key]

    def __setitem__(self, key, value):
        self._data()[key] = value
        self.modified = True

    def __delitem__(self, key):
        del self._data()[key]
        self.modified = True

    def __contains__(self, key):
        return key in self._data()

    def __len__(self):
        return len(self._data())

    def get(self, key, default=None):
        return self._data().get(key, default)

    def pop(self, key, default=None):
        d = self._data()
        if key in d:
            self.modified = True
            return d.pop(key)
        return default

    def clear(self):
        self._data()
        self.d = {}
        self.modified = True

    def keys(self):
        return self._data().keys()

    def items(self):
        return self._data().items()


class Sessions:
    """Signed-cookie sessions; `req.session` on every request.

    >>> app.install(Sessions(keys=[os.environ["SESSION_KEY"]]))   # no default key
    >>> @app.route("/theme")
    ... async def theme(req, resp):
    ...     req.session["theme"] = "dark"
    ...     return "ok"                     # the cookie goes out with the response

    `keys`: a str/bytes or a list of them (16 bytes or more each); the first
    signs, all verify, so a new key goes first and the old one stays until
    its cookies have expired. `max_age` seconds until a session expires.
    `secure=True` when the board is served over HTTPS. The cookie is always
    HttpOnly, `Path=/`, and SameSite=Lax unless `samesite` says otherwise.
    A handler that writes its own response (start_response) must call
    `sessions.save(req, resp)` before it; returned values are saved for it.
    """
    name = "sessions"

    def __init__(self, keys=None, cookie="session", max_age=86400, secure=False,
                 samesite="Lax", max_size=2048):
        self.keys = keys
        self.cookie = cookie
        self.max_age = int(max_age)
        self.secure = secure
        self.samesite = samesite
        self.max_size = max_size
        self.macs = None

    def install(self, app):
        keys = self.keys
        if isinstance(keys, (str, bytes)):
            keys = [keys]
        if not keys:
            raise ValueError("Sessions needs a secret key: Sessions(keys=[KEY]) with KEY from "
                             "your config, e.g. made once with "
                             "`python -c \"import os,binascii;print(binascii.hexlify(os.urandom(32)))\"`;"
                             " there is no built-in default")
        macs = []
        for key in keys:
            if not isinstance(key, (str, bytes)):
                raise TypeError("session keys must be str or bytes, not %r" % type(key).__name__)
            if len(key) < 16:
                raise ValueError("a session key must have at least 16 bytes (32 random ones "
                                 "are best)")
            macs.append(HMACKey(key))
        if self.max_age <= 0:
            raise ValueError("max_age must be positive")
        self.macs = macs
        app.before_request(self._before)
        app.after_request(self._after)

    def _before(self, req, resp):
        req.session = Session(self, req)

    def _after(self, req, resp):
        s = getattr(req, "session", None)
        if s is not None and s.modified and not resp.started:
            self.save(req, resp)

    # -- the cookie ---------------------------------------------------------

    def _mac(self, mac, signed):
        return b64url_encode(mac.digest(signed.encode()))

    def sign(self, data, issued=None):
        """The cookie value for the dict `data` (issued now unless given)."""
        if issued is None:
            issued = now()
        body = b64url_encode(json.dumps(data).encode())
        signed = "%s.%d.%d" % (body, issued, issued + self.max_age)
        value = signed + "." + self._mac(self.macs[0], self.cookie + "=" + signed)
        if len(value) > self.max_size:
            raise ValueError("session of %d bytes is over max_size (%d): keep less in it"
                             % (len(value), self.max_size))
        return value

    def unsign(self, value):
        """`(data, issued)` from a cookie value, or None if it is not valid now."""
        parts = value.split(".")
        if len(parts) != 4:
            return None
        signed = value[:len(value) - len(parts[3]) - 1]
        target = (self.cookie + "=" + signed).encode()
        ok = False
        for mac in self.macs:
            # Every key is tried, whichever matches: no early exit to time.
            if compare_digest(b64url_encode(mac.digest(target)), parts[3]):
                ok = True
        if not ok:
            return None
        try:
            issued = int(parts[1])
            expires = int(parts[2])
            t = now()
            if issued > t + SKEW or expires <= t or t - issued >= self.max_age:
                return None
            data = json.loads(b64url_decode(parts[0]).decode())
        except (ValueError, TypeError):  # UnicodeError and JSON errors are ValueErrors
            return None
        if not isinstance(data, dict):
            return None
        return data, issued

    def _cookie_value(self, req):
        headers = getattr(req, "headers", None)
        raw = headers.get(b"cookie") if headers is not None else None
        if not raw or self.cookie.encode() not in raw:
            return None
        try:
            jar = req.cookies
        except HTTPError:  # the core's 400 for a header that is not UTF-8
            return None
        return jar.get(self.cookie)

    def load(self, req):
        value = self._cookie_value(req)
        if not value:
            return None
        return self.unsign(value)

    def has_cookie(self, req):
        """Whether the request carries this app's session cookie at all
        (cheap: no signature is checked)."""
        headers = getattr(req, "headers", None)
        raw = headers.get(b"cookie") if headers is not None else None
        return bool(raw) and self.cookie.encode() in raw

    def save(self, req, resp):
        """Put the session's cookie on `resp` now (before its head is sent)."""
        s = req.session
        name = self.cookie
        # One Set-Cookie for the session per response: drop an earlier one.
        prefix = name + "="
        headers = resp.headers
        for i in range(len(headers) - 1, -1, -1):
            h = headers[i]
            if h[0].lower() == "set-cookie" and h[1].startswith(prefix):
                headers.pop(i)
        data = s._data()
        if data:
            resp.set_cookie(name, self.sign(data), max_age=self.max_age, path="/",
                            secure=self.secure, httponly=True, samesite=self.samesite)
        else:
            resp.set_cookie(name, "", max_age=0, expires="Thu, 01 Jan 1970 00:00:00 GMT",
                            path="/", secure=self.secure, httponly=True,
                            samesite=self.samesite)
        s.modified = False
