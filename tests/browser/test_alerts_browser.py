"""The alert forms in Chromium, in both interface languages, on a desktop and on a phone: the
"Email me" link of a search's results, the form (a bad address, then a good one), the
confirmation link from the message, and the unsubscribe link; each page keeps the CSP, marks
its Urdu as Urdu, fits the screen, and is screenshot (test-artifacts/screenshots/alert-*.png)."""

import re
from urllib.parse import quote, urlsplit

import pytest
from django.core import mail

from statements.models import Alert
from tests.browser.conftest import BROWSER_MARKS, DESKTOP, PHONE
from tests.browser.test_urdu_marked_browser import UNMARKED_URDU

pytestmark = BROWSER_MARKS

LABELS = {
    "en": {
        "link": "Email me when new claims match this search",
        "send": "Send me a confirmation link",
    },
    "ur": {
        "link": "اس تلاش سے ملتے نئے بیانات آنے پر مجھے ای میل کریں",
        "send": "مجھے تصدیقی لنک بھیجیں",
    },
}


def _path(message, kind: str) -> str:
    return urlsplit(re.search(rf"https?://\S+/alerts/{kind}/\S+/", message.body).group(0)).path


def _check(v, name: str):
    assert not v.page.evaluate(UNMARKED_URDU), name
    width = v.page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= v.page.viewport_size["width"] + 1, (name, width)
    v.page.evaluate("async () => { await document.fonts.ready; }")
    v.screenshot(name)


@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["en", "ur"])
def test_subscribe_confirm_and_unsubscribe_pages(visit, seeded, settings, language, device):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    v = visit(viewport=DESKTOP if device == "desktop" else PHONE)
    prefix = "/ur" if language == "ur" else ""
    suffix = f"{language}-{device}"
    v.goto(f"{prefix}/?q=" + quote("تعاون"))
    v.page.get_by_role("link", name=LABELS[language]["link"]).click()
    v.page.wait_for_load_state("load")
    assert urlsplit(v.page.url).path == f"{prefix}/alerts/new"
    assert v.page.locator("html").get_attribute("lang") == language
    _check(v, f"alert-form-{suffix}")

    v.page.fill("#id_email", "not an address")
    v.page.get_by_role("button", name=LABELS[language]["send"]).click()
    v.page.wait_for_load_state("load")
    assert v.page.locator("#email-error").is_visible()
    assert v.page.locator("#id_email").get_attribute("aria-invalid") == "true"
    _check(v, f"alert-form-error-{suffix}")

    v.page.fill("#id_email", f"reader-{suffix}@example.org")
    v.page.get_by_role("button", name=LABELS[language]["send"]).click()
    v.page.wait_for_load_state("load")
    assert v.page.locator("[role=status]").is_visible()
    _check(v, f"alert-check-inbox-{suffix}")
    assert len(mail.outbox) == 1

    v.goto(_path(mail.outbox[0], "confirm"))
    assert v.page.locator("h1").count() == 1
    _check(v, f"alert-confirmed-{suffix}")
    alert = Alert.objects.get()
    assert alert.status == "active" and alert.language == language

    v.page.get_by_role(
        "link", name="Stop this alert" if language == "en" else "یہ الرٹ بند کریں"
    ).click()
    v.page.wait_for_load_state("load")
    alert.refresh_from_db()
    assert alert.status == "unsubscribed"
    _check(v, f"alert-unsubscribed-{suffix}")

    v.goto(f"{prefix}/alerts/confirm/not-a-real-token/")
    _check(v, f"alert-bad-link-{suffix}")
