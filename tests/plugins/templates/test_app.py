"""The plugin with the real core, end to end on both runtimes: render_template
streams, render_str returns a str, a handler may return the render generator."""
import os
import tempfile

import pytest

import support

HERE = os.path.dirname(os.path.abspath(__file__))
# page.tpl's newline after its {% include %} line is not output (as utemplate):
# the one newline at the end comes from row_list.tpl.
EXPECTED = ("<h1>{}</h1>\n<ul><li>a&lt;b</li><li>c&amp;d</li><li>e</li></ul>\n")


@pytest.fixture(scope="module", params=support.RUNTIMES)
def server(request):
    cache = tempfile.mkdtemp()
    proc = support.AppProcess(request.param, os.path.join(HERE, "templates_app.py"), [cache],
                              extra_paths=[HERE])
    proc.start()
    yield proc
    proc.stop()


def test_render_template_streams_chunked(server):
    r = support.request(server.port, "GET", "/stream")
    assert r.status == 200 and r.headers["transfer-encoding"] == "chunked"
    assert r.text == EXPECTED.format("Streamed")


def test_render_str_returns_one_body(server):
    r = support.request(server.port, "GET", "/str")
    assert r.headers["content-length"] == str(len(r.body))
    assert r.text == EXPECTED.format("As str")


def test_handler_returns_the_render_generator(server):
    r = support.request(server.port, "GET", "/returned")
    assert r.headers["transfer-encoding"] == "chunked"
    assert r.text == EXPECTED.format("Returned")


def test_picoweb_1x_layout_templates_folder_relative_to_cwd(tmp_path, monkeypatch):
    from picoweb_templates import Templates
    from tpl_cases import write_files
    write_files(tmp_path, {"templates/index.tpl": "{% args n %}n={{ n }}"})
    monkeypatch.chdir(str(tmp_path))
    assert Templates().render_str("index.tpl", 1) == "n=1"


def test_install_sets_the_apps_loader(tmp_path):
    from picoweb_core import WebApp
    from picoweb_templates import Templates
    app = WebApp(__name__)
    plugin = app.install(Templates(str(tmp_path)))
    assert app.template_loader is plugin and app.plugins["templates"] is plugin
