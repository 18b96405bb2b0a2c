"""apps/site_app: sub-apps mounted under prefixes (app1 with its own init,
app2 with an app-wide headers_mode and its own static/), lazy and eager init,
and the default error page."""
from compat_support import app_fixture
from support import request

server = app_fixture("site_app:site")
lazy = app_fixture("site_app:site", [("lazy_init", 1)])


def get(server, path, **kw):
    return request(server.port, "GET", path, **kw)


def test_root(server):
    r = get(server, "/")
    assert r.status == 200 and b"app1" in r.body


def test_mounted_app_sees_the_path_below_its_prefix(server):
    assert get(server, "/app1").text == "This is webapp #1 at /"
    assert get(server, "/app1/").text == "This is webapp #1 at /"
    assert get(server, "/app1/page").text == "app1 page"


def test_mount_prefix_matches_whole_segments(server):
    assert get(server, "/app10").status == 404
    assert get(server, "/app1x/page").status == 404
    assert get(server, "/app1/nope").status == 404


def test_app_wide_headers_mode_of_a_mounted_app(server):
    assert get(server, "/app2/").text == "This is webapp #2; headers kept: False"
    assert get(server, "/app2/parsed", headers={"X-Who": "me"}).text == "app2 parsed me"


def test_mounted_app_serves_its_own_static_folder(server):
    r = get(server, "/app2/static/hello.txt")
    assert r.status == 200 and r.body == b"static of app2\n"
    assert get(server, "/static/hello.txt").status == 404


def test_unhandled_error_is_a_500_page_and_server_goes_on(server):
    r = get(server, "/boom")
    assert r.status == 500 and b"500" in r.body
    assert get(server, "/").status == 200


def test_eager_init_runs_every_app_init_once_at_start(server):
    assert get(server, "/inits").json() == {"site": 1, "app1": 1}
    get(server, "/app1/")
    assert get(server, "/inits").json() == {"site": 1, "app1": 1}


def test_lazy_init_runs_a_mounted_app_init_on_its_first_request(lazy):
    assert get(lazy, "/inits").json() == {"site": 1, "app1": 0}
    assert get(lazy, "/app1/page").text == "app1 page"
    assert get(lazy, "/inits").json() == {"site": 1, "app1": 1}
    get(lazy, "/app1/")
    assert get(lazy, "/inits").json() == {"site": 1, "app1": 1}
