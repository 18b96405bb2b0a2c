"""The live counter page in headless Chromium (Debian's chromium and
chromium-driver, driven by Selenium) over a WebSocket, on both runtimes."""
import os
import shutil
import time

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

server = support.app_fixture("tests/plugins/websocket/ws_app.py")


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


def wait(driver, until, timeout=20):
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: until(d))


def count(driver):
    text = driver.find_element(By.ID, "count").text
    return int(text) if text.isdigit() else -1


def open_count(port):
    return support.request(port, "GET", "/stats").json()["open"]


def test_live_counter_page(browser, server):
    browser.get(server.url("/"))
    assert browser.title == "counter"
    # The page's "ping?" came back over the same socket.
    wait(browser, lambda d: d.find_element(By.ID, "reply").text == "pong!")
    # The counter moves on by itself: the server pushes it.
    wait(browser, lambda d: count(d) >= 3)
    first = count(browser)
    wait(browser, lambda d: count(d) >= first + 5)
    assert open_count(server.port) == 1
    # Plain HTTP requests are served meanwhile.
    assert support.request(server.port, "GET", "/ping").body == b"pong"
    # The page closes the WebSocket: the server answers the close handshake
    # (the page sees the clean close and its code) and lets the connection go.
    browser.execute_script("ws.close(1000, 'bye');")
    wait(browser, lambda d: d.title == "closed 1000")
    end = time.time() + 15
    while time.time() < end and open_count(server.port):
        time.sleep(0.1)
    assert open_count(server.port) == 0
