"""How the core tells a picoweb 1.x app from a new-style one when it
iterates req.headers (issue 18): the module of a handler imports the core as
`picoweb` (the porting line), unless the app sets `header_bytes` itself.
Both runtimes are covered end to end by tests/compat/test_compat_fidelity.py
(bytes) and tests/core/test_http_musts.py (str)."""
import picoweb_core
from picoweb_core.testing import TestClient

SOURCE = '''
%s

app = WebApp(__name__)


@app.route("/")
async def names(req, resp):
    return {"names": [repr(k) for k in req.headers], "items": [repr(kv) for kv in req.headers.items()]}
'''


def make_app(imports, header_bytes=None):
    ns = {"__name__": "style_app"}
    exec(SOURCE % imports, ns)
    app = ns["app"]
    if header_bytes is not None:
        app.header_bytes = header_bytes
    return app


def names(app):
    r = TestClient(app).get("/", headers={"X-A": "1"})
    assert r.status == 200, r.body
    return r.json()


def test_imported_as_picoweb_iterates_bytes():
    got = names(make_app("import picoweb_core as picoweb\nfrom picoweb_core import WebApp"))
    assert "b'x-a'" in got["names"] and "(b'x-a', b'1')" in got["items"], got


def test_new_style_imports_iterate_str():
    for imports in ("from picoweb_core import WebApp", "import picoweb_core\nWebApp = picoweb_core.WebApp",
                    "import picoweb_core as web\nWebApp = web.WebApp"):
        got = names(make_app(imports))
        assert "'x-a'" in got["names"] and "('x-a', '1')" in got["items"], (imports, got)


def test_the_app_may_say_which_it_wants():
    got = names(make_app("import picoweb_core as picoweb\nfrom picoweb_core import WebApp", False))
    assert "'x-a'" in got["names"], got
    got = names(make_app("from picoweb_core import WebApp", True))
    assert "b'x-a'" in got["names"], got
    assert picoweb_core.WebApp.header_bytes is None  # the class default is left alone
