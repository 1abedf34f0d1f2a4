"""What the search page tells a researcher about a search: one message, in the interface's
language, with a next step when nothing is found; no facet box over nothing."""

import re

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.filterwarnings("ignore:No directory at:UserWarning")


def _notices(html: str) -> list:
    return BeautifulSoup(html, "html.parser").select("main .notice, main .error")


def _text(element) -> str:
    return " ".join(element.get_text(" ").split())


@pytest.mark.parametrize("prefix", ["", "/ur"])
@pytest.mark.parametrize(
    "q", ["پیوٹم", "ایرواسپیس داعش", "Putim", "دہشت", "negotiations", "کمپیوٹرائزیشن", "-", "شام"]
)
def test_a_search_says_at_most_one_thing(client, seeded, prefix, q):
    html = client.get(prefix + "/", {"q": q}).content.decode()
    assert len(_notices(html)) <= 1, [_text(n) for n in _notices(html)]


@pytest.mark.parametrize("q", ["پیوٹم", "ایرواسپیس داعش", "Putim", "دہشت", "negotiations", "-"])
def test_the_urdu_interface_says_it_in_urdu(client, seeded, q):
    html = client.get("/ur/", {"q": q}).content.decode()
    (notice,) = _notices(html)
    english = re.findall(r"[A-Za-z]{3,}", _text(notice).replace(q, ""))
    assert not [w for w in english if w not in ("Putin",)], _text(notice)


def test_a_corrected_query_names_what_was_searched(client, seeded):
    (notice,) = _notices(client.get("/", {"q": "پیوٹم"}).content.decode())
    assert "Showing results for" in _text(notice) and "پیوٹن" in _text(notice)
    assert notice.select_one(".corrected-query").get_text() == "پیوٹن"


@pytest.mark.parametrize(
    ("q", "link"),
    [("Putim", "?q=Putin"), ("دہشت", "?q=%D8%AF%DB%81%D8%B4%D8%AA%2A")],
)
def test_nothing_found_offers_a_search_that_finds_something(client, seeded, q, link):
    html = client.get("/", {"q": q}).content.decode()
    (notice,) = _notices(html)
    assert "no-results" in notice["class"]
    hrefs = [a["href"] for a in notice.select("a")]
    assert link in hrefs, hrefs
    assert client.get("/" + link).context["page"].paginator.count > 0


def test_english_words_that_name_nothing_point_to_the_urdu_spelling(client, seeded):
    (notice,) = _notices(client.get("/", {"q": "negotiations"}).content.decode())
    assert "Urdu spelling" in _text(notice)


def test_nothing_found_with_a_filter_offers_to_remove_it(client, seeded):
    html = client.get("/", {"q": "ایٹمی", "speaker": "bashar-al-assad"}).content.decode()
    (notice,) = _notices(html)
    assert "filter" in _text(notice)
    assert "?q=%D8%A7%DB%8C%D9%B9%D9%85%DB%8C" in [a["href"] for a in notice.select("a")]


def test_no_facet_box_over_nothing(client, seeded):
    html = client.get("/", {"q": "کمپیوٹرائزیشن"}).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select("aside.facets") == []
    assert soup.select("aside.facets") != [] or "Narrow the results" not in html
    assert BeautifulSoup(client.get("/", {"q": "روس"}).content, "html.parser").select(
        "aside.facets"
    )


@pytest.mark.parametrize("prefix", ["", "/ur"])
def test_too_few_claims_with_every_word_says_it_shows_all_but_one(client, seeded, prefix):
    html = client.get(prefix + "/", {"q": "پیوٹن شام جمہوریت انتخابات"}).content.decode()
    (notice,) = _notices(html)
    expected = "all but one" if not prefix else "ایک کے سوا سب"
    assert expected in _text(notice), _text(notice)
    assert notice.select(".corrected-query[lang=ur], .corrected-query [lang=ur]")
