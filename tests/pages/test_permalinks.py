"""Permalinks that last: a renamed meeting's or speaker's old URL redirects (301) to the
current one, in either language, its query string kept; a claim that was public and is no
longer answers 410 Gone with its meeting's link; what never was public stays a 404."""

import io

import pytest
from django.core.management import call_command

from statements.models import Claim, Meeting, OldSlug, Speaker

pytestmark = pytest.mark.filterwarnings("ignore:No directory at:UserWarning")


def rename(obj, slug):
    obj.slug = slug
    obj.save()


def test_a_renamed_meeting_redirects_from_its_old_url(client, seeded):
    old = seeded.get_absolute_url()
    rename(seeded, "2015-11-24-khamenei-putin")
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == "/meetings/2015-11-24-khamenei-putin/"
    urdu = client.get("/ur" + old + "?q=%D8%B1%D9%88%D8%B3")
    assert urdu.status_code == 301
    assert urdu["Location"] == "/ur/meetings/2015-11-24-khamenei-putin/?q=%D8%B1%D9%88%D8%B3"
    assert client.get(urdu["Location"]).status_code == 200


def test_a_slug_renamed_twice_leads_to_the_current_page_in_one_redirect(client, seeded):
    first = seeded.slug
    rename(seeded, "second-name")
    rename(seeded, "third-name")
    for old in (first, "second-name"):
        response = client.get(f"/meetings/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/meetings/third-name/")


def test_a_slug_taken_back_is_live_again_and_no_longer_old(client, seeded):
    first = seeded.slug
    rename(seeded, "interim")
    rename(seeded, first)
    assert client.get(f"/meetings/{first}/").status_code == 200
    assert not OldSlug.objects.filter(kind="meeting", slug=first).exists()
    assert client.get("/meetings/interim/")["Location"] == f"/meetings/{first}/"


def test_an_update_in_bulk_keeps_the_old_slug_too(client, seeded):
    """The database keeps old slugs (a trigger), whatever writes the new one."""
    old = seeded.slug
    Meeting.objects.filter(pk=seeded.pk).update(slug="renamed-in-bulk")
    assert client.get(f"/meetings/{old}/")["Location"] == "/meetings/renamed-in-bulk/"


def test_a_renamed_speaker_redirects_and_so_does_its_record(client, seeded):
    putin = Speaker.objects.get(slug="vladimir-putin")
    rename(putin, "vladimir-v-putin")
    response = client.get("/speakers/vladimir-putin/?q=%D8%B4%D8%A7%D9%85")
    assert response.status_code == 301
    assert response["Location"] == "/speakers/vladimir-v-putin/?q=%D8%B4%D8%A7%D9%85"
    record = client.get("/ur/speakers/vladimir-putin/record/")
    assert (record.status_code, record["Location"]) == (
        301,
        "/ur/speakers/vladimir-v-putin/record/",
    )


def test_an_old_slug_of_a_meeting_that_is_not_public_is_a_404(client, seeded):
    old = seeded.slug
    rename(seeded, "now-a-draft")
    Meeting.objects.filter(pk=seeded.pk).update(status="draft", published_at=None)
    assert client.get(f"/meetings/{old}/").status_code == 404


def test_an_unknown_slug_is_still_a_404(client, seeded):
    assert client.get("/meetings/never-was/").status_code == 404
    assert client.get("/speakers/never-was/").status_code == 404
    assert client.get("/speakers/never-was/record/").status_code == 404


def test_a_deleted_claim_is_gone_with_its_meetings_link(client, seeded):
    claim = Claim.objects.public().filter(meeting=seeded).first()
    url = claim.get_absolute_url()
    claim.delete()  # as an editor does in the admin: the history records the deletion
    response = client.get(url)
    assert response.status_code == 410
    html = response.content.decode()
    assert "was withdrawn" in html and f'href="{seeded.get_absolute_url()}"' in html
    urdu = client.get("/ur" + url)
    assert urdu.status_code == 410
    assert f'href="/ur/meetings/{seeded.slug}/"' in urdu.content.decode()
    assert client.get(url + "embed").status_code == 410


def test_a_rejected_claim_is_gone_too(client, seeded):
    claim = Claim.objects.public().filter(meeting=seeded).first()
    claim.review_status = Claim.ReviewStatus.REJECTED
    claim.save()
    response = client.get(claim.get_absolute_url())
    assert response.status_code == 410 and seeded.get_absolute_url() in response.content.decode()


def test_a_claim_deleted_with_its_meeting_is_gone_without_a_link(client, seeded):
    claim = Claim.objects.public().filter(meeting=seeded).first()
    url = claim.get_absolute_url()
    seeded.delete()
    response = client.get(url)
    assert response.status_code == 410
    assert "no longer in the archive" in response.content.decode()


def test_a_claim_deleted_from_a_draft_never_public_stays_a_404(client, seeded, tmp_path):
    doc = tmp_path / "draft.txt"
    doc.write_text(
        "2017 /Mar/ 1 - مسودہ ملاقات\n\nروس کے صدر ولادیمیر پیوٹن نے کہا کہ مسودہ بیان یہاں ہے۔\n",
        encoding="utf-8",
    )
    call_command("ingest", str(doc), "--draft", stdout=io.StringIO())
    claim = Claim.objects.get(meeting__source__origin="draft.txt")
    url = claim.get_absolute_url()
    claim.delete()
    assert client.get(url).status_code == 404
    # ... even once its meeting is published later
    draft = Meeting.objects.get(source__origin="draft.txt")
    from statements.editing import set_meeting_status

    set_meeting_status(Meeting.objects.filter(pk=draft.pk), Meeting.Status.PUBLISHED)
    assert client.get(url).status_code == 404
