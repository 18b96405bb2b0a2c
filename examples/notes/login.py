# Login for the notes app, switched on by --login / NOTES_LOGIN=1.


def install_login(app, settings):
    try:
        import picoweb_auth
    except ImportError:
        picoweb_auth = None
    if picoweb_auth is None or not hasattr(picoweb_auth, "login_required"):
        raise ValueError("--login needs picoweb_auth with login_required and sessions, "
                         "which this checkout does not have yet: start without --login")
