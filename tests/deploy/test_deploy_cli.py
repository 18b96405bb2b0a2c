"""`python -m picoweb_core run module:app --host --port --debug`: serves the app
over real sockets, and says clearly what is missing when the module or the app
attribute is not there."""
import os
import subprocess
import sys

import support
from deploy_support import ROOT, Process


def cli(args, cwd=ROOT):
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    return subprocess.run([sys.executable, "-m", "picoweb_core"] + args, cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=60)


def test_run_serves_the_app_with_host_port_and_debug():
    cmd = [sys.executable, "-m", "picoweb_core", "run", "examples.hello.app:app",
           "--host", "127.0.0.1", "--port", "{port}", "--debug", "1"]
    p = Process(cmd, cwd=ROOT).start()
    try:
        r = support.request(p.port, "GET", "/hello/cli")
        assert r.status == 200 and r.json() == {"hello": "cli"}
        # the access line is written just after the response: a second request
        # makes sure the first one's line is out before the process is stopped
        assert support.request(p.port, "GET", "/").status == 200
    finally:
        out = p.stop()
    assert '"GET /hello/cli" 200' in out  # --debug 1: an access line per request


def test_app_attribute_defaults_to_app_and_module_is_found_from_the_cwd(tmp_path):
    (tmp_path / "site_app.py").write_text(
        "import picoweb_core\napp = picoweb_core.WebApp(__name__)\n"
        "@app.route('/')\nasync def index(req, resp):\n    return 'from cwd'\n")
    cmd = [sys.executable, "-m", "picoweb_core", "run", "site_app", "--port={port}"]
    with Process(cmd, cwd=str(tmp_path)) as p:
        assert support.request(p.port, "GET", "/").text == "from cwd"


def test_a_missing_module_is_named():
    r = cli(["run", "no_such_module:app"])
    assert r.returncode == 2
    assert "no module named 'no_such_module'" in r.stderr and "Traceback" not in r.stderr


def test_a_missing_app_attribute_is_named_with_what_the_module_has():
    r = cli(["run", "examples.hello.app:application"])
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "has no attribute 'application' (it has: app)" in r.stderr


def test_an_attribute_that_is_not_an_app_is_refused():
    r = cli(["run", "examples.hello.app:sys"])
    assert r.returncode == 2 and "not a picoweb_core.WebApp" in r.stderr


def test_a_missing_import_inside_the_app_is_shown_whole(tmp_path):
    # Not "no module named broken_app": the app exists, its own import failed.
    (tmp_path / "broken_app.py").write_text("import no_such_dependency\n")
    r = cli(["run", "broken_app:app"], cwd=str(tmp_path))
    assert r.returncode != 0 and "no_such_dependency" in r.stderr and "Traceback" in r.stderr


def test_bad_options_are_usage_errors():
    for args in (["run"], ["run", "examples.hello.app", "--port", "eighty"],
                 ["run", "examples.hello.app", "--verbose"], ["serve"]):
        r = cli(args)
        assert r.returncode == 2 and "usage:" in r.stderr, args


def test_a_factory_is_called(tmp_path):
    (tmp_path / "factory_app.py").write_text(
        "import picoweb_core\ndef make_app():\n    app = picoweb_core.WebApp(__name__)\n"
        "    app.add_url_rule('/', lambda req, resp: 'made')\n    return app\n")
    cmd = [sys.executable, "-m", "picoweb_core", "run", "factory_app:make_app()", "--port", "{port}"]
    with Process(cmd, cwd=str(tmp_path)) as p:
        assert support.request(p.port, "GET", "/").text == "made"
