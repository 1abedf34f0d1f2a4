"""The gazetteer (migration 0008): countries, capitals and organisations that diplomatic reports
name most, so that a new report is tagged with them and English names find the Urdu text; and
their exclusions, so that the ordinary Urdu words they share a spelling with are not tagged."""

import pytest
from django.http import QueryDict

from statements.ingest.service import ingest_document
from statements.models import Claim, Topic
from statements.search import SearchRequest, search

pytestmark = pytest.mark.django_db

REPORT = """2019 /Apr/ 28 - وزیر اعظم عمران خان کی چینی صدر شی جن پنگ سے ملاقات

بیجنگ میں ہونے والی اس ملاقات میں عمران خان نے کہا کہ پاکستان اور چین کی دوستی مثالی ہے۔
چینی صدر نے کہا کہ افغانستان میں امن کے لئے اقوام متحدہ کا کردار اہم ہے۔
عمران خان نے کہا کہ عوام چین سے بیٹھے ہیں اور ہم اس بات پر مصر ہیں کہ مذاکرات جاری رہیں۔
"""


@pytest.fixture
def report(db):
    return ingest_document(REPORT.encode(), origin="gazetteer.txt", publish=True).meeting


def claims_for(q):
    return [
        c.text for c in search(SearchRequest.from_params(QueryDict(mutable=True) | {"q": q})).claims
    ]


def test_new_reports_are_tagged_with_the_countries_and_organisations_they_name(report):
    claims = list(report.claims.order_by("start").prefetch_related("topics"))
    tags = [{t.slug for t in c.topics.all()} for c in claims]
    assert tags[0] == {"pakistan", "china"}
    assert tags[1] == {"afghanistan", "united-nations"}
    # "چین سے بیٹھے" (sit at peace) is not China, "پر مصر ہیں" (insist) is not Egypt
    assert tags[2] == set()


@pytest.mark.parametrize(
    ("q", "expected"),
    [("China", [0]), ("Pakistan", [0]), ("Afghanistan", [1]), ("United Nations", [1]),
     ("Egypt", []), ("Beijing", [])],
)  # fmt: skip
def test_english_names_find_the_urdu_claims(report, q, expected):
    claims = [c.text for c in report.claims.order_by("start")]
    assert claims_for(q) == [claims[i] for i in expected]


def test_country_facet_and_filter_use_the_new_countries(report):
    result = search(SearchRequest.from_params(QueryDict("country=CN")))
    # about China (tagged), and said by the Chinese president (his country, read from
    # "چینی صدر" in the title)
    first, second, _ = report.claims.order_by("start")
    assert sorted(c.pk for c in result.claims) == [first.pk, second.pk]
    assert second.speaker.country == "CN"
    assert Topic.objects.filter(kind="country").count() >= 20
    assert Claim.objects.count() == 3
