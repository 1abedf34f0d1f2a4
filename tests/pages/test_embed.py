"""The embed card and oEmbed: `/claims/<id>/embed` may be framed by any site (it alone relaxes
X-Frame-Options and frame-ancestors; the rest of its policy is the site's); `/oembed?url=`
returns it, and the claim page announces it."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from statements.models import Claim

pytestmark = pytest.mark.filterwarnings("ignore:No directory at:UserWarning")


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {p.split()[0]: " ".join(p.split()[1:]) for p in policy.split(";") if p.strip()}


@pytest.fixture
def claim(seeded):
    return Claim.objects.public().filter(meeting=seeded, speaker__slug="vladimir-putin").first()


def test_only_the_embed_card_may_be_framed(client, claim):
    card = client.get(f"/claims/{claim.pk}/embed")
    assert card.status_code == 200 and "X-Frame-Options" not in card
    assert directives(card)["frame-ancestors"] == "*"
    page = client.get(claim.get_absolute_url())
    assert page["X-Frame-Options"] == "DENY"
    assert directives(page)["frame-ancestors"] == "'none'"
    # otherwise the card's policy is the site's: scripts, styles, fonts from the site only
    site = {k: v for k, v in directives(page).items() if k != "frame-ancestors"}
    assert {k: v for k, v in directives(card).items() if k != "frame-ancestors"} == site
    for other in ("/", "/speakers/vladimir-putin/", claim.meeting.get_absolute_url()):
        assert client.get(other)["X-Frame-Options"] == "DENY"


def test_the_card_shows_the_quote_the_speaker_the_date_and_a_link_back(client, claim):
    soup = BeautifulSoup(client.get(f"/claims/{claim.pk}/embed").content, "html.parser")
    assert soup.select_one(".embed-quote").get_text(strip=True) == claim.text.strip()
    assert "Vladimir Putin" in soup.select_one(".embed-who").get_text()
    assert soup.select_one("time")["datetime"] == "2015-11-24"
    link = soup.select_one(".embed-source a")
    assert link["href"] == f"http://testserver/claims/{claim.pk}/"
    assert link["target"] == "_blank" and "noopener" in link["rel"]
    assert not soup.select("script") and not soup.select(".site-header")


def test_the_claim_page_announces_its_oembed(client, claim):
    soup = BeautifulSoup(client.get(claim.get_absolute_url()).content, "html.parser")
    link = soup.select_one('link[rel=alternate][type="application/json+oembed"]')
    assert link["href"] == (
        f"http://testserver/oembed?url=http%3A%2F%2Ftestserver%2Fclaims%2F{claim.pk}%2F"
    )


def test_oembed_returns_the_card(client, claim):
    response = client.get("/oembed", {"url": f"http://testserver/claims/{claim.pk}/"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    body = response.json()
    assert body["version"] == "1.0" and body["type"] == "rich"
    assert body["provider_name"] == "Diplomatic statements archive"
    assert body["author_name"] == "Vladimir Putin"
    assert body["author_url"] == "http://testserver/speakers/vladimir-putin/"
    iframe = BeautifulSoup(body["html"], "html.parser").iframe
    assert iframe["src"] == f"http://testserver/claims/{claim.pk}/embed"
    assert (int(iframe["width"]), int(iframe["height"])) == (body["width"], body["height"])
    assert body["width"] <= 560 and body["cache_age"] > 0
    assert response["Access-Control-Allow-Origin"] == "*"


def test_oembed_keeps_to_the_consumers_size_and_language(client, claim):
    url = f"http://testserver/ur/claims/{claim.pk}/"
    body = client.get("/oembed", {"url": url, "maxwidth": "320", "maxheight": "300"}).json()
    assert body["width"] <= 320 and body["height"] <= 300
    assert "thumbnail_url" not in body  # the site image is larger than allowed
    assert f'src="http://testserver/ur/claims/{claim.pk}/embed"' in body["html"]
    assert body["provider_name"] == "سفارتی بیانات کا ذخیرہ"


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, 400),
        ({"url": "http://testserver/claims/1/", "format": "xml"}, 501),
        ({"url": "http://elsewhere.example/claims/1/"}, 404),
        ({"url": "http://testserver/meetings/x/"}, 404),
        ({"url": "http://testserver/claims/999999999/"}, 404),
        ({"url": "javascript:alert(1)"}, 404),
        ({"url": "http://testserver/claims/99999999999999999999999/"}, 404),
    ],
)
def test_oembed_refuses_what_is_not_a_public_claim(client, claim, params, status):
    assert client.get("/oembed", params).status_code == status


def test_the_card_and_oembed_set_no_cookie(client, claim):
    for url in (f"/claims/{claim.pk}/embed", f"/oembed?url=http://testserver/claims/{claim.pk}/"):
        response = client.get(url)
        assert not response.cookies
        assert "cookie" not in response.get("Vary", "").lower()
    assert settings.X_FRAME_OPTIONS == "DENY"
