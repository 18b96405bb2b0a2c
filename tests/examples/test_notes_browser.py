"""The notes UI in a real browser: headless Chromium (Debian's chromium and
chromium-driver) driven by Selenium, against the app on each runtime."""
import os
import shutil

import pytest

import support
from notes_support import NotesServer

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

HOSTILE = '<script>window.pwned = 1</script><b>bold?</b> & "quotes"'


@pytest.fixture
def browser(tmp_path):
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage", "--user-data-dir=" + str(tmp_path / "profile")):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    yield driver
    driver.quit()


def note_texts(driver):
    # One script call reads the list at one instant (the page's script may be
    # removing an item between two WebDriver calls).
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#notes li.note .content'))"
        ".map(function (e) { return e.textContent; });")


def wait(driver, until, timeout=15):
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: until(d))


def ready(driver, selector):
    # The element once it can take input: on a busy machine a page may still be
    # laying out when WebDriver first finds it ("element not interactable").
    def usable(d):
        found = d.find_elements(By.CSS_SELECTOR, selector)
        return found[0] if found and found[0].is_displayed() and found[0].is_enabled() else None
    return wait(driver, usable)


def add_with_javascript(driver, text):
    box = ready(driver, "#content")
    box.clear()
    # send_keys cannot type every character (emoji); set the value as a user's paste would.
    driver.execute_script("arguments[0].value = arguments[1];", box, text)
    ready(driver, "#new-note button[type=submit]").click()
    wait(driver, lambda d: note_texts(d)[:1] == [text])


@pytest.mark.parametrize("runtime,storage", [
    ("cpython", "btree"),
    pytest.param("micropython", "filedb", marks=support.needs_micropython)])
def test_add_archive_reload_and_html_as_text(browser, tmp_path, runtime, storage):
    with NotesServer(runtime, storage, str(tmp_path / "data")) as server:
        browser.get(server.url("/"))
        assert browser.title == "Notes"
        assert note_texts(browser) == []
        # A marker that a page load would wipe: adding must not navigate.
        browser.execute_script("window.samePage = 'yes';")
        add_with_javascript(browser, "first note")
        add_with_javascript(browser, "second note, caf\u00e9 \u20ac")
        add_with_javascript(browser, HOSTILE)
        assert browser.execute_script("return window.samePage;") == "yes"
        assert note_texts(browser) == [HOSTILE, "second note, caf\u00e9 \u20ac", "first note"]
        assert browser.find_element(By.ID, "content").get_attribute("value") == ""

        # Archive the second note with its button; it leaves the list in place.
        item = browser.find_elements(By.CSS_SELECTOR, "#notes li.note")[1]
        item.find_element(By.CSS_SELECTOR, "form.archive button").click()
        wait(browser, lambda d: len(note_texts(d)) == 2)
        assert browser.execute_script("return window.samePage;") == "yes"

        # After a reload the server's page agrees: archived note gone, order kept,
        # and the hostile note is text (rendered by the template this time).
        browser.get(server.url("/"))
        assert browser.execute_script("return window.samePage;") is None
        assert note_texts(browser) == [HOSTILE, "first note"]
        hostile = browser.find_elements(By.CSS_SELECTOR, "#notes li.note .content")[0]
        assert hostile.find_elements(By.TAG_NAME, "b") == []
        assert hostile.find_elements(By.TAG_NAME, "script") == []
        assert browser.execute_script("return window.pwned;") is None

        # An empty note is refused with the server's message, nothing added.
        box = browser.find_element(By.ID, "content")
        browser.execute_script("arguments[0].removeAttribute('required'); arguments[0].value = '   ';", box)
        browser.find_element(By.CSS_SELECTOR, "#new-note button[type=submit]").click()
        wait(browser, lambda d: "empty" in d.find_element(By.ID, "message").text)
        assert note_texts(browser) == [HOSTILE, "first note"]
    assert "Traceback" not in server.output, server.output


def test_without_javascript_the_forms_post_and_redirect(tmp_path):
    # The same flows with JavaScript switched off: plain form posts and 303s.
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage", "--user-data-dir=" + str(tmp_path / "profile")):
        opts.add_argument(flag)
    opts.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(30)
    try:
        with NotesServer("cpython", "sqlite", str(tmp_path / "data")) as server:
            driver.get(server.url("/"))
            driver.execute_script("window.samePage = 'yes';")
            ready(driver, "#content").send_keys("typed without JS <i>x</i>")
            ready(driver, "#new-note button[type=submit]").click()
            wait(driver, lambda d: note_texts(d) == ["typed without JS <i>x</i>"])
            assert driver.current_url == server.url("/")
            # A new page was loaded (the 303), not updated in place by the script.
            assert driver.execute_script("return window.samePage;") is None
            ready(driver, "#notes form.archive button").click()
            wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#notes li.note") == [])
            assert server.listing() == []
    finally:
        driver.quit()


def test_with_login_the_browser_logs_in_adds_archives_and_logs_out(browser, tmp_path):
    from test_notes_login import add_user
    data = str(tmp_path / "data")
    add_user(data, "ann", "correct horse")
    with NotesServer("cpython", "sqlite", data, args=["--login"]) as server:
        browser.get(server.url("/"))
        assert "/login" in browser.current_url
        ready(browser, "#user").send_keys("ann")
        ready(browser, "#password").send_keys("correct horse")
        ready(browser, "#login button[type=submit]").click()
        wait(browser, lambda d: d.current_url == server.url("/"))
        add_with_javascript(browser, "behind a login")
        add_with_javascript(browser, HOSTILE)
        browser.find_elements(By.CSS_SELECTOR, "#notes form.archive button")[0].click()
        wait(browser, lambda d: note_texts(d) == ["behind a login"])
        browser.get(server.url("/"))
        assert note_texts(browser) == ["behind a login"]
        ready(browser, "form.logout button").click()
        wait(browser, lambda d: "/login" in d.current_url)
        browser.get(server.url("/"))
        assert "/login" in browser.current_url
