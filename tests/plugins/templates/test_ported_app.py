"""A picoweb 1.x app shipped as a namespace package (no __init__.py) renders its
templates/ through the core's render_template, over a real socket on both
runtimes, with the bytes the real utemplate 1.4.1 renders for them."""
import os

import pytest

import support
import utemplate_ref
from tpl_cases import write_files

PAGE = """{% args req, items %}
<!DOCTYPE html>
<html>
<body>
  <h1>{{ req.method }} {{ req.path }}</h1>
  {% include "list.tpl" items %}
  {% if not items %}
  <p>nothing</p>
  {% endif %}
</body>
</html>
"""
LIST = """{% args items %}
<ul>
{% for i in items %}
  <li>{{ i }}</li>
{% endfor %}
</ul>
"""
APP = """import picoweb_core as picoweb

app = picoweb.WebApp(__name__)
ITEMS = ["one", "two & <three>"]


@app.route("/")
def index(req, resp):
    yield from picoweb.start_response(resp)
    yield from app.render_template(resp, "page.tpl", (req, ITEMS))


@app.route("/empty")
def empty(req, resp):
    yield from picoweb.start_response(resp)
    yield from app.render_template(resp, "page.tpl", (req, []))
"""
MAIN = """import sys
sys.path.insert(0, sys.argv[2])
from tplns_ported.app import app
app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=0)
"""


class Req:
    method = "GET"

    def __init__(self, path):
        self.path = path


@pytest.mark.parametrize("runtime", support.RUNTIMES)
def test_ported_app_renders_utemplates_bytes(tmp_path, utemplate_site, runtime):
    pkgs = tmp_path / "pkgs"
    write_files(pkgs, {"tplns_ported/app.py": APP, "tplns_ported/templates/page.tpl": PAGE,
                       "tplns_ported/templates/list.tpl": LIST})
    assert not (pkgs / "tplns_ported" / "__init__.py").exists()
    cwd = tmp_path / "cwd"  # no templates/ here: only the package's __path__ leads to them
    write_files(cwd, {"main.py": MAIN})
    folder = str(pkgs / "tplns_ported" / "templates")
    proc = support.AppProcess(runtime, str(cwd / "main.py"), [str(pkgs)], cwd=str(cwd)).start()
    try:
        for path, items in (("/", ["one", "two & <three>"]), ("/empty", []), ("/", ["one", "two & <three>"])):
            r = support.request(proc.port, "GET", path)
            assert r.status == 200, r.body
            expected = utemplate_ref.render(utemplate_site, folder, "page.tpl", Req(path), items)
            assert r.body == expected.encode(), path
    finally:
        out = proc.stop()
    assert "Traceback" not in out, out
    assert os.path.exists(os.path.join(folder, "page_tpl.py"))  # compiled next to the templates
