# Login for the notes app, switched on by --login / NOTES_LOGIN=1: picoweb_auth's
# signed-cookie sessions and login_required in front of every page and API route
# (the CSS and JS stay public). Users live in DATA/users.txt, one "name:hash" a
# line (`python -m examples.notes --add-user NAME`); the session key in
# DATA/secret.key, made on the first start. Loaded only when the setting is on.
import os

USERS = "users.txt"
SECRET = "secret.key"


def _auth():
    try:
        import picoweb_auth
        picoweb_auth.login_required  # noqa: B018 - an older picoweb_auth lacks it
    except (ImportError, AttributeError):
        raise ValueError("--login needs picoweb_auth with sessions and login_required "
                         "(plugins/auth, installed by `pip install -e .`)")
    return picoweb_auth


def read_users(data):
    """{name: password hash} from DATA/users.txt ({} if there is none)."""
    users = {}
    try:
        with open(data + "/" + USERS) as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#") and ":" in line:
                    name, stored = line.split(":", 1)
                    users[name] = stored
    except OSError:
        pass
    return users


def check_name(name):
    if not 0 < len(name) <= 32 or ":" in name or "#" in name or name.strip() != name \
            or "\n" in name:
        raise ValueError("user name must be 1 to 32 characters, without ':', '#' or spaces at its ends")
    return name


def add_user(data, name, password, iterations=None):
    """Store `name` with a hash of `password` (replacing an older entry)."""
    from . import compat
    check_name(name)
    if not password:
        raise ValueError("the password must not be empty")
    stored = _auth().hash_password(password, iterations)
    compat.makedirs(data)
    users = read_users(data)
    users[name] = stored
    path = data + "/" + USERS
    with open(path + ".tmp", "w") as f:
        for n in users:
            f.write("%s:%s\n" % (n, users[n]))
    os.rename(path + ".tmp", path)


def secret(data):
    """The session key: read from DATA/secret.key, made once if missing."""
    path = data + "/" + SECRET
    try:
        with open(path) as f:
            key = f.read().strip()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    import binascii
    key = binascii.hexlify(_auth().random_bytes(32)).decode()
    with open(path, "w") as f:
        f.write(key + "\n")
    return key


def install_login(app, settings, render_page):
    """Sessions, the login manager and /login, /logout on `app`; returns the
    route guard. ValueError when picoweb_auth or the users are missing."""
    auth = _auth()
    users = read_users(settings.data)
    if not users:
        raise ValueError("--login: no users in %s/%s: add one with "
                         "`python -m examples.notes --add-user NAME --data %s`"
                         % (settings.data, USERS, settings.data))
    app.sessions = app.install(auth.Sessions(keys=[secret(settings.data)]))
    login = app.install(auth.LoginManager(lambda uid: uid if uid in users else None,
                                          login_url="/login"))

    @app.route("/login", methods=["GET", "POST"])
    @auth.csrf_protect
    async def login_page(req, resp):
        if req.method != "POST":
            await render_page(req, resp, "login.tpl", ("", csrf_field(req)), 200)
            return
        wait = login.locked(req, resp)
        if wait:
            return login.too_many(wait)
        form = await req.read_form()
        name = form.get("user", "")
        # An unknown name is hashed all the same (None): the answer takes as long
        # and does not tell which names exist. Awaited: a board's hash takes about
        # a second, during which the other connections go on being served.
        if not await auth.averify_password(form.get("password", ""), users.get(name)):
            login.login_failed(req, resp)
            await render_page(req, resp, "login.tpl", ("Wrong name or password.", csrf_field(req)),
                              401)
            return
        auth.login_user(req, resp, name)
        await resp.redirect(login.next_url(req), 303)

    @app.route("/logout", methods=["POST"])
    @auth.login_required
    async def logout(req, resp):
        auth.logout_user(req, resp)
        await resp.redirect("/login", 303)

    return auth.login_required


def csrf_field(req):
    """The hidden CSRF field for this session's forms ("" when login is off)."""
    if getattr(req, "session", None) is None:
        return ""
    import picoweb_auth
    return picoweb_auth.csrf_field(req)
