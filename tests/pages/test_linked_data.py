"""What other sites and machines read from the pages: JSON-LD (schema.org, parsed and checked
against the claim, the meeting and the speaker) and OpenGraph / Twitter card tags on claim,
meeting, speaker and search pages."""

import json

import pytest
from bs4 import BeautifulSoup

from statements.models import Claim, Speaker

pytestmark = pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
BASE = "http://testserver"


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def jsonld(soup) -> dict:
    (block,) = soup.select('script[type="application/ld+json"]')
    return json.loads(block.string)


def meta(soup) -> dict[str, str]:
    tags = soup.select("meta[property], meta[name]")
    return {t.get("property") or t.get("name"): t["content"] for t in tags if t.get("content")}


def test_a_claims_json_ld_is_a_quotation_that_matches_the_claim(client, seeded):
    claim = (
        Claim.objects.public()
        .filter(meeting=seeded, speaker__slug="vladimir-putin")
        .exclude(topic_ids=[])
        .first()
    )
    data = jsonld(soup_of(client, claim.get_absolute_url()))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Quotation"
    assert data["@id"] == data["url"] == f"{BASE}/claims/{claim.pk}/"
    assert data["text"] == claim.text and data["inLanguage"] == "ur"
    putin = claim.speaker
    speaker = data["spokenByCharacter"]
    assert speaker["@type"] == "Person" and speaker["name"] == putin.name_en == "Vladimir Putin"
    assert speaker["alternateName"] == putin.name
    assert speaker["sameAs"] == f"https://www.wikidata.org/wiki/{putin.wikidata_id}"
    assert speaker["url"] == f"{BASE}{putin.get_absolute_url()}"
    assert data["creator"] == speaker
    assert data["datePublished"] == "2015-11-24"
    report = data["isPartOf"]
    assert report["@type"] == "NewsArticle" and report["headline"] == seeded.title
    assert report["publisher"]["name"].startswith("Office of the Leader of the Islamic Revolution")
    assert "url" not in report  # the original URL is unknown: none is made up
    event = report["about"]
    assert event["@type"] == "Event" and event["startDate"] == "2015-11-24"
    assert {a["name"] for a in event["attendee"]} == {"Ali Khamenei", "Vladimir Putin"}
    assert {t["name"] for t in data["about"]} == {t.name_en for t in claim.topics.all()}
    assert data["isBasedOn"] == f"{BASE}{seeded.get_absolute_url()}#claim-{claim.pk}"


def test_the_json_ld_block_cannot_be_closed_by_a_sources_text(client, seeded):
    claim = Claim.objects.public().filter(meeting=seeded).first()
    Claim.objects.filter(pk=claim.pk).update(translation_en="</script><script>alert(1)</script>")
    html = client.get(claim.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html
    data = jsonld(BeautifulSoup(html, "html.parser"))
    assert data["description"] == "</script><script>alert(1)</script>"


def test_a_meeting_is_an_event_with_its_report_and_a_speaker_a_person(client, seeded):
    event = jsonld(soup_of(client, seeded.get_absolute_url()))
    assert event["@type"] == "Event" and event["name"] == seeded.title_en
    assert event["startDate"] == "2015-11-24" and len(event["attendee"]) == 2
    assert event["subjectOf"]["@type"] == "NewsArticle"
    assert event["subjectOf"]["inLanguage"] == "ur"
    khamenei = Speaker.objects.get(slug="ali-khamenei")
    person = jsonld(soup_of(client, khamenei.get_absolute_url()))
    assert person["@type"] == "Person" and person["name"] == "Ali Khamenei"
    assert person["sameAs"] == f"https://www.wikidata.org/wiki/{khamenei.wikidata_id}"


@pytest.mark.parametrize("kind", ["claim", "meeting", "speaker", "search"])
def test_shared_links_carry_opengraph_and_twitter_tags(client, seeded, kind):
    claim = Claim.objects.public().filter(meeting=seeded, speaker__slug="vladimir-putin").first()
    url = {
        "claim": claim.get_absolute_url(),
        "meeting": seeded.get_absolute_url(),
        "speaker": "/speakers/vladimir-putin/",
        "search": "/?q=%D8%B1%D9%88%D8%B3",
    }[kind]
    tags = meta(soup_of(client, url))
    for name in ("og:title", "og:description", "og:url", "og:image", "twitter:card"):
        assert tags.get(name), (kind, name)
    assert tags["og:url"] == BASE + url
    assert tags["og:image"] == f"{BASE}/static/img/og-card.png"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["og:site_name"] == "Diplomatic statements archive"
    if kind == "claim":
        assert tags["og:type"] == "article" and "Vladimir Putin" in tags["og:title"]
        assert claim.text.split()[0] in tags["og:description"]
        assert tags["article:published_time"] == "2015-11-24"
    if kind == "speaker":
        assert tags["og:title"] == "Vladimir Putin"
    if kind == "search":
        assert "روس" in tags["og:title"] and "claims match" in tags["og:description"]


def test_the_site_image_exists_at_its_announced_size(client, seeded):
    from pathlib import Path

    from django.contrib.staticfiles import finders

    header = Path(finders.find("img/og-card.png")).read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(header[16:20]), int.from_bytes(header[20:24])) == (1200, 630)
