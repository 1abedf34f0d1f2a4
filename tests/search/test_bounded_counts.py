"""Counts exact up to COUNT_LIMIT and a bound past it (with count=exact for the exact number),
facets left to the facets endpoint when they would hold up a large result, and that endpoint's
counts equal to the exact ones. The limits are lowered here, so that the seed's 33 claims are
a "large" result."""

import pytest

from statements.search import SearchRequest, engine, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(engine, "COUNT_LIMIT", 5)
    monkeypatch.setattr(engine, "FACETS_INLINE", 3)


def run(params, **options):
    return search(SearchRequest.from_params(params), **options)


def test_past_the_limit_the_count_is_a_bound_and_says_so(seeded, small_limits):
    exact = run({"q": "شام", "count": "exact"})
    bounded = run({"q": "شام"})
    assert exact.count_is_exact and exact.total > 5
    assert not bounded.count_is_exact and bounded.total == 5


def test_below_the_limit_the_count_is_exact_without_asking(seeded, small_limits):
    result = run({"q": "ایرواسپیس"})
    assert result.count_is_exact and result.total == result.claims.count()


def test_the_first_page_past_the_limit_is_ranked_among_the_first_candidates(seeded, small_limits):
    bounded = run({"q": "شام"})
    page = [c.pk for c in bounded.paginator(20).page(1).object_list]
    candidates = list(bounded.claims.order_by("pk").values_list("pk", flat=True))
    assert bounded.ranked_among == 6 and len(page) == 6  # COUNT_LIMIT + 1, by relevance
    ranked = sorted(bounded.claims.filter(pk__in=page), key=lambda c: (-c.rank, c.pk))
    assert [c.rank for c in ranked] == sorted((c.rank for c in ranked), reverse=True)
    assert set(page) <= set(candidates)


def test_a_large_result_leaves_its_facets_to_the_endpoint_which_counts_them_exactly(
    seeded, small_limits, client
):
    result = run({"q": "امریکہ"})
    assert not result.facets_complete and result.facets == {}
    api = client.get("/api/v1/claims", {"q": "امریکہ"}).json()
    assert api["facets_complete"] is False and api["count_is_exact"] is False
    assert all(facets == [] for facets in api["facets"].values())
    completed = client.get("/api/v1/claims/facets", {"q": "امریکہ"}).json()
    exact = run({"q": "امریکہ", "count": "exact"}, facets="all")
    assert completed["count"] == exact.total
    for name, facets in exact.facets.items():
        assert [(f["value"], f["count"]) for f in completed["facets"][name]] == [
            (f.value, f.count) for f in facets
        ]
    again = run({"q": "امریکہ"})
    assert again.facets_complete  # counted once, kept for the next asker
    assert again.count_is_exact and again.total == exact.total


def test_the_api_counts_exactly_when_asked(seeded, small_limits, client):
    bounded = client.get("/api/v1/claims", {"q": "شام"}).json()
    exact = client.get("/api/v1/claims", {"q": "شام", "count": "exact"}).json()
    assert bounded["count"] == 5 and bounded["count_is_exact"] is False
    assert exact["count"] > 5 and exact["count_is_exact"] is True
    assert client.get("/api/v1/claims", {"count": "all"}).status_code == 400


def test_the_page_says_more_than_and_offers_the_exact_count(seeded, small_limits, client):
    page = client.get("/", {"q": "شام"}).content.decode()
    assert "more than 5" in page and "count=exact" in page and "ranked among the first 6" in page
    assert 'data-fragment-src="?q=' in page and "Counting…" in page
    counted = client.get("/", {"q": "شام", "count": "exact"}).content.decode()
    assert "more than" not in counted
    fragment = client.get("/", {"q": "شام", "fragment": "facets"}).content.decode()
    assert fragment.startswith('<aside class="facets"') and "facet-speaker" in fragment
