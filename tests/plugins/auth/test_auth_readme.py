"""The login examples in README.md and plugins/auth/README.md, run as written
(only the port and host changed) on CPython and on micropython, and driven
through a login over real sockets."""
import os
import re

import pytest

import support
from auth_support import FORM, form, http, set_cookies

ROOT = support.ROOT


def example(readme, after):
    with open(os.path.join(ROOT, readme)) as f:
        text = f.read()
    start = text.index("```python\n", text.index(after)) + len("```python\n")
    code = text[start:text.index("```", start)]
    run = 'app.run(host="0.0.0.0", port=8081)'
    assert code.count(run) == 1
    return "import sys\n" + code.replace(run, 'app.run(host="127.0.0.1", port=int(sys.argv[1]))')


EXAMPLES = {
    "README.md": (example("README.md", "**Auth**"), "/"),
    "plugins/auth/README.md": (example("plugins/auth/README.md", "## A complete login"),
                               "/relay"),
}


@pytest.fixture(params=support.RUNTIMES)
def runtime(request):
    return request.param


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_readme_login_example(tmp_path, runtime, name):
    code, page = EXAMPLES[name]
    script = tmp_path / "app.py"
    script.write_text(code)
    (tmp_path / "secret.key").write_text("0123456789abcdef0123456789abcdef\n")
    app = support.AppProcess(runtime, str(script), cwd=str(tmp_path)).start(timeout=30)
    try:
        port = app.port
        r = http(port, "GET", page)
        assert r.status == 302 and r.headers["location"] == "/login?next=" + page
        r = http(port, "GET", "/login?next=" + page)
        token = re.search(rb'name="csrf_token" value="([^"]+)"', r.body).group(1).decode()
        jar = {"Cookie": "session=" + set_cookies(r)["session"][0]}
        r = http(port, "POST", "/login?next=" + page, dict(FORM, **jar),
                 form(user="ann", password="wrong", csrf_token=token))
        assert r.status == 401
        r = http(port, "POST", "/login?next=" + page, dict(FORM, **jar),
                 form(user="nobody", password="correct horse", csrf_token=token))
        assert r.status == 401
        r = http(port, "POST", "/login?next=" + page, FORM,
                 form(user="ann", password="correct horse"))
        assert r.status == 403  # no token, no same-origin headers
        r = http(port, "POST", "/login?next=" + page, dict(FORM, **jar),
                 form(user="ann", password="correct horse", csrf_token=token))
        assert r.status == 302 and r.headers["location"] == page
        me = {"Cookie": "session=" + set_cookies(r)["session"][0]}
        r = http(port, "GET", page, me)
        assert r.status == 200 and b"ann" in r.body
        r = http(port, "POST", page, dict(me, Origin="http://evil.example"), "")
        assert r.status == 403
        r = http(port, "POST", page, dict(me, **{"Sec-Fetch-Site": "same-origin"}), "")
        assert r.status == 200
    finally:
        app.stop()
