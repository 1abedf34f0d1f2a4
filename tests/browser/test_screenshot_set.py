"""The screenshot set of the researchers' pages (test-artifacts/screenshots/set-*.png): each
page in both interface languages, on a desktop and on a phone, as Chromium draws it. Each shot
is also checked: the page loads its Nastaliq face, keeps the CSP (the Visit fails otherwise)
and is not wider than the screen (nothing to scroll sideways on a phone)."""

from urllib.parse import quote

import pytest

from statements.models import Claim
from tests.browser.conftest import BROWSER_MARKS, DESKTOP, PHONE

pytestmark = BROWSER_MARKS

PAGES = {
    "search": "/?q=" + quote("روس"),
    "search-name": "/?q=Putin",
    "search-nothing": "/?q=" + quote("دہشت"),
    "meeting": "{meeting}",
    "claim": "{claim}",
    "speaker": "/speakers/vladimir-putin/",
    "topic": "/topics/syria/",
    "compare": "/?q=" + quote("تعاون") + "&compare=" + quote("روس"),
    "fields": "/?q=" + quote('speaker:Putin date:2015 "دو طرفہ" or تعاون'),
    "help": "/search/help/",
}


@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "ur"])
def test_screenshot_set(visit, seeded, language, device):
    v = visit(viewport=DESKTOP if device == "desktop" else PHONE)
    prefix = "/ur" if language == "ur" else ""
    claim = Claim.objects.public().filter(meeting=seeded, speaker__slug="vladimir-putin").first()
    claim = claim.get_absolute_url()
    for name, path in PAGES.items():
        v.goto(prefix + path.format(meeting=seeded.get_absolute_url(), claim=claim))
        v.page.evaluate("async () => { await document.fonts.ready; }")
        assert v.page.evaluate("() => document.fonts.check('20px \"Noto Nastaliq Urdu\"', 'ے ہ')")
        width = v.page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= v.page.viewport_size["width"] + 1, (name, width)
        assert v.page.locator("html").get_attribute("lang") == language
        v.screenshot(f"set-{name}-{language}-{device}")
