"""A page for every claim (`/claims/<id>/`): the claim in its paragraph, who said it as
resolved and as named, its meeting and report, topics, kind, review status and what it means,
the editor's translation and note, its neighbours and the speaker's other claims on its
topics; linked from every result, meeting, speaker, feed entry and the API."""

from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from statements.models import Claim, Meeting, Speaker

pytestmark = pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
ATOM = "{http://www.w3.org/2005/Atom}"


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response, BeautifulSoup(response.content, "html.parser")


def seed_claims(meeting):
    return list(Claim.objects.public().filter(meeting=meeting).order_by("start"))


def test_the_claim_page_shows_the_claim_in_its_paragraph(client, seeded):
    claim = seed_claims(seeded)[3]
    _, soup = page(client, f"/claims/{claim.pk}/")
    quote = soup.select_one(".claim-quote")
    assert quote["lang"] == "ur" and quote.get_text(strip=True) == claim.text.strip()
    paragraph = soup.select_one("blockquote.paragraph")
    assert " ".join(paragraph.get_text().split()) == " ".join(claim.passage.text.split())
    assert paragraph.select_one("mark.this-claim").get_text() == claim.text
    assert paragraph.select_one(".named-subject").get_text() == claim.subject_text
    assert soup.select_one("h1 a")["href"] == claim.speaker.get_absolute_url()


def test_it_says_who_as_resolved_and_as_named_the_meeting_and_the_report(client, seeded):
    claim = next(c for c in seed_claims(seeded) if c.subject_text == "آپ")
    _, soup = page(client, claim.get_absolute_url())
    facts = {
        dt.get_text(strip=True): dd
        for dt, dd in zip(
            soup.select(".claim-facts dt"), soup.select(".claim-facts dd"), strict=True
        )
    }
    assert "Ali Khamenei" in facts["Speaker"].get_text() and "«آپ»" in facts["Speaker"].get_text()
    meeting = facts["Meeting"].get_text(" ", strip=True)
    assert seeded.title_en in meeting and "2015-11-24" in meeting and "Vladimir Putin" in meeting
    report = facts["Report"].get_text(" ", strip=True)
    assert "Office of the Leader of the Islamic Revolution (Urdu service)" in report
    assert "published 2015-11-24" in report and "Original URL unknown." in report
    assert "in Urdu" in report and seeded.source.origin in report
    assert facts["Kind"].get_text(strip=True) == claim.get_kind_display()
    assert {a.get_text(strip=True) for a in facts["Topics"].select("a")} == {
        t.name_en for t in claim.topics.all()
    }


@pytest.mark.parametrize(
    ("status", "meaning"),
    [
        ("extracted", "no editor has checked it yet"),
        ("accepted", "an editor has checked its words and its speaker against the source"),
        ("needs_review", "the archive’s extractor was unsure of it"),
    ],
)
def test_the_review_status_says_what_it_means(client, seeded, status, meaning):
    claim = seed_claims(seeded)[0]
    Claim.objects.filter(pk=claim.pk).update(review_status=status, review_note="سبب")
    _, soup = page(client, claim.get_absolute_url())
    review = soup.select(".claim-facts dd")[2].get_text(" ", strip=True)
    assert meaning in review.replace("'", "’")


def test_the_editors_translation_and_note_are_shown_when_there_are_some(client, seeded):
    claim = seed_claims(seeded)[1]
    html = client.get(claim.get_absolute_url()).content.decode()
    assert "The editors’ translation" not in html and "Editor’s note" not in html
    Claim.objects.filter(pk=claim.pk).update(
        translation_en="The American plan harms every country.", editor_note="Checked twice."
    )
    html = client.get(claim.get_absolute_url()).content.decode()
    assert "The American plan harms every country." in html and "Checked twice." in html


def test_previous_and_next_claims_of_the_meeting_and_the_context_anchor(client, seeded):
    claims = seed_claims(seeded)
    middle = claims[4]
    _, soup = page(client, middle.get_absolute_url())
    nav = soup.select_one(".claim-nav")
    assert nav.select_one("a[rel=prev]")["href"] == claims[3].get_absolute_url()
    assert nav.select_one("a[rel=next]")["href"] == claims[5].get_absolute_url()
    context = nav.select_one("a")["href"]
    assert context == f"{seeded.get_absolute_url()}#claim-{middle.pk}"
    _, first = page(client, claims[0].get_absolute_url())
    assert not first.select_one(".claim-nav a[rel=prev]")
    _, last = page(client, claims[-1].get_absolute_url())
    assert not last.select_one(".claim-nav a[rel=next]")


def test_other_claims_of_the_speaker_on_the_same_topics(client, seeded):
    claim = next(
        c for c in seed_claims(seeded) if c.topic_ids and c.speaker.slug == "vladimir-putin"
    )
    _, soup = page(client, claim.get_absolute_url())
    shown = {a["href"] for a in soup.select(".related .meta a")}
    expected = {
        c.get_absolute_url()
        for c in Claim.objects.public()
        .filter(speaker=claim.speaker, topic_ids__overlap=claim.topic_ids)
        .exclude(pk=claim.pk)
    }
    assert shown == expected and claim.get_absolute_url() not in shown


def test_the_claim_page_is_in_urdu_too(client, seeded):
    claim = seed_claims(seeded)[0]
    response = client.get(f"/ur/claims/{claim.pk}/")
    assert response.status_code == 200
    assert '<html lang="ur" dir="rtl">' in response.content.decode()


@pytest.mark.parametrize("pk", ["0", "999999999", str(2**63), str(2**70)])
def test_an_id_that_never_named_a_claim_is_a_404(client, seeded, pk):
    assert client.get(f"/claims/{pk}/").status_code == 404
    assert client.get(f"/claims/{pk}/embed").status_code == 404


def test_a_claim_of_a_draft_is_a_404(client, seeded):
    Meeting.objects.filter(pk=seeded.pk).update(status="draft", published_at=None)
    claim = Claim.objects.filter(meeting=seeded).first()
    assert client.get(claim.get_absolute_url()).status_code == 404


def test_results_meetings_speakers_feeds_and_the_api_link_to_the_claim_page(client, seeded):
    claim = seed_claims(seeded)[0]
    url = claim.get_absolute_url()
    assert url == f"/claims/{claim.pk}/"
    response = client.get("/", {"q": "روس"})  # once: a repeat is the response cache's copy
    results, first = response.content.decode(), response.context["page"].object_list[0]
    assert f'href="{first.get_absolute_url()}"' in results
    # "In context" stays: the meeting's anchor
    assert f"{first.meeting.get_absolute_url()}?q=%D8%B1%D9%88%D8%B3#claim-{first.pk}" in results
    meeting = client.get(seeded.get_absolute_url()).content.decode()
    assert f'href="{url}"' in meeting and f'id="claim-{claim.pk}"' in meeting
    response = client.get(claim.speaker.get_absolute_url())
    speaker, shown = response.content.decode(), response.context["page"].object_list
    assert all(f'href="{c.get_absolute_url()}"' in speaker for c in shown)
    feed = ElementTree.fromstring(client.get("/feeds/search", {"q": "روس"}).content)
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert links and all("/claims/" in link and "#" not in link for link in links)
    api = client.get("/api/v1/claims", {"q": "روس"}).json()["results"][0]
    assert api["url"] == f"http://testserver/claims/{api['id']}/"


def test_the_meeting_page_cites_the_report_in_four_formats(client, seeded):
    response = client.get(seeded.get_absolute_url())
    _, soup = page(client, seeded.get_absolute_url())
    box = soup.select_one("#cite-meeting")
    text = box.select_one("#cite-meeting-text").get_text()
    assert text.startswith("Office of the Leader of the Islamic Revolution (Urdu service).")
    assert text.endswith(f"http://testserver{seeded.get_absolute_url()}.")
    today = response.context["accessed"]
    assert f"Accessed {today:%B} {today.day}, {today.year}." in text
    assert (
        box.select_one("#cite-meeting-bibtex")
        .get_text()
        .startswith(f"@misc{{meeting-{seeded.slug},")
    )
    assert box.select_one("#cite-meeting-ris").get_text().startswith("TY  - NEWS")
    assert '"type": "article-newspaper"' in box.select_one("#cite-meeting-csl").get_text()
    assert box.select("button[data-copy][hidden]")  # shown by the same-origin script


def test_the_speaker_page_cites_the_speakers_record_and_links_its_printable_record(client, seeded):
    putin = Speaker.objects.get(slug="vladimir-putin")
    _, soup = page(client, putin.get_absolute_url())
    text = soup.select_one("#cite-speaker-text").get_text()
    assert text.startswith("Diplomatic statements archive. “Vladimir Putin")
    assert soup.select_one(f'a[href="/speakers/{putin.slug}/record/"]')


def test_a_speakers_record_lists_every_claim_with_its_citation(client, seeded):
    putin = Speaker.objects.get(slug="vladimir-putin")
    claims = Claim.objects.public().filter(speaker=putin)
    _, soup = page(client, f"/speakers/{putin.slug}/record/")
    items = soup.select(".record-claims > li")
    assert len(items) == claims.count() > 0
    for item, claim in zip(items, claims.order_by("start"), strict=True):
        assert item.select_one("blockquote").get_text(strip=True) == claim.text.strip()
        citation = item.select_one(".cite-text").get_text()
        assert citation.startswith("Office of the Leader") and f"/claims/{claim.pk}/." in citation
    assert soup.select_one(".permalink-line")
