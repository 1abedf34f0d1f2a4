"""Browser tests: Debian's Chromium driven by Playwright (sync API) against pytest-django's
live_server, on the real PostgreSQL test database with the seed ingested.

No browser is ever downloaded: Playwright gets `executable_path` (CHROMIUM_PATH, else `chromium`
on PATH). Every request to a host other than the live server is blocked and recorded, so a test
fails if a page reaches for another host (fonts included), and every Content-Security-Policy
violation is recorded (the `securitypolicyviolation` event and the console), so a test fails if
the policy refused a style, script, font or image. Screenshots go to test-artifacts/screenshots/
(git-ignored).
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread
# with a running loop unless told that this is deliberate (test code only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Runs before any script of the page (Playwright injects it through the DevTools protocol, so the
# site's CSP does not apply to it): every violation the policy reports is kept for the test.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    `${e.effectiveDirective} refused ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`
  );
});
"""


# Each test module marks itself (the live server sees only committed data, so these tests commit
# and flush; serialized_rollback restores the migrations' reference data, aliases and topics):
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


class Visit:
    """A page of a fresh browser context that records responses and blocked foreign requests."""

    def __init__(
        self, browser, base_url: str, viewport: dict, locale: str = "en-GB", also_allow=()
    ):
        """`also_allow`: other hosts (host:port) the page may reach, such as a second local
        origin that frames the site's embed card."""
        self.base_url = base_url
        self.context = browser.new_context(viewport=viewport, locale=locale)
        self.page = self.context.new_page()
        self.responses: list = []
        self.foreign: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.console_csp: list[str] = []
        self.context.add_init_script(WATCH_CSP)
        hosts = {urlsplit(base_url).netloc, *also_allow}
        self.context.route("**/*", lambda route: self._route(route, hosts))
        self.page.on("response", lambda response: self.responses.append(response))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.console_csp.append(message.text)

    def csp_violations(self) -> list[str]:
        """Violations of the page now open (its events) and of every page so far (console)."""
        try:
            events = self.page.evaluate("window.__cspViolations || []")
        except Exception:  # the page is closed or navigating: the console still has them
            events = []
        return [*events, *self.console_csp]

    def _route(self, route, hosts):
        url = route.request.url
        if urlsplit(url).netloc not in hosts and not url.startswith(("data:", "about:")):
            self.foreign.append(url)
            route.abort()
        else:
            route.continue_()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def goto(self, path: str):
        self.check_csp()  # the page being left: its violations are lost with it otherwise
        response = self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("load")
        return response

    def check_csp(self):
        found = self.csp_violations()
        assert not found, f"Content-Security-Policy violations on {self.page.url}: {found}"

    def log_in(self, user):
        """Sign `user` in (a session made by Django's test client, given to the browser)."""
        from django.conf import settings
        from django.test import Client

        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        self.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": self.base_url}]
        )

    def screenshot(self, name: str):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def axe_violations(self, impacts=("serious", "critical")) -> list[dict]:
        # evaluated through the DevTools protocol, so the site's CSP (no inline scripts) holds
        self.page.evaluate(AXE.read_text(encoding="utf-8") + "\n;void 0")
        result = self.page.evaluate("async () => await axe.run(document)")
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in result["violations"]
            if v["impact"] in impacts
        ]

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, live_server, seeded):
    """`visit(viewport=...)` opens a page on the live server, the seed already ingested."""
    opened: list[Visit] = []

    def open_visit(viewport=DESKTOP, locale="en-GB", also_allow=()) -> Visit:
        v = Visit(browser, live_server.url, viewport, locale, also_allow)
        opened.append(v)
        return v

    yield open_visit
    for v in opened:
        v.check_csp()
        v.close()
        assert not v.foreign, f"requests left for other hosts: {v.foreign}"
        assert not v.errors, f"JavaScript errors: {v.errors}"
