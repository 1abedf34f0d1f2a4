"""Adding a meeting from a document in the admin, and publishing it after a confirmation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from statements.models import Alias, Claim, Meeting, Passage, Source, Speaker
from tests.admin import fixtures as admin_fixtures
from tests.admin.documents import XI_REPORT, XI_SOURCE

pytestmark = pytest.mark.django_db
editor = admin_fixtures.editor
editor_client = admin_fixtures.editor_client
xi_meeting = admin_fixtures.xi_meeting
ADD = "/admin/statements/meeting/add/"


def _counts():
    return tuple(m.objects.count() for m in (Source, Meeting, Passage, Claim, Speaker, Alias))


def test_pasted_report_becomes_a_draft_meeting_with_passages_and_suggested_claims(editor_client):
    response = editor_client.post(
        ADD, {"text": XI_REPORT, "url": "https://example.org/xi", **XI_SOURCE}
    )
    meeting = Meeting.objects.get(date="2016-01-23")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/statements/meeting/{meeting.pk}/change/"
    assert meeting.status == Meeting.Status.DRAFT and meeting.published_at is None
    assert meeting.source.origin == "https://example.org/xi"
    # the report, as citations will name it
    source = meeting.source
    assert (source.url, source.publisher_en) == (
        "https://example.org/xi",
        XI_SOURCE["publisher_en"],
    )
    assert (source.published_on.isoformat(), source.language) == ("2016-01-23", "ur")
    assert meeting.passages.count() == 4
    assert not Claim.objects.public().filter(meeting=meeting).exists()
    page = editor_client.get(response["Location"]).content.decode()
    claims = list(meeting.claims.all())
    assert len(claims) == 3
    for claim in claims:
        assert claim.text in page
        assert meeting.source.text[claim.start : claim.end] == claim.text
    assert "یہ ملاقات تقریبا ڈیڑھ گھنٹے جاری رہی" in page  # the narrative passage
    assert "needing review" in page  # the success message counts them
    # History starts with the ingest, by this editor.
    first = Claim.history.filter(id=claims[0].pk).earliest("history_date")
    assert first.history_user.username == "editor" and first.history_type == "+"


def test_uploaded_utf8_file_is_added_with_its_name_as_origin(editor_client):
    upload = SimpleUploadedFile("xi.txt", XI_REPORT.encode(), content_type="text/plain")
    response = editor_client.post(ADD, {"file": upload, **XI_SOURCE})
    assert response.status_code == 302
    assert Meeting.objects.get().source.origin == "xi.txt"


def test_pasted_text_with_browser_line_endings_keeps_offsets_exact(editor_client):
    editor_client.post(ADD, {"text": XI_REPORT.replace("\n", "\r\n"), **XI_SOURCE})
    meeting = Meeting.objects.get()
    assert "\r" not in meeting.source.text
    for claim in meeting.claims.all():
        assert meeting.source.text[claim.start : claim.end] == claim.text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n  ", "empty"),
        ("2016 /Jan/ 23 - عنوان\nمتن۔\n".encode("utf-16"), "not UTF-8"),
        ("عنوان کے بغیر تاریخ\nکچھ متن۔\n".encode(), "no date line"),
    ],
)
def test_bad_upload_shows_a_form_error_and_writes_nothing(editor_client, content, message):
    before = _counts()
    upload = SimpleUploadedFile("bad.txt", content, content_type="text/plain")
    response = editor_client.post(ADD, {"file": upload, "publisher": "kept publisher"})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "errorlist" in page or "errornote" in page
    assert 'value="kept publisher"' in page
    assert _counts() == before


def test_pasted_text_without_a_date_line_is_kept_on_the_form(editor_client):
    text = XI_REPORT.split("\n", 2)[2]  # the report without its date line
    before = _counts()
    response = editor_client.post(ADD, {"text": text, **XI_SOURCE})
    page = response.content.decode()
    assert response.status_code == 200 and "no date line" in page
    assert "ریشم کی سڑک کے منصوبے" in page  # what was pasted is still in the textarea
    assert _counts() == before
    response = editor_client.post(ADD, {"text": text, "date": "2016-01-23", **XI_SOURCE})
    assert response.status_code == 302
    assert Meeting.objects.get().date.isoformat() == "2016-01-23"


def test_the_publisher_and_the_publication_date_are_required(editor_client):
    response = editor_client.post(ADD, {"text": XI_REPORT, "url": "not a url"})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"publisher", "published_on", "url"}
    assert "ریشم کی سڑک کے منصوبے" in response.content.decode()  # the text is kept
    assert not Meeting.objects.exists()


def test_a_report_without_a_url_is_added_with_its_url_unknown(editor_client):
    response = editor_client.post(ADD, {"text": XI_REPORT, **XI_SOURCE})
    assert response.status_code == 302
    source = Meeting.objects.get().source
    assert source.url == "" and source.origin == "pasted in the admin"


def test_an_editor_corrects_a_sources_report_but_never_its_text(editor_client, xi_meeting):
    source = xi_meeting.source
    url = f"/admin/statements/source/{source.pk}/change/"
    page = editor_client.get(url)
    assert page.status_code == 200
    data = {
        "publisher": "ادارہ",
        "publisher_en": "The Office",
        "url": "https://example.org/corrected",
        "published_on": "2016-01-24",
        "language": "ur",
        "original_language": "fa",
        "text": "rewritten",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    source.refresh_from_db()
    assert (source.publisher_en, source.url) == ("The Office", "https://example.org/corrected")
    assert source.original_language == "fa" and source.text.startswith("2016 /Jan/ 23")


def test_empty_form_asks_for_a_document(editor_client):
    response = editor_client.post(ADD, {"text": "  "})
    assert response.status_code == 200
    assert "paste the document" in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_same_document_twice_adds_nothing(editor_client, xi_meeting):
    before = _counts()
    response = editor_client.post(ADD, {"text": XI_REPORT, **XI_SOURCE})
    assert response["Location"] == f"/admin/statements/meeting/{xi_meeting.pk}/change/"
    assert _counts() == before


def test_publish_needs_a_confirmation_and_is_recorded(editor_client, xi_meeting):
    data = {"action": "publish", "_selected_action": [xi_meeting.pk]}
    confirm = editor_client.post("/admin/statements/meeting/", data)
    assert confirm.status_code == 200
    assert "Are you sure you want to publish" in confirm.content.decode()
    xi_meeting.refresh_from_db()
    assert xi_meeting.status == Meeting.Status.DRAFT

    done = editor_client.post("/admin/statements/meeting/", {**data, "confirmed": "yes"})
    assert done.status_code == 302
    xi_meeting.refresh_from_db()
    assert xi_meeting.status == Meeting.Status.PUBLISHED and xi_meeting.published_at
    record = xi_meeting.history.latest()
    assert record.history_user.username == "editor"
    assert record.history_change_reason == "published"
    assert Claim.objects.public().filter(meeting=xi_meeting).count() == 3

    editor_client.post(
        "/admin/statements/meeting/",
        {"action": "unpublish", "_selected_action": [xi_meeting.pk], "confirmed": "yes"},
    )
    xi_meeting.refresh_from_db()
    assert xi_meeting.status == Meeting.Status.DRAFT and xi_meeting.published_at is None
    assert not Claim.objects.public().filter(meeting=xi_meeting).exists()
    reasons = list(xi_meeting.history.values_list("history_change_reason", flat=True))
    assert reasons[:2] == ["unpublished", "published"]


def test_meeting_list_links_to_the_claims_needing_review(editor_client, xi_meeting):
    page = editor_client.get("/admin/statements/meeting/").content.decode()
    assert f"?meeting__id__exact={xi_meeting.pk}&amp;queue=1" in page


def test_a_failing_meeting_save_leaves_the_database_as_it_was(editor_client, xi_meeting):
    """An invalid inline (the same participant twice) refuses the whole save, title included."""
    speaker = Speaker.objects.get(slug="ali-khamenei")
    url = f"/admin/statements/meeting/{xi_meeting.pk}/change/"
    before = (xi_meeting.title_en, xi_meeting.participation_set.count(), xi_meeting.history.count())
    data = {
        "title": xi_meeting.title,
        "title_en": "A changed title that must not be saved",
        "date": "2016-01-23",
        "slug": xi_meeting.slug,
        "participation_set-TOTAL_FORMS": "2",
        "participation_set-INITIAL_FORMS": "0",
        "participation_set-0-speaker": speaker.pk,
        "participation_set-1-speaker": speaker.pk,
        "claims-TOTAL_FORMS": "0",
        "claims-INITIAL_FORMS": "0",
        "passages-TOTAL_FORMS": "0",
        "passages-INITIAL_FORMS": "0",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 200
    xi_meeting.refresh_from_db()
    after = (xi_meeting.title_en, xi_meeting.participation_set.count(), xi_meeting.history.count())
    assert after == before


def test_claims_are_reviewed_from_the_meetings_page(editor_client, xi_meeting):
    url = f"/admin/statements/meeting/{xi_meeting.pk}/change/"
    claims = list(xi_meeting.claims.order_by("pk"))
    data = {
        "title": xi_meeting.title,
        "title_en": xi_meeting.title_en,
        "date": "2016-01-23",
        "slug": xi_meeting.slug,
        "participation_set-TOTAL_FORMS": "0",
        "participation_set-INITIAL_FORMS": "0",
        "claims-TOTAL_FORMS": str(len(claims)),
        "claims-INITIAL_FORMS": str(len(claims)),
        "passages-TOTAL_FORMS": "0",
        "passages-INITIAL_FORMS": "0",
    }
    for i, claim in enumerate(claims):
        data[f"claims-{i}-id"] = claim.pk
        data[f"claims-{i}-meeting"] = xi_meeting.pk
        data[f"claims-{i}-kind"] = claim.kind
        data[f"claims-{i}-review_status"] = "needs_review" if i == 0 else "accepted"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    statuses = [c.review_status for c in xi_meeting.claims.order_by("pk")]
    assert statuses == ["needs_review", "accepted", "accepted"]
    assert xi_meeting.claims.order_by("pk").first().review_note


def test_an_ingest_stopped_by_the_statement_timeout_is_a_message_not_a_server_error(
    editor_client, monkeypatch
):
    """On the web, statement_timeout (25 s) ends an ingest that runs too long: the form says
    so and keeps the text, and nothing is written. Simulated with a timeout of 1 ms set as the
    ingest starts (the request's other queries keep theirs)."""
    from django.db import connection

    from statements import editing
    from statements.models import Meeting, Source

    real_ingest = editing.ingest_document

    def slow_database(*args, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = '1ms'")
        return real_ingest(*args, **kwargs)

    monkeypatch.setattr(editing, "ingest_document", slow_database)
    try:
        response = editor_client.post(
            "/admin/statements/meeting/add/", {"text": XI_REPORT, **XI_SOURCE}
        )
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")
    assert response.status_code == 200
    page = response.content.decode()
    assert "took too long" in page and "ریشم کی سڑک" in page
    assert not Source.objects.exists() and not Meeting.objects.exists()


def test_the_meeting_page_publishes_after_a_confirmation_with_what_is_left_to_do(
    editor_client, xi_meeting
):
    """The Xi report leaves one claim needing review and a provisional speaker (Xi, made from
    the title) without an English name: the confirmation says so, with links to fix them."""
    change = f"/admin/statements/meeting/{xi_meeting.pk}/change/"
    publish = f"/admin/statements/meeting/{xi_meeting.pk}/publish/"
    assert f'href="{publish}"' in editor_client.get(change).content.decode()
    confirm = editor_client.get(publish)
    page = confirm.content.decode()
    assert confirm.status_code == 200
    assert "1 claim still needs review" in page
    assert f"?meeting__id__exact={xi_meeting.pk}&amp;queue=1" in page
    xi = Speaker.objects.get(is_provisional=True, name_en="")
    assert "1 provisional speaker without an English name" in page
    assert f"/admin/statements/speaker/{xi.pk}/change/" in page and xi.name in page
    assert "onclick" not in page  # the site's CSP runs no inline code
    xi_meeting.refresh_from_db()
    assert xi_meeting.status == Meeting.Status.DRAFT  # a GET changes nothing

    done = editor_client.post(publish, {"confirmed": "yes"})
    assert done.status_code == 302 and done["Location"] == change
    xi_meeting.refresh_from_db()
    assert xi_meeting.status == Meeting.Status.PUBLISHED
    assert xi_meeting.history.latest().history_change_reason == "published"

    unpublish = f"/admin/statements/meeting/{xi_meeting.pk}/unpublish/"
    assert f'href="{unpublish}"' in editor_client.get(change).content.decode()
    editor_client.post(unpublish, {"confirmed": "yes"})
    xi_meeting.refresh_from_db()
    assert xi_meeting.status == Meeting.Status.DRAFT


def test_the_list_action_confirmation_shows_the_same_counts(editor_client, xi_meeting):
    data = {"action": "publish", "_selected_action": [xi_meeting.pk]}
    page = editor_client.post("/admin/statements/meeting/", data).content.decode()
    assert "1 claim still needs review" in page
    assert "1 provisional speaker without an English name" in page


def test_publishing_from_the_meeting_page_needs_the_publish_permission(db, xi_meeting):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.test import Client

    clerk = get_user_model().objects.create_user(
        "clerk", password="a-long-clerk-pw-3", is_staff=True
    )
    clerk.user_permissions.add(Permission.objects.get(codename="change_meeting"))
    client = Client()
    client.force_login(clerk)
    url = f"/admin/statements/meeting/{xi_meeting.pk}/publish/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"confirmed": "yes"}).status_code == 403
    xi_meeting.refresh_from_db()
    assert xi_meeting.status == Meeting.Status.DRAFT
