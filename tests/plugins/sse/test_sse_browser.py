"""Our event stream as a real browser's EventSource reads it: headless
Chromium (Debian's chromium and chromium-driver, driven by Selenium)."""
import os
import shutil

import pytest

import support

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    MISSING = None
except ImportError:
    MISSING = "selenium is not installed: scripts/install-test-deps"
if MISSING is None and not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
    MISSING = "chromium and chromium-driver are not installed: scripts/install-test-deps"

pytestmark = pytest.mark.skipif(MISSING is not None, reason=str(MISSING))

server = support.app_fixture("tests/plugins/sse/sse_app.py")


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
    yield driver
    driver.quit()


def test_event_source_reads_names_ids_multiline_and_json_data(browser, server):
    browser.get(server.url("/page"))
    WebDriverWait(browser, 20, poll_frequency=0.1).until(lambda d: d.title == "done")
    multi = browser.execute_script("return document.getElementById('multi').textContent;")
    assert multi == "line one\nline two\n\nline four"
    assert browser.find_element(By.ID, "json").text == "caf\u00e9 2"
    assert browser.find_element(By.ID, "ids").text == "a1,2"
