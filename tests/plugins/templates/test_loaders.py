"""The three loaders (compiled, source, recompile), the cache folder and the pkg option."""
import os
import sys

import pytest

from picoweb_templates import Templates, TemplateError
from picoweb_templates.compile import compile_dir
from tpl_cases import write_files


def edit(folder, name, text, bump=10):
    """Rewrite a template and move its mtime forward, as an editor save would."""
    write_files(folder, {name: text})
    path = os.path.join(str(folder), name)
    st = os.stat(path)
    os.utime(path, (st.st_atime + bump, st.st_mtime + bump))


def test_source_writes_module_next_to_template_and_reuses_it(tmp_path):
    write_files(tmp_path, {"index.tpl": "{% args x %}v1 {{ x }}"})
    assert Templates(str(tmp_path)).render_str("index.tpl", 1) == "v1 1"
    module = tmp_path / "index_tpl.py"
    assert module.exists()
    assert "def render(x):" in module.read_text()
    # The source loader does not watch for edits: a new process keeps the written module.
    edit(tmp_path, "index.tpl", "{% args x %}v2 {{ x }}")
    assert Templates(str(tmp_path)).render_str("index.tpl", 1) == "v1 1"


def test_source_cache_folder(tmp_path):
    write_files(tmp_path / "tpl", {"parts/row.tpl": "row"})
    cache = tmp_path / "cache" / "deep"
    t = Templates(str(tmp_path / "tpl"), cache=str(cache))
    assert t.render_str("parts/row.tpl") == "row"
    assert (cache / "parts_row_tpl.py").exists()
    assert sorted(os.listdir(str(tmp_path / "tpl"))) == ["parts"]


def test_source_on_read_only_storage_compiles_in_memory(tmp_path):
    write_files(tmp_path, {"t.tpl": "ok"})
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder would go")
    assert Templates(str(tmp_path), cache=str(blocker)).render_str("t.tpl") == "ok"


def test_source_recompiles_when_escape_option_differs(tmp_path):
    write_files(tmp_path, {"t.tpl": "{% args x %}{{ x }}"})
    assert Templates(str(tmp_path)).render_str("t.tpl", "<") == "&lt;"
    assert Templates(str(tmp_path), autoescape=False).render_str("t.tpl", "<") == "<"


def test_recompile_picks_up_edit_without_restart(tmp_path):
    write_files(tmp_path, {"t.tpl": "{% args x %}one {{ x }}"})
    t = Templates(str(tmp_path), loader="recompile")
    assert t.render_str("t.tpl", "a") == "one a"
    edit(tmp_path, "t.tpl", "{% args x %}two {{ x }}")  # same size: the mtime tells
    assert t.render_str("t.tpl", "a") == "two a"
    assert "two" in (tmp_path / "t_tpl.py").read_text()


def test_recompile_same_second_edit_seen_by_size(tmp_path):
    write_files(tmp_path, {"t.tpl": "short"})
    t = Templates(str(tmp_path), loader="recompile")
    assert t.render_str("t.tpl") == "short"
    write_files(tmp_path, {"t.tpl": "much longer"})
    assert t.render_str("t.tpl") == "much longer"


def test_recompile_follows_static_includes(tmp_path):
    write_files(tmp_path, {"page.tpl": "[{% include \"part.tpl\" %}]", "part.tpl": "p1"})
    t = Templates(str(tmp_path), loader="recompile")
    assert t.render_str("page.tpl") == "[p1]"
    edit(tmp_path, "part.tpl", "p2")
    assert t.render_str("page.tpl") == "[p2]"


def test_recompile_stale_cache_at_startup(tmp_path):
    write_files(tmp_path, {"t.tpl": "old"})
    assert Templates(str(tmp_path)).render_str("t.tpl") == "old"
    edit(tmp_path, "t.tpl", "new")
    assert Templates(str(tmp_path), loader="recompile").render_str("t.tpl") == "new"


def test_recompile_keeps_loaded_template_when_unchanged(tmp_path):
    write_files(tmp_path, {"t.tpl": "x"})
    t = Templates(str(tmp_path), loader="recompile")
    assert t.load("t.tpl") is t.load("t.tpl")


def test_compiled_loader_imports_modules_without_sources(tmp_path):
    write_files(tmp_path, {"cmp_a.tpl": "{% args x %}A{{ x }}{% include \"inc.tpl\" %}",
                           "inc.tpl": "I", "cmp_dyn.tpl": "{% include {{ 'inc.tpl' }} %}"})
    compile_dir(str(tmp_path))
    for name in ("cmp_a.tpl", "inc.tpl", "cmp_dyn.tpl"):
        os.remove(str(tmp_path / name))
    t = Templates(str(tmp_path), loader="compiled")
    assert t.render_str("cmp_a.tpl", "<") == "A&lt;I"
    assert t.render_str("cmp_dyn.tpl") == "I"
    assert str(tmp_path) not in sys.path
    assert "cmp_a_tpl" not in sys.modules
    with pytest.raises(TemplateError) as info:
        t.load("missing.tpl")
    assert "no compiled module 'missing_tpl'" in str(info.value)


def test_compiled_loaders_of_two_folders_keep_their_own_modules(tmp_path):
    for folder in ("one", "two"):
        write_files(tmp_path / folder, {"index.tpl": folder})
        compile_dir(str(tmp_path / folder))
    one = Templates(str(tmp_path / "one"), loader="compiled")
    two = Templates(str(tmp_path / "two"), loader="compiled")
    assert (one.render_str("index.tpl"), two.render_str("index.tpl")) == ("one", "two")


def test_compiled_loader_never_compiles(tmp_path):
    write_files(tmp_path, {"only_source_xyz.tpl": "src"})
    with pytest.raises(TemplateError):
        Templates(str(tmp_path), loader="compiled").load("only_source_xyz.tpl")
    assert not (tmp_path / "only_source_xyz_tpl.py").exists()


def test_source_loader_falls_back_to_compiled_module(tmp_path):
    write_files(tmp_path, {"fb_only.tpl": "shipped"})
    compile_dir(str(tmp_path), out=str(tmp_path / "mods"))
    os.remove(str(tmp_path / "fb_only.tpl"))
    t = Templates(str(tmp_path / "nosrc"), cache=str(tmp_path / "mods"))
    assert t.render_str("fb_only.tpl") == "shipped"


def test_pkg_option_finds_templates_in_app_package(tmp_path, monkeypatch):
    write_files(tmp_path, {"tplapp_pkg/__init__.py": "",
                           "tplapp_pkg/templates/index.tpl": "{% args n %}pkg {{ n }}"})
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(str(tmp_path / "tplapp_pkg"))  # cwd must not matter
    try:
        assert Templates("templates", pkg="tplapp_pkg").render_str("index.tpl", 1) == "pkg 1"
        assert (tmp_path / "tplapp_pkg" / "templates" / "index_tpl.py").exists()
        # Precompiled modules inside the package import by dotted name, as picoweb 1.x did.
        t = Templates("templates", pkg="tplapp_pkg", loader="compiled")
        assert t.render_str("index.tpl", 2) == "pkg 2"
        assert Templates("templates", pkg="__main__").path == "templates"
    finally:
        for mod in list(sys.modules):
            if mod.startswith("tplapp_pkg"):
                del sys.modules[mod]


def _forget(prefix):
    for mod in list(sys.modules):
        if mod.startswith(prefix):
            del sys.modules[mod]


@pytest.mark.parametrize("loader", ["source", "recompile", "compiled"])
def test_namespace_package_templates_found_through_its_path(tmp_path, monkeypatch, loader):
    # No __init__.py: the package has no __file__, only __path__ (as utemplate reads it).
    pkgs = tmp_path / "pkgs"
    write_files(pkgs, {"tplns_pkg/templates/index.tpl": "{% args n %}\nns {{ n }}\n{% include \"p.tpl\" %}\n",
                       "tplns_pkg/templates/p.tpl": "part\n"})
    if loader == "compiled":
        compile_dir(str(pkgs / "tplns_pkg" / "templates"))
    monkeypatch.syspath_prepend(str(pkgs))
    elsewhere = tmp_path / "elsewhere"
    write_files(elsewhere, {"templates/index.tpl": "the wrong folder"})
    monkeypatch.chdir(str(elsewhere))  # the cwd must not matter, even with a templates/ here
    try:
        t = Templates("templates", pkg="tplns_pkg", loader=loader)
        assert t.path == str(pkgs / "tplns_pkg" / "templates")
        assert t.render_str("index.tpl", 1) == "ns 1\npart\n"
    finally:
        _forget("tplns_pkg")


def test_namespace_package_spanning_two_folders(tmp_path, monkeypatch):
    # CPython joins same-named folders on sys.path into one namespace package:
    # the templates are in whichever portion has the folder.
    write_files(tmp_path / "a", {"tplns2_pkg/other.txt": ""})
    write_files(tmp_path / "b", {"tplns2_pkg/templates/t.tpl": "from b"})
    monkeypatch.syspath_prepend(str(tmp_path / "b"))
    monkeypatch.syspath_prepend(str(tmp_path / "a"))
    monkeypatch.chdir(str(tmp_path))
    try:
        assert Templates("templates", pkg="tplns2_pkg").render_str("t.tpl") == "from b"
    finally:
        _forget("tplns2_pkg")


def test_core_renders_a_namespace_package_apps_templates(tmp_path, monkeypatch):
    # A picoweb 1.x app renders without installing an engine: the core hands the
    # plugin its package name, the plugin finds the package's templates/.
    import picoweb_core
    write_files(tmp_path / "pkgs", {"tplns3_app/templates/hi.tpl": "{% args req %}\nhi {{ req }}\n"})
    monkeypatch.syspath_prepend(str(tmp_path / "pkgs"))
    monkeypatch.chdir(str(tmp_path))
    try:
        import tplns3_app  # noqa: F401
        app = picoweb_core.WebApp("tplns3_app")
        assert app.render_str("hi.tpl", ("<r>",)) == "hi <r>\n"
    finally:
        _forget("tplns3_app")


@pytest.mark.parametrize("loader", ["source", "recompile"])
def test_modules_cached_by_an_older_plugin_are_recompiled(tmp_path, loader):
    # Before FORMAT 2 the newline after a tag was output: a module cached then
    # must not keep rendering the old bytes after an upgrade.
    write_files(tmp_path, {"t.tpl": "{% args x %}\n{{ x }}\n"})
    t = Templates(str(tmp_path), autoescape=False)
    old = t.compile("t.tpl").replace("FORMAT = 2\n", "").replace("yield str(x)", "yield 'old:' + str(x)")
    assert "FORMAT" not in old
    write_files(tmp_path, {"t_tpl.py": old})
    assert Templates(str(tmp_path), loader=loader, autoescape=False).render_str("t.tpl", 1) == "1\n"
    assert "FORMAT = 2" in (tmp_path / "t_tpl.py").read_text()
