"""A WebApp subclass that overrides every documented subclassing point and
calls super() gets the default behaviour (issue 16), on both runtimes; a
mounted app's own hooks and error handlers run for its requests; middleware
and teardown hooks run in order."""
from support import app_fixture, request

server = app_fixture("tests/apps/subclass_app.py")

POINTS = ["add_url_rule", "route", "install", "before_request", "after_request",
          "teardown_request", "use", "errorhandler", "mount", "init", "start_server", "serve",
          "handle", "dispatch", "handle_exc"]


def get(server, path):
    return request(server.port, "GET", path)


def events(server):
    return get(server, "/events").json()["events"]


def test_every_overridden_point_ran_and_the_defaults_work(server):
    assert get(server, "/").body == b"hello"
    r = get(server, "/boom")  # handle_exc through super(): the default 500 page
    assert r.status == 500
    assert get(server, "/plain").body == b"plain"
    calls = get(server, "/calls").json()
    assert calls["marked"] is True  # install() through super() ran the plugin
    assert sorted(calls["calls"]) == sorted(POINTS)


def test_middleware_and_hooks_run_in_order(server):
    events(server)
    r = get(server, "/")
    assert r.body == b"hello" and r.headers["x-outer"] == "1"
    assert events(server) == ["mw.outer.in", "app.before", "mw.outer.out", "app.after",
                              "app.teardown:-"]


def test_middleware_sees_and_replaces_the_value(server):
    assert get(server, "/mw-wraps").body == b"wrapped:inner"
    r = get(server, "/mw-answers")  # no such route: the middleware answered first
    assert (r.status, r.body) == (200, b"from middleware")


def test_teardown_sees_the_exception(server):
    events(server)
    assert get(server, "/boom").status == 500
    assert events(server)[-1] == "app.teardown:KeyError"


def test_mounted_app_runs_its_own_hooks(server):
    events(server)
    assert get(server, "/sub/").body == b"sub index"
    assert events(server) == ["mw.outer.in", "app.before", "sub.mw.in", "sub.before",
                              "sub.mw.out", "mw.outer.out", "sub.after", "app.after",
                              "sub.teardown", "app.teardown:-"]


def test_mounted_app_middleware_and_escaped_paths(server):
    r = get(server, "/sub/caf%C3%A9")
    assert r.status == 200 and r.body == "sub cafe /caf%C3%A9".encode()


def test_mounted_app_error_handlers_come_first(server):
    r = get(server, "/sub/teapot")
    assert (r.status, r.body) == (418, b"sub handles 418")
    r = get(server, "/teapot")
    assert (r.status, r.body) == (418, b"app handles 418")
    # Not handled by the sub-app: the parent's handler answers.
    r = get(server, "/sub/zero")
    assert (r.status, r.body) == (500, b"app handles zero")
    assert get(server, "/sub/missing-here").status == 404
