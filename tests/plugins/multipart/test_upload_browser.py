"""A real upload from an <input type=file> form: headless Chromium (Debian's
chromium and chromium-driver) driven by Selenium, against the app on each
runtime; the file on disk must match byte for byte."""
import os
import shutil

import pytest
import upload_support as us

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


@pytest.mark.parametrize("runtime", support.RUNTIMES)
def test_upload_from_a_file_input(browser, tmp_path, runtime):
    root = tmp_path / "server"
    root.mkdir()
    name = "donn\u00e9es \u20ac.bin"
    local = tmp_path / name
    # Bytes that look like delimiters, CRs and every byte value: 300 KB.
    data = (b"\r\n--" + b"\r\n------WebKitFormBoundary\r" + bytes(range(256))) * 1100
    local.write_bytes(data)
    proc = support.AppProcess(runtime, us.APP, [str(root)]).start()
    try:
        browser.get(proc.url("/"))
        browser.find_element(By.ID, "title").send_keys("caf\u00e9 photo")
        browser.find_element(By.ID, "file").send_keys(str(local))
        browser.find_element(By.ID, "send").click()
        done = WebDriverWait(browser, 30, poll_frequency=0.1).until(
            lambda d: d.find_elements(By.ID, "done"))
        stored = done[0].text
        assert browser.find_element(By.ID, "filename").text == name
        assert browser.find_element(By.ID, "title").text == "caf\u00e9 photo"
        with open(os.path.join(str(root), "up", stored), "rb") as f:
            assert f.read() == data
        assert os.listdir(os.path.join(str(root), "up")) == [stored]
    finally:
        out = proc.stop()
    assert "Traceback" not in out, out
