"""Merging two speakers who are one person, through the admin, as an editor does it: claims,
aliases, participations and history move to the survivor, the merged speaker's page redirects,
and the merge is undone from the list of merges."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from statements.ingest.service import ingest_document
from statements.models import Alias, Claim, Participation, Speaker, SpeakerMerge
from tests.admin import fixtures as admin_fixtures

pytestmark = pytest.mark.django_db
editor = admin_fixtures.editor
editor_client = admin_fixtures.editor_client

# Two reports of one person under two spellings nobody knows yet: two provisional speakers.
FIRST = """2023 /Mar/ 1 - امریکی سفیر ڈونلڈ بلوم کی وزیر خارجہ سے ملاقات

امریکی سفیر ڈونلڈ بلوم نے کہا کہ تجارت بڑھے گی۔
"""
SECOND = """2023 /Apr/ 1 - امریکی سفیر ڈانلڈ بلوم کی وزیر داخلہ سے ملاقات

امریکی سفیر ڈانلڈ بلوم نے کہا کہ تعاون جاری رہے گا۔
"""


@pytest.fixture
def two_records(db):
    ingest_document(FIRST.encode(), origin="first.txt", publish=True)
    a = Speaker.objects.get(name="ڈونلڈ بلوم")
    # the second spelling, as a record of its own (as an editor might have made it)
    b = Speaker.objects.create(name="ڈانلڈ بلوم", slug="danald-blom", is_provisional=True)
    Alias.objects.create(speaker=b, text="ڈانلڈ بلوم")
    ingest_document(SECOND.encode(), origin="second.txt", publish=True)
    assert Claim.objects.get(text="تعاون جاری رہے گا").speaker == b
    return a, b


def _merge(client, speakers, survivor):
    ids = [str(s.pk) for s in speakers]
    page = client.post("/admin/statements/speaker/", {"action": "merge", ACTION_CHECKBOX_NAME: ids})
    assert page.status_code == 200 and b"Merge speakers" in page.content
    return client.post(
        "/admin/statements/speaker/",
        {"action": "merge", ACTION_CHECKBOX_NAME: ids, "survivor": survivor.pk, "apply": "1"},
    )


def test_merging_moves_claims_aliases_participations_and_records_history(
    editor_client, two_records
):
    a, b = two_records
    b_participations = list(Participation.objects.filter(speaker=b).values_list("pk", flat=True))
    response = _merge(editor_client, [a, b], survivor=a)
    assert response.status_code == 302
    assert not Speaker.objects.filter(pk=b.pk).exists()
    assert set(Claim.objects.filter(speaker=a).values_list("text", flat=True)) == {
        "تجارت بڑھے گی",
        "تعاون جاری رہے گا",
    }
    assert a.aliases.filter(text="ڈانلڈ بلوم").exists()
    assert set(
        Participation.objects.filter(pk__in=b_participations).values_list("speaker", flat=True)
    ) <= {a.pk}
    moved = Claim.objects.get(text="تعاون جاری رہے گا")
    assert "merged speaker" in moved.history.first().history_change_reason
    assert moved.history.first().history_user.username == "editor"
    assert "merged speaker" in a.history.first().history_change_reason
    deleted = Speaker.history.filter(id=b.pk, history_type="-").get()
    assert deleted.history_user.username == "editor"


def test_the_merged_speakers_page_redirects_to_the_survivor(client, editor_client, two_records):
    a, b = two_records
    _merge(editor_client, [a, b], survivor=a)
    response = client.get(f"/speakers/{b.slug}/?q=x")
    assert response.status_code == 301 and response["Location"] == a.get_absolute_url() + "?q=x"
    record = client.get(f"/speakers/{b.slug}/record/")
    assert record.status_code == 301 and record["Location"] == a.get_absolute_url() + "record/"
    assert client.get("/speakers/no-such-speaker/").status_code == 404


def test_undoing_a_merge_restores_the_speaker_its_claims_and_its_page(
    client, editor_client, two_records
):
    a, b = two_records
    _merge(editor_client, [a, b], survivor=a)
    merge = SpeakerMerge.objects.get()
    response = editor_client.post(
        "/admin/statements/speakermerge/",
        {"action": "undo", ACTION_CHECKBOX_NAME: [merge.pk]},
    )
    assert response.status_code == 302
    restored = Speaker.objects.get(pk=b.pk)
    assert restored.slug == b.slug and restored.name == "ڈانلڈ بلوم"
    assert Claim.objects.get(text="تعاون جاری رہے گا").speaker == restored
    assert Claim.objects.get(text="تجارت بڑھے گی").speaker == a
    assert restored.aliases.filter(text="ڈانلڈ بلوم").exists()
    assert not a.aliases.filter(text="ڈانلڈ بلوم").exists()
    assert Participation.objects.filter(speaker=restored).exists()
    assert client.get(f"/speakers/{b.slug}/").status_code == 200
    merge.refresh_from_db()
    assert merge.undone_at is not None


def test_a_merge_needs_the_editors_change_permission_and_two_speakers(editor_client, two_records):
    a, _ = two_records
    response = editor_client.post(
        "/admin/statements/speaker/", {"action": "merge", ACTION_CHECKBOX_NAME: [a.pk]}, follow=True
    )
    assert b"Select two or more speakers" in response.content
    assert Speaker.objects.filter(pk=a.pk).exists()
