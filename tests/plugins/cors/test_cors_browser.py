"""CORS as a browser enforces it: headless Chromium loads a page from one
port and fetches from the API on another; the page allowed by the API's CORS
set-up reads the answers, another page is blocked, and a refused preflight
keeps the request from ever reaching a handler. Both runtimes."""
import os
import shutil

import pytest

import support

HERE = os.path.dirname(os.path.abspath(__file__))
APP = os.path.join(HERE, "cors_app.py")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    MISSING = None
except ImportError:
    MISSING = "selenium is not installed: scripts/install-test-deps"
if MISSING is None and not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
    MISSING = "chromium and chromium-driver are not installed: scripts/install-test-deps"

pytestmark = pytest.mark.skipif(MISSING is not None, reason=str(MISSING))


@pytest.fixture
def browser(tmp_path):
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--user-data-dir=" + str(tmp_path / "profile")):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    yield driver
    driver.quit()


def probe(browser, page, api):
    browser.get(page.url("/"))
    return browser.execute_async_script(
        "const done = arguments[arguments.length - 1]; probe(arguments[0]).then(done);",
        "http://127.0.0.1:%d" % api.port)


def calls(api):
    return support.request(api.port, "GET", "/calls", headers={"Connection": "close"}).json()[
        "calls"]


@pytest.mark.parametrize("runtime", support.RUNTIMES)
def test_the_browser_allows_and_blocks_per_the_cors_setup(browser, runtime):
    procs = []
    try:
        allowed = support.AppProcess(runtime, APP, ["page"]).start()
        procs.append(allowed)
        other = support.AppProcess(runtime, APP, ["page"]).start()
        procs.append(other)
        api = support.AppProcess(runtime, APP,
                                 ["list", "http://127.0.0.1:%d" % allowed.port]).start()
        procs.append(api)

        before = calls(api)
        out = probe(browser, allowed, api)
        # GET and the preflighted PUT (a custom header, JSON) are read; the
        # exposed header is visible; DELETE is refused at its preflight.
        assert out["get"] == "GET" and out["get_total"] == "42", out
        assert out["put"] == "PUT" and out["put_total"] == "42", out
        assert out["del"] == "blocked", out
        assert calls(api) == before + 2  # the DELETE never reached a handler

        before = calls(api)
        out = probe(browser, other, api)
        assert (out["get"], out["put"], out["del"]) == ("blocked",) * 3, out
        # The simple GET was sent (browsers send it and hide the answer); the
        # preflighted requests were stopped before they left the browser.
        assert calls(api) == before + 1
    finally:
        for p in procs:
            p.stop()


def probe_credentials(browser, page, api):
    browser.get(page.url("/"))
    return browser.execute_async_script(
        "const done = arguments[arguments.length - 1]; probeCredentials(arguments[0]).then(done);",
        "http://127.0.0.1:%d" % api.port)


@pytest.mark.parametrize("runtime", support.RUNTIMES)
def test_credentialed_fetches_need_the_echoed_origin(browser, runtime):
    procs = []
    try:
        page = support.AppProcess(runtime, APP, ["page"]).start()
        procs.append(page)
        origin = "http://127.0.0.1:%d" % page.port
        apis = {}
        for config in ("star", "starcred", "cred"):
            apis[config] = support.AppProcess(runtime, APP, [config, origin]).start()
            procs.append(apis[config])
        # "*" without credentials: a plain fetch reads it, a credentialed one is refused.
        assert probe(browser, page, apis["star"])["get"] == "GET"
        assert probe_credentials(browser, page, apis["star"]) == "blocked"
        # The plugin's "*" with credentials echoes the origin: the browser accepts it.
        assert probe_credentials(browser, page, apis["starcred"]) == "GET"
        # A listed origin with credentials.
        assert probe_credentials(browser, page, apis["cred"]) == "GET"
    finally:
        for p in procs:
            p.stop()
