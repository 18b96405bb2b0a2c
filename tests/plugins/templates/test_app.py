"""The plugin contract with the core, checked against a stand-in app (the core is
written separately): install() registers the loader, and the core's
render_template/render_str only need load(name) -> render(*args) -> str chunks."""
from picoweb_templates import Templates
from tpl_cases import write_files


class FakeApp:
    """Does what the core's WebApp does with a template loader, and nothing else."""

    def install(self, plugin):
        plugin.install(self)

    def render_template(self, resp, name, args=()):
        for chunk in self.template_loader.load(name)(*args):
            resp.append(chunk)

    def render_str(self, name, args=()):
        return "".join(self.template_loader.load(name)(*args))


def test_install_registers_loader_and_app_renders(tmp_path):
    write_files(tmp_path, {"index.tpl": "{% args who %}<h1>Hi {{ who }}</h1>"})
    app = FakeApp()
    plugin = Templates(str(tmp_path))
    app.install(plugin)
    assert app.template_loader is plugin
    assert plugin.name == "templates"
    written = []
    app.render_template(written, "index.tpl", ("<Ann>",))
    assert written == ["<h1>Hi ", "&lt;Ann&gt;", "</h1>"]
    assert app.render_str("index.tpl", ("Bo",)) == "<h1>Hi Bo</h1>"


def test_picoweb_1x_layout_templates_folder_relative_to_cwd(tmp_path, monkeypatch):
    write_files(tmp_path, {"templates/index.tpl": "{% args n %}n={{ n }}"})
    monkeypatch.chdir(str(tmp_path))
    app = FakeApp()
    app.install(Templates())
    assert app.render_str("index.tpl", (1,)) == "n=1"


def test_handler_can_return_the_render_generator(tmp_path):
    # A handler returns t.render(...) and the core iterates it like any chunk iterator.
    write_files(tmp_path, {"page.tpl": "{% for i in range(3) %}{{ i }}{% endfor %}"})
    body = Templates(str(tmp_path)).render("page.tpl")
    assert iter(body) is body
    assert list(body) == ["0", "1", "2"]
