"""The admin pages an editor works in, as Chromium shows them: no Content-Security-Policy
violation (the admin's styles are a static file, not inline), Urdu set in the Nastaliq face the
site serves, and the claim column wide enough to read. Screenshots of each page go to
test-artifacts/screenshots/admin-*.png."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from statements.models import Claim, Speaker
from tests.admin.documents import XI_REPORT
from tests.browser.conftest import BROWSER_MARKS, DESKTOP, PHONE

pytestmark = BROWSER_MARKS
NASTALIQ = '"Noto Nastaliq Urdu"'


@pytest.fixture
def editor(seeded):
    call_command("create_editor", "sara", stdout=io.StringIO())
    return get_user_model().objects.get(username="sara")


@pytest.fixture
def admin_visit(visit, editor):
    """A browser signed in as an editor, the seed and the Xi report (a draft) in the archive."""
    from statements.editing import add_meeting_from_document

    add_meeting_from_document(XI_REPORT, origin="xi.txt", date=None, user=editor)

    def open_visit(viewport=DESKTOP):
        v = visit(viewport=viewport)
        v.log_in(editor)
        return v

    return open_visit


def _urdu_is_nastaliq(v, selector: str) -> None:
    """Every element of `selector` is set in the self-hosted Nastaliq face, and the face has
    loaded with glyphs for the letters a fallback font lacks (ے ہ ں)."""
    v.page.evaluate("async () => { await document.fonts.ready; }")
    elements = v.page.locator(selector)
    assert elements.count() > 0, selector
    families = elements.evaluate_all("els => els.map(e => getComputedStyle(e).fontFamily)")
    assert all(f.startswith(NASTALIQ) for f in families), families
    assert v.page.evaluate(f"() => document.fonts.check('20px {NASTALIQ}', 'ے ہ ں')")
    loaded = v.page.evaluate(
        "() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    )
    assert any("Noto Nastaliq Urdu" in f for f in loaded), loaded


def _visible_widths(v, selector: str) -> list[float]:
    """The widths of the cells of `selector` that the list's scrolling box does not hide: a
    column pushed out of the box to the side is not legible, however wide it is."""
    return v.page.locator(selector).evaluate_all(
        """els => els.map(e => {
            const cell = e.getBoundingClientRect();
            const box = e.closest('.results').getBoundingClientRect();
            return Math.max(0, Math.min(cell.right, box.right) - Math.max(cell.left, box.left));
        })"""
    )


def _page_ok(v, path: str, name: str) -> None:
    response = v.goto(path)
    assert response.status == 200, path
    assert "/admin/login/" not in v.page.url
    v.page.evaluate("async () => { await document.fonts.ready; }")
    v.check_csp()
    v.screenshot(name)


def test_admin_pages_keep_the_csp_and_set_urdu_in_nastaliq(admin_visit):
    v = admin_visit()
    claim = Claim.objects.filter(review_status="needs_review").select_related("meeting").first()
    putin = Speaker.objects.get(slug="vladimir-putin")

    _page_ok(v, "/admin/statements/claim/", "admin-list")
    _urdu_is_nastaliq(v, "#result_list .field-short_text [lang=ur]")
    widths = _visible_widths(v, "#result_list tbody .field-short_text")
    assert widths and min(widths) >= 240, widths  # a claim's words, not a 60 px sliver

    _page_ok(v, "/admin/statements/claim/?queue=1", "admin-queue")
    _urdu_is_nastaliq(v, "#result_list .claim-context")
    widths = _visible_widths(v, "#result_list tbody .field-in_paragraph")
    assert widths and min(widths) >= 320, widths

    _page_ok(v, f"/admin/statements/claim/{claim.pk}/change/", "admin-claim")
    _urdu_is_nastaliq(v, ".claim-context, textarea[dir=rtl]")
    assert v.page.locator(".claim-context mark").is_visible()

    _page_ok(v, "/admin/statements/meeting/add/", "admin-add")
    _urdu_is_nastaliq(v, "textarea[lang=ur]")

    _page_ok(v, f"/admin/statements/meeting/{claim.meeting_id}/change/", "admin-meeting")
    _urdu_is_nastaliq(v, ".inline-group [lang=ur]")

    _page_ok(v, f"/admin/statements/speaker/{putin.pk}/change/", "admin-speaker")
    _urdu_is_nastaliq(v, "input[dir=rtl]")


def test_the_review_queue_on_a_phone(admin_visit):
    v = admin_visit(viewport=PHONE)
    _page_ok(v, "/admin/statements/claim/?queue=1", "admin-queue-phone")
    _urdu_is_nastaliq(v, "#result_list .claim-context")
    widths = _visible_widths(v, "#result_list tbody .field-in_paragraph")
    assert widths and min(widths) >= 200, widths


def test_publishing_from_the_meeting_page(admin_visit):
    from statements.models import Meeting

    draft = Meeting.objects.get(status="draft")
    v = admin_visit()
    _page_ok(v, f"/admin/statements/meeting/{draft.pk}/change/", "admin-meeting-draft")
    v.page.get_by_role("link", name="Publish…").click()
    v.page.wait_for_load_state("load")
    v.check_csp()
    assert "still needs review" in v.page.inner_text("#content")
    _urdu_is_nastaliq(v, ".publication-checks [lang=ur]")
    v.screenshot("admin-publish-confirmation")
    v.page.get_by_role("link", name="No, take me back").click()  # a link: no inline script
    v.page.wait_for_load_state("load")
    assert v.page.url.endswith(f"/admin/statements/meeting/{draft.pk}/change/")
    v.page.get_by_role("link", name="Publish…").click()
    v.page.wait_for_load_state("load")
    v.page.get_by_role("button", name="Yes, publish").click()
    v.page.wait_for_load_state("load")
    v.check_csp()
    draft.refresh_from_db()
    assert draft.status == "published"
    assert v.page.get_by_role("link", name="Unpublish…").is_visible()
