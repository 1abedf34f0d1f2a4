"""The editor's whole path in a real browser: log in, paste a report of a new meeting, complete
the provisional speaker, review and fix suggested claims, publish, and find the claim through
the public search."""

import io

import pytest
from django.core.management import call_command

from statements.models import Claim, Meeting, Speaker
from statements.search import SearchRequest, search
from tests.admin.documents import XI_REPORT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "browser-editor-password-9"


def test_editor_adds_reviews_publishes_and_the_claim_is_found(
    live_server, browser_page, monkeypatch
):
    page = browser_page
    base = live_server.url
    monkeypatch.setenv("BROWSER_EDITOR_PASSWORD", PASSWORD)
    call_command(
        "create_editor",
        "sara",
        "--password-from-env",
        "BROWSER_EDITOR_PASSWORD",
        stdout=io.StringIO(),
    )

    # Log in: one wrong password first (counted by axes, not locking), then the right one.
    page.goto(f"{base}/admin/")
    page.fill("#id_username", "sara")
    page.fill("#id_password", "not-the-password")
    page.click("input[type=submit]")
    page.wait_for_selector("text=Please enter the correct username and password")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("text=Meetings, claims and speakers")
    assert "Users" not in page.inner_text("#content-main")

    # Paste the report: first without its date line (refused, text kept), then whole.
    page.goto(f"{base}/admin/statements/meeting/add/")
    undated = XI_REPORT.split("\n", 2)[2]
    page.fill("#id_text", undated)
    page.fill("#id_publisher", "دفتر رہبر انقلاب اسلامی (اردو سروس)")
    page.fill("#id_published_on", "2016-01-23")
    page.click("input[name=_add_document]")
    page.wait_for_selector("text=no date line")
    assert page.input_value("#id_text").strip() == undated.strip()
    assert page.input_value("#id_publisher") == "دفتر رہبر انقلاب اسلامی (اردو سروس)"
    page.fill("#id_text", XI_REPORT)
    page.fill("#id_url", "https://example.org/2016/01/23/khamenei-xi")
    page.click("input[name=_add_document]")
    page.wait_for_selector("text=Draft meeting added")
    meeting = Meeting.objects.get(date="2016-01-23")
    assert meeting.status == "draft"
    content = page.content()
    assert "ریشم کی سڑک کے منصوبے" in content and "یہ ملاقات تقریبا ڈیڑھ گھنٹے" in content

    # The extractor made a provisional speaker for Xi: complete it, with an alias.
    xi = Speaker.objects.get(is_provisional=True, name="شی جن پنگ")  # from the title, office apart
    page.goto(f"{base}/admin/statements/speaker/?q=شی+جن")
    page.click(f"a[href^='/admin/statements/speaker/{xi.pk}/change/']")
    page.fill("#id_name_en", "Xi Jinping")
    page.fill("#id_role_en", "President of China")
    page.fill("#id_country", "CN")
    page.uncheck("#id_is_provisional")
    page.fill("#id_aliases-1-text", "چین کے صدر")  # the inline's empty form
    page.click("input[name=_save]")
    page.wait_for_selector("text=was changed successfully")
    xi.refresh_from_db()
    assert (xi.name_en, xi.country, xi.is_provisional) == ("Xi Jinping", "CN", False)
    assert xi.aliases.filter(text="چین کے صدر").exists()

    # Review queue: the Xi claim with its reason; open it, fix its start, accept it.
    page.goto(f"{base}/admin/statements/claim/?queue=1")
    page.wait_for_selector("text=provisional record was made from the title")
    claim = Claim.objects.get(meeting=meeting, review_status="needs_review")
    page.click(f"a[href^='/admin/statements/claim/{claim.pk}/change/']")
    assert page.inner_text("mark").strip() == claim.text.strip()
    page.fill("#id_start", str(claim.start + len("چین ")))
    page.click("input[name=_continue]")
    page.wait_for_selector("text=must be exactly the source text")  # text no longer matches
    page.check("#id_recompute_text")
    page.select_option("#id_review_status", "accepted")
    page.fill("#id_translation_en", "China wants a long-term partnership with Iran.")
    page.click("input[name=_continue]")
    page.wait_for_selector("text=was changed successfully")
    claim.refresh_from_db()
    assert claim.text.startswith("ایران کے ساتھ ریشم") and claim.review_status == "accepted"
    assert claim.text == meeting.source.text[claim.start : claim.end]

    # Split Khamenei's first claim, which holds two statements.
    first = Claim.objects.get(meeting=meeting, text__startswith="ایران اور چین")
    page.goto(f"{base}/admin/statements/claim/{first.pk}/change/")
    page.click("text=Split this claim")
    page.fill("#id_second_begins_with", "دونوں ممالک کو")
    page.click("#split-form input[type=submit]")
    page.wait_for_selector("text=The claim was split in two")
    assert meeting.claims.count() == 4

    # Publish, with the confirmation.
    page.goto(f"{base}/admin/statements/meeting/")
    page.check(f"input[name=_selected_action][value='{meeting.pk}']")
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    page.wait_for_selector("text=Are you sure you want to publish")
    page.click("input[value='Yes, publish']")
    page.wait_for_selector("text=1 meeting(s) published")
    meeting.refresh_from_db()
    assert meeting.status == "published" and meeting.published_at is not None

    # The public search finds the fixed claim, now attributed to Xi Jinping.
    result = search(SearchRequest.from_params({"q": "ریشم کی سڑک"}))
    found = list(result.claims)
    assert [c.pk for c in found] == [claim.pk]
    assert found[0].speaker.name_en == "Xi Jinping"
    # ... and so does the public page: the claim is listed (not merely the query echoed back).
    page.goto(f"{base}/?q=ریشم کی سڑک")
    listed = page.locator(f"#result-claim-{claim.pk}")
    assert listed.count() == 1
    assert "ایران کے ساتھ ریشم" in listed.inner_text() and "Xi Jinping" in listed.inner_text()
