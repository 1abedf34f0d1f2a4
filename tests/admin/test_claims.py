"""Reviewing claims in the admin: the list and its search, the queue, the actions, the claim in
its context, edits that keep the span verbatim, splitting, and restoring from history."""

import re

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from statements.models import Claim, Meeting, Speaker
from statements.search import SearchRequest, search
from tests.admin import fixtures as admin_fixtures
from tests.admin.documents import XI_REPORT, XI_SOURCE

pytestmark = pytest.mark.django_db
editor = admin_fixtures.editor
editor_client = admin_fixtures.editor_client
xi_meeting = admin_fixtures.xi_meeting
LIST = "/admin/statements/claim/"


def _form_data(claim: Claim, **changes) -> dict:
    data = {
        "speaker": claim.speaker_id,
        "kind": claim.kind,
        "review_status": claim.review_status,
        "review_note": claim.review_note,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "reporting_phrase": claim.reporting_phrase,
        "attribution": claim.attribution,
        "topics": [t.pk for t in claim.topics.all()],
        "translation_en": claim.translation_en,
        "editor_note": claim.editor_note,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _listed(page: str, claims) -> set[int]:
    return {c.pk for c in claims if f"/admin/statements/claim/{c.pk}/change/" in page}


def _public_search(q: str) -> set[int]:
    return set(search(SearchRequest(q=q)).claims.values_list("pk", flat=True))


def test_search_folds_urdu_like_the_public_search(editor_client, seeded):
    claims = list(Claim.objects.all())
    assert all(c.meeting.is_published and c.review_status != "rejected" for c in claims)
    wanted = _public_search("امریکہ")
    assert {c.pk for c in claims if "امریکہ" in c.text} <= wanted
    # Arabic yeh and Arabic heh, as typed on an Arabic keyboard: icontains would find nothing.
    page = editor_client.get(LIST, {"q": "امريكه"}).content.decode()
    assert _listed(page, claims) == wanted
    page = editor_client.get(LIST, {"q": '"امریکہ" -شام'}).content.decode()
    exact = {c.pk for c in claims if "امریکہ" in c.text and "شام" not in c.text}
    assert _listed(page, claims) == exact == _public_search('"امریکہ" -شام')


@pytest.mark.parametrize(
    "q, hidden_wanted",
    [
        ("ملک", "ممالک"),  # a word form: ملک also finds ممالک
        ("Khamenei", None),  # an English name: his claims, also in the draft
        ("نظر", "نطر"),  # a near spelling: the source's typo نطر
    ],
)
def test_admin_search_is_the_public_search_plus_drafts_and_rejected(
    editor_client, seeded, xi_meeting, q, hidden_wanted
):
    """One search: the admin finds what researchers find, and the non-public claims the same
    words find (a draft meeting's claims, rejected ones)."""
    if hidden_wanted:
        rejected = Claim.objects.filter(meeting=seeded, text__contains=hidden_wanted).first()
        rejected.review_status = "rejected"
        rejected.save()
    claims = list(Claim.objects.select_related("meeting", "speaker"))
    public = _public_search(q)
    assert public
    listed = _listed(editor_client.get(LIST, {"q": q}).content.decode(), claims)
    hidden = {c.pk for c in claims if not c.meeting.is_published or c.review_status == "rejected"}
    assert public <= listed
    assert listed - public <= hidden
    if hidden_wanted:
        assert rejected.pk in listed - public
    else:
        khamenei_drafts = {
            c.pk for c in claims if c.meeting == xi_meeting and c.speaker.slug == "ali-khamenei"
        }
        assert khamenei_drafts and khamenei_drafts <= listed - public


def test_filters_by_review_status_kind_speaker_meeting_and_date(editor_client, seeded, xi_meeting):
    claims = list(Claim.objects.all())
    khamenei = Speaker.objects.get(slug="ali-khamenei")
    cases = {
        "review_status__exact=needs_review": {
            c.pk for c in claims if c.review_status == "needs_review"
        },
        "kind__exact=evaluation": {c.pk for c in claims if c.kind == "evaluation"},
        f"speaker__id__exact={khamenei.pk}": {c.pk for c in claims if c.speaker_id == khamenei.pk},
        f"meeting__id__exact={xi_meeting.pk}": {
            c.pk for c in claims if c.meeting_id == xi_meeting.pk
        },
        "meeting__date__gte=2016-01-01&meeting__date__lt=2016-02-01": {
            c.pk for c in claims if c.meeting_id == xi_meeting.pk
        },
    }
    for query, expected in cases.items():
        assert expected, query
        page = editor_client.get(f"{LIST}?{query}").content.decode()
        assert _listed(page, claims) == expected, query
    page = editor_client.get(LIST).content.decode()
    assert f"{len(claims)} claims" in page


def test_review_queue_shows_each_claim_in_its_paragraph_with_the_reason(editor_client, xi_meeting):
    claim = xi_meeting.claims.get(review_status="needs_review")
    page = editor_client.get(LIST, {"queue": "1"}).content.decode()
    assert _listed(page, xi_meeting.claims.all()) == {claim.pk}
    assert f"<mark>{claim.text}</mark>" in page
    assert "شی جن پنگ نے کہا کہ" in page  # the rest of the paragraph
    assert "provisional record was made from the title" in page  # the reason


@pytest.mark.parametrize(
    ("action", "status"),
    [("accept", "accepted"), ("reject", "rejected"), ("mark_needs_review", "needs_review")],
)
def test_status_actions(editor_client, xi_meeting, action, status):
    claims = list(xi_meeting.claims.filter(review_status="extracted"))
    response = editor_client.post(
        LIST, {"action": action, "_selected_action": [c.pk for c in claims]}
    )
    assert response.status_code == 302
    for claim in claims:
        claim.refresh_from_db()
        assert claim.review_status == status
        assert claim.history.latest().history_user.username == "editor"
        if status == "needs_review":
            assert "marked for review by editor" in claim.review_note


def test_rejected_claim_is_kept_but_not_public(editor_client, xi_meeting):
    Meeting.objects.filter(pk=xi_meeting.pk).update(status="published", published_at=timezone.now())
    claim = xi_meeting.claims.first()
    editor_client.post(LIST, {"action": "reject", "_selected_action": [claim.pk]})
    assert Claim.objects.filter(pk=claim.pk, review_status="rejected").exists()
    assert not Claim.objects.public().filter(pk=claim.pk).exists()
    assert Claim.objects.public().filter(meeting=xi_meeting).count() == 2


def test_reattribute_asks_for_the_speaker_then_reattributes(editor_client, xi_meeting):
    claim = xi_meeting.claims.get(review_status="needs_review")
    xi = Speaker.objects.create(name="شی جن پنگ", name_en="Xi Jinping", slug="xi-jinping")
    data = {"action": "reattribute", "_selected_action": [claim.pk]}
    ask = editor_client.post(LIST, data)
    assert ask.status_code == 200 and "Reattribute" in ask.content.decode()
    done = editor_client.post(LIST, {**data, "apply": "1", "speaker": xi.pk})
    assert done.status_code == 302
    claim.refresh_from_db()
    assert (claim.speaker, claim.attribution, claim.review_status) == (xi, "editor", "accepted")


def test_reattributing_from_the_queue_counts_the_claims_and_says_they_are_accepted(
    editor_client, xi_meeting
):
    """From the review queue (?queue=1) the claim leaves the queue as it is reattributed: the
    message must still count it, and the confirmation and message say it becomes accepted."""
    claim = xi_meeting.claims.get(review_status="needs_review")
    xi = Speaker.objects.create(name="شی جن پنگ", name_en="Xi Jinping", slug="xi-jinping")
    queue = LIST + "?queue=1"
    data = {"action": "reattribute", "_selected_action": [claim.pk]}
    ask = editor_client.post(queue, data).content.decode()
    assert "become <strong>accepted</strong>" in ask
    # Meanwhile the claim leaves the queue (another editor accepts it, or the form is sent
    # twice): the claims the editor confirmed are still the ones reattributed and counted.
    Claim.objects.filter(pk=claim.pk).update(review_status="accepted")
    done = editor_client.post(queue, {**data, "apply": "1", "speaker": xi.pk}, follow=True)
    messages = [str(m) for m in done.context["messages"]]
    assert messages == ["1 claim reattributed to Xi Jinping and accepted."], messages
    claim.refresh_from_db()
    assert (claim.speaker, claim.review_status) == (xi, "accepted")


def test_speaker_autocomplete_searches_names_and_aliases_folded(editor_client, seeded):
    def found(term):
        response = editor_client.get(
            "/admin/autocomplete/",
            {
                "app_label": "statements",
                "model_name": "claim",
                "field_name": "speaker",
                "term": term,
            },
        )
        assert response.status_code == 200
        return {r["text"] for r in response.json()["results"]}

    assert "Ali Khamenei" in found("رہبر انقلاب")  # an alias, not the name
    assert "Ali Khamenei" in found("خامنه اي")  # Arabic heh and yeh, folded
    assert "Vladimir Putin" in found("Putin")
    assert "Vladimir Putin" in found("pootin")  # a Roman Urdu alias
    assert "Vladimir Putin" not in found("خامنہ")


def test_adding_a_speaker_with_an_alias_from_the_popup(editor_client):
    response = editor_client.post(
        "/admin/statements/speaker/add/?_to_field=id&_popup=1",
        {
            "_popup": "1",
            "_to_field": "id",
            "name": "شی جن پنگ",
            "name_en": "Xi Jinping",
            "role_en": "President of China",
            "country": "CN",
            "slug": "xi-jinping",
            "aliases-TOTAL_FORMS": "2",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-text": "شی جن پنگ",
            "aliases-0-language": "ur",
            "aliases-1-text": "چین کے صدر",
            "aliases-1-language": "ur",
        },
    )
    assert response.status_code == 200
    assert "popup_response" in response.content.decode() or "data-popup-response" in (
        response.content.decode()
    )
    xi = Speaker.objects.get(slug="xi-jinping")
    # the typed aliases, and the English name (names are found across scripts through aliases)
    assert set(xi.aliases.values_list("text", flat=True)) == {
        "شی جن پنگ",
        "چین کے صدر",
        "Xi Jinping",
    }
    assert xi.history.latest().history_user.username == "editor"


def test_claim_page_shows_the_span_highlighted_in_its_context_escaped(editor_client):
    report = XI_REPORT.replace("ریشم کی سڑک", "<script>alert(1)</script> ریشم کی سڑک")
    editor_client.post("/admin/statements/meeting/add/", {"text": report, **XI_SOURCE})
    claim = Claim.objects.get(text__contains="ریشم")
    page = editor_client.get(f"{LIST}{claim.pk}/change/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "<mark>چین ایران کے ساتھ &lt;script&gt;alert(1)&lt;/script&gt; ریشم" in page
    assert "یہ ملاقات تقریبا ڈیڑھ گھنٹے" in page  # text around the claim


def test_text_not_matching_the_offsets_is_refused_and_nothing_changes(editor_client, xi_meeting):
    claim = xi_meeting.claims.get(review_status="needs_review")
    url = f"{LIST}{claim.pk}/change/"
    history = claim.history.count()
    response = editor_client.post(
        url, _form_data(claim, text=claim.text + " اور", review_status="accepted")
    )
    assert response.status_code == 200
    assert "must be exactly the source text" in response.content.decode()
    fresh = Claim.objects.get(pk=claim.pk)
    assert (fresh.text, fresh.review_status) == (claim.text, "needs_review")
    assert fresh.history.count() == history
    # Outside the source, or across paragraphs: refused with a message too.
    for start, end, message in [
        (claim.start, 10**6, "the length of the source"),
        (claim.start - 40, claim.end, "crosses a paragraph boundary"),
    ]:
        response = editor_client.post(
            url, _form_data(claim, start=start, end=end, recompute_text="on")
        )
        assert message in response.content.decode()
        assert Claim.objects.get(pk=claim.pk).start == claim.start


def test_changing_offsets_with_recompute_takes_the_text_from_the_source(editor_client, xi_meeting):
    claim = xi_meeting.claims.get(review_status="needs_review")
    source = xi_meeting.source.text
    new_start = claim.start + len("چین ")
    response = editor_client.post(
        f"{LIST}{claim.pk}/change/",
        _form_data(claim, start=new_start, text="", recompute_text="on", review_status="accepted"),
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.text == source[new_start : claim.end] and claim.text.startswith("ایران")
    assert claim.review_status == "accepted"


def test_changing_the_speaker_records_the_editor_as_attribution(editor_client, xi_meeting):
    claim = xi_meeting.claims.get(review_status="needs_review")
    putin = Speaker.objects.get(slug="vladimir-putin")
    editor_client.post(f"{LIST}{claim.pk}/change/", _form_data(claim, speaker=putin.pk))
    claim.refresh_from_db()
    assert (claim.speaker, claim.attribution) == (putin, "editor")
    diff = claim.history.latest().diff_against(claim.history.all()[1])
    assert {c.field for c in diff.changes} >= {"speaker", "attribution"}


def test_database_still_refuses_a_span_that_is_not_verbatim(xi_meeting):
    """The form is the friendly check; the trigger remains the guarantee."""
    claim = xi_meeting.claims.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(text=claim.text + "!")


def test_split_a_claim_in_two_verbatim_halves(editor_client, xi_meeting):
    claim = xi_meeting.claims.get(text__startswith="ایران اور چین")
    url = f"{LIST}{claim.pk}/split/"
    assert "دونوں ممالک" in editor_client.get(url).content.decode()
    bad = editor_client.post(url, {"second_begins_with": "کہیں نہیں"})
    assert bad.status_code == 200 and "is not in the claim" in bad.content.decode()
    response = editor_client.post(url, {"second_begins_with": "دونوں ممالک کو"})
    assert response.status_code == 302
    first = Claim.objects.get(pk=claim.pk)
    second = Claim.objects.exclude(pk=claim.pk).get(
        meeting=xi_meeting, start__gt=first.start, speaker=claim.speaker, end=claim.end
    )
    source = xi_meeting.source.text
    assert first.text == source[first.start : first.end] and first.text.endswith("ہیں اور")
    assert second.text == source[second.start : second.end]
    assert second.text.startswith("دونوں ممالک کو") and second.attribution == "editor:split"
    assert first.end < second.start
    assert xi_meeting.claims.count() == 4


def test_deleted_claim_is_restored_from_history(editor_client, xi_meeting):
    claim = xi_meeting.claims.get(text__startswith="مغربی ممالک")
    topics = set(claim.topics.values_list("pk", flat=True))
    response = editor_client.post(f"{LIST}{claim.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Claim.objects.filter(pk=claim.pk).exists()

    deleted = editor_client.get(f"{LIST}deleted/").content.decode()
    record = Claim.history.get(id=claim.pk, history_type="-")
    restore_url = f"{LIST}{claim.pk}/history/{record.history_id}/"
    assert restore_url in deleted and "مغربی ممالک" in deleted
    assert record.history_user.username == "editor"

    form = editor_client.get(restore_url)
    assert form.status_code == 200
    response = editor_client.post(restore_url, _form_data(record.instance))
    assert response.status_code == 302, response.content.decode()[:3000]
    restored = Claim.objects.get(pk=claim.pk)
    assert (restored.text, restored.start, restored.end, restored.speaker_id) == (
        claim.text,
        claim.start,
        claim.end,
        claim.speaker_id,
    )
    assert set(restored.topics.values_list("pk", flat=True)) == topics
    editor_client.get(LIST)  # shows and clears the success message
    assert "Nothing deleted" in editor_client.get(f"{LIST}deleted/").content.decode()


def _history_rows(client, claim) -> list[str]:
    page = client.get(f"{LIST}{claim.pk}/history/").content.decode()
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)) for row in body.split("<tr")[1:]]


def test_history_page_shows_who_changed_what(editor_client, xi_meeting):
    claim = xi_meeting.claims.first()
    before = _history_rows(editor_client, claim)
    assert not any("accepted" in row for row in before)
    editor_client.post(LIST, {"action": "accept", "_selected_action": [claim.pk]})
    after = _history_rows(editor_client, claim)
    assert len(after) == len(before) + 1
    newest = after[0]  # newest first: who (the editor) and what (accepted)
    assert "accepted" in newest and " editor " in newest


def test_deleted_alias_is_listed_and_restored(editor_client, seeded):
    from statements.models import Alias

    alias = Alias.objects.get(text="صدر پیوٹن")
    editor_client.post(f"/admin/statements/alias/{alias.pk}/delete/", {"post": "yes"})
    assert not Alias.objects.filter(pk=alias.pk).exists()
    listed = editor_client.get("/admin/statements/alias/").content.decode()
    assert "/admin/statements/alias/deleted/" in listed
    record = Alias.history.get(id=alias.pk, history_type="-")
    url = f"/admin/statements/alias/{alias.pk}/history/{record.history_id}/"
    assert url in editor_client.get("/admin/statements/alias/deleted/").content.decode()
    data = {"text": alias.text, "language": alias.language, "speaker": alias.speaker_id}
    data |= {"topic": "", "exclude_before": "", "exclude_after": ""}
    assert editor_client.post(url, data).status_code == 302
    assert Alias.objects.get(pk=alias.pk).speaker.slug == "vladimir-putin"


def test_a_claim_added_by_hand_is_checked_and_placed_in_its_paragraph(editor_client, xi_meeting):
    source = xi_meeting.source.text
    start = source.index("مغربی ممالک")
    end = source.index("جاسکتا") + len("جاسکتا")
    khamenei = Speaker.objects.get(slug="ali-khamenei")
    data = {
        "meeting": xi_meeting.pk,
        "speaker": khamenei.pk,
        "kind": "assertion",
        "review_status": "accepted",
        "start": start,
        "end": end,
        "attribution": "editor",
    }
    wrong = editor_client.post(f"{LIST}add/", {**data, "text": "کچھ اور"})
    assert wrong.status_code == 200 and "must be exactly the source text" in wrong.content.decode()
    assert xi_meeting.claims.count() == 3
    response = editor_client.post(f"{LIST}add/", {**data, "recompute_text": "on"})
    assert response.status_code == 302
    claim = xi_meeting.claims.get(start=start, end=end)
    assert claim.text == source[start:end] and claim.passage.position == 4


def test_topic_autocomplete_searches_names_and_aliases_folded(editor_client, seeded):
    response = editor_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "statements",
            "model_name": "claim",
            "field_name": "topics",
            "term": "امريكه",
        },
    )
    assert "United States" in {r["text"] for r in response.json()["results"]}


def test_a_split_the_database_refuses_leaves_both_claims_as_they_were(xi_meeting):
    from statements.editing import split_claim

    claim = xi_meeting.claims.get(text__startswith="ایران اور چین")
    before = list(Claim.objects.order_by("pk").values_list("pk", "start", "end", "text"))
    history = Claim.history.count()
    # The second part would run past its paragraph: the trigger refuses the insert.
    with pytest.raises(IntegrityError):
        split_claim(claim, (claim.start, claim.start + 10), (claim.start + 11, claim.end + 20))
    assert list(Claim.objects.order_by("pk").values_list("pk", "start", "end", "text")) == before
    assert Claim.history.count() == history


def test_needs_review_without_a_reason_is_refused_on_the_form(editor_client, xi_meeting):
    claim = xi_meeting.claims.filter(review_status="extracted").first()
    response = editor_client.post(
        f"{LIST}{claim.pk}/change/", _form_data(claim, review_status="needs_review")
    )
    assert response.status_code == 200
    assert "say why the claim needs review" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).review_status == "extracted"
