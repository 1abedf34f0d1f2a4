"""A speaker's or topic's name in any script finds them without an alias of that spelling:
claims by them and claims mentioning them, each marked which, on the search and in the API."""

import pytest
from django.http import QueryDict

from statements.ingest.service import ingest_document
from statements.models import Alias, Speaker, Topic
from statements.search import SearchRequest, search

pytestmark = pytest.mark.django_db

BY_LAVROV = """2016 /Jun/ 1 - روسی وزیر خارجہ کی پریس کانفرنس

روسی وزیر خارجہ سرگئی لاؤروف نے کہا کہ شام میں جنگ بندی ضروری ہے۔
"""
ABOUT_LAVROV = """2016 /Jun/ 2 - دفتر خارجہ کی بریفنگ

ترجمان دفتر خارجہ نفیس زکریا نے کہا کہ سرگئی لاوروف کا دورہ اہم ہے۔
"""
BY_BLOME = """2023 /Mar/ 1 - امریکی سفیر کا خطاب

امریکی سفیر ڈونلڈ بلوم نے کہا کہ تجارت بڑھے گی۔
"""


@pytest.fixture
def reports(reference):
    for i, text in enumerate((BY_LAVROV, ABOUT_LAVROV, BY_BLOME)):
        ingest_document(text.encode(), origin=f"names-{i}.txt", publish=True)


def _search(q):
    result = search(SearchRequest.from_params(QueryDict(mutable=True) | {"q": q}))
    return result, [(c.text, c.matched_as) for c in result.claims]


@pytest.mark.parametrize("q", ["Sergey Lavrov", "Sergei Lavrov", "Lavrov", "سرگئی لاوروف"])
def test_a_name_finds_claims_by_the_person_and_claims_mentioning_them(reports, q):
    _, found = _search(q)
    assert sorted(found) == [
        ("سرگئی لاوروف کا دورہ اہم ہے", "mentions"),
        ("شام میں جنگ بندی ضروری ہے", "by"),
    ]


def test_an_english_name_finds_a_provisional_speaker_by_transliteration(reports):
    blome = Speaker.objects.get(name="ڈونلڈ بلوم")
    assert blome.is_provisional and not blome.name_en
    assert not Alias.objects.filter(speaker=blome, language="en").exists()
    result, found = _search("Donald Blome")
    assert found == [("تجارت بڑھے گی", "by")]
    assert result.names[0].speakers == [blome.pk]


def test_an_urdu_query_finds_a_speaker_recorded_with_another_spelling(reports):
    putin = Speaker.objects.get(name_en="Vladimir Putin")
    assert not Alias.objects.filter(speaker=putin, text="ولادیمیر پوٹین").exists()
    result, _ = _search("ولادیمیر پوٹین")
    assert putin.pk in result.names[0].speakers


def test_an_urdu_query_finds_a_speaker_known_only_by_an_english_name(reports, admin_client):
    response = admin_client.post(
        "/admin/statements/speaker/add/",
        {"name": "Tobias Werner", "name_en": "Tobias Werner", "slug": "tobias-werner",
         "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert response.status_code == 302, response.content[:2000]
    werner = Speaker.objects.get(slug="tobias-werner")
    result, _ = _search("ٹوبیاس ورنر")
    assert werner.pk in result.names[0].speakers


def test_a_topics_name_in_english_finds_it_by_transliteration(reports):
    """Kathmandu has Urdu aliases only (the loader adds the English name, which is removed
    here): the English name still finds the topic."""
    kathmandu = Topic.objects.get(name_en="Kathmandu")
    kathmandu.aliases.filter(language="en").delete()
    result, _ = _search("Kathmandu")
    assert kathmandu.pk in result.names[0].topics


def test_the_api_says_by_or_mentions_and_which_names(reports, client):
    body = client.get("/api/v1/claims", {"q": "Lavrov"}).json()
    assert sorted(r["matched_as"] for r in body["results"]) == ["by", "mentions"]
    assert body["names"][0]["text"] == "lavrov"
    assert [s["name_en"] for s in body["names"][0]["speakers"]] == ["Sergey Lavrov"]
    plain = client.get("/api/v1/claims", {"q": "جنگ"}).json()
    assert plain["names"] == [] and plain["results"][0]["matched_as"] is None
