"""The manifests as `mip` reads them: the real micropython binary runs its own
mip to install picoweb_static (and through its deps the core) from an HTTP
server on 127.0.0.1 holding a copy of the tree, then serves an app with only
the installed folder on its path."""
import functools
import http.server
import os
import shutil
import subprocess
import threading

import pytest

import support
from deploy_support import ROOT, Process, board_env
from picoweb_core import build


@pytest.fixture
def repo(tmp_path):
    """A copy of the tree served over HTTP, its manifests pointing at that server."""
    root = tmp_path / "repo"
    shutil.copytree(os.path.join(ROOT, "picoweb_core"), str(root / "picoweb_core"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(os.path.join(ROOT, "plugins"), str(root / "plugins"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    (root / "setup.py").write_text("")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = "http://127.0.0.1:%d" % server.server_address[1]
    build.manifests(str(root), repo=url)
    try:
        yield root, url
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@support.needs_micropython
def test_mip_installs_a_plugin_and_the_core_it_depends_on(repo, tmp_path):
    root, url = repo
    board = tmp_path / "board"
    (board / "www").mkdir(parents=True)
    lib = board / "lib"
    r = subprocess.run([support.MICROPYTHON, "-c",
                        "import mip; mip.install(%r, target=%r)" % (url + "/plugins/static", str(lib))],
                       env=board_env(), cwd=str(board), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, universal_newlines=True, timeout=120)
    assert r.returncode == 0 and "Done" in r.stdout, r.stdout
    installed = set()
    for dirpath, _, files in os.walk(str(lib)):
        installed |= {os.path.relpath(os.path.join(dirpath, f), str(lib)).replace(os.sep, "/")
                      for f in files}
    known = build.packages(str(root))
    expected = {n + "/" + f for n in ("picoweb_core", "picoweb_static")
                for f in build.board_files(n, known[n])}
    assert installed == expected  # only what the app imports: no other plugin
    (board / "www" / "hello.txt").write_text("installed by mip\n")
    (board / "app.py").write_text(
        "import sys\nimport picoweb_core\nfrom picoweb_static import StaticFiles\n"
        "app = picoweb_core.WebApp(__name__)\napp.install(StaticFiles('www', prefix='/'))\n"
        "app.run(host='127.0.0.1', port=int(sys.argv[1]), debug=-1)\n")
    with Process([support.MICROPYTHON, "app.py", "{port}"], env=board_env(), cwd=str(board)) as p:
        r = support.request(p.port, "GET", "/hello.txt")
        assert r.status == 200 and r.text == "installed by mip\n"
