"""The interface language lives in the URL (`/` English, `/ur/` Urdu), never in a cookie: a
shared Urdu link opens in Urdu, and an anonymous reader's pages set no cookie and do not vary
on one, so a shared response cache can serve them."""

import pytest
from django.urls import reverse
from django.utils import translation

from statements.models import Claim, Speaker, Topic

pytestmark = pytest.mark.filterwarnings("ignore:No directory at:UserWarning")


def _public_pages(meeting) -> list[str]:
    putin = Speaker.objects.get(slug="vladimir-putin")
    syria = Topic.objects.get(slug="syria")
    claims = Claim.objects.public().filter(meeting=meeting).order_by("start")
    claim, withdrawn = claims[0], claims[1]
    withdrawn.delete()  # its URL is a 410
    return [
        "/",
        "/?q=روس",
        "/?q=zzzzqqq",
        meeting.get_absolute_url(),
        putin.get_absolute_url(),
        f"/speakers/{putin.slug}/record/",
        syria.get_absolute_url(),
        f"/claims/{claim.pk}/",
        f"/claims/{claim.pk}/embed",
        f"/claims/{withdrawn.pk}/",
        f"/claims/{withdrawn.pk}/embed",
        "/meetings/no-such-meeting/",
    ]


@pytest.mark.parametrize("prefix", ["", "/ur"])
def test_anonymous_pages_set_no_cookie_and_do_not_vary_on_cookie(client, seeded, prefix):
    claim = Claim.objects.public().first()
    pages = [*_public_pages(seeded), f"/oembed?url=http://testserver/claims/{claim.pk}/"]
    for path in pages:
        path = path if path.startswith("/oembed") else prefix + path
        response = client.get(path)
        assert response.status_code in (200, 404, 410), path
        assert not response.cookies, (path, list(response.cookies))
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",")}
        assert "cookie" not in vary, (path, response.get("Vary"))
        assert "csrfmiddlewaretoken" not in response.content.decode(), path


def test_an_urdu_link_opens_in_urdu_whatever_the_cookie_or_browser_says(client, seeded):
    client.cookies["django_language"] = "en"
    html = client.get("/ur/?q=روس", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="ur" dir="rtl">' in html and "بیانات میں تلاش" in html
    client.cookies["django_language"] = "ur"
    html = client.get("/?q=روس", HTTP_ACCEPT_LANGUAGE="ur").content.decode()
    assert '<html lang="en" dir="ltr">' in html and "Search the statements" in html


def test_the_language_links_lead_to_the_same_page_in_the_other_language(client, seeded):
    putin = Speaker.objects.get(slug="vladimir-putin")
    english = client.get(putin.get_absolute_url(), {"q": "شام"})
    assert f'href="/ur/speakers/{putin.slug}/?q=%D8%B4%D8%A7%D9%85"' in english.content.decode()
    urdu = client.get(f"/ur/speakers/{putin.slug}/", {"q": "شام"})
    assert urdu.status_code == 200
    assert f'href="/speakers/{putin.slug}/?q=%D8%B4%D8%A7%D9%85"' in urdu.content.decode()


def test_links_inside_an_urdu_page_stay_in_urdu(client, seeded):
    response = client.get("/ur/", {"q": "روس"})
    html = response.content.decode()
    claim = response.context["page"].object_list[0]
    with translation.override("ur"):
        assert claim.meeting.get_absolute_url().startswith("/ur/meetings/")
        assert f'href="{claim.speaker.get_absolute_url()}"' in html
        assert f'href="{reverse("search")}"' in html


def test_there_is_no_language_form_to_post(client, seeded):
    html = client.get("/").content.decode()
    assert 'method="post"' not in html
    assert client.post("/i18n/setlang/", {"language": "ur"}).status_code == 404
