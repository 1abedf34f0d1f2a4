"""Results over time: the chart above the results draws the search's year (or month) facet,
each bar a link to its period, its numbers also as a table; two searches compared; left to the
facets' fragment when the facets are; right to left in Urdu."""

import datetime
import io
import re

import pytest
from django.core.management import call_command

from statements import timeline
from statements.search.facets import Facet

pytestmark = pytest.mark.django_db

BAR = re.compile(
    r'<a href="([^"]*)" class="bar-link" aria-label="[^"]*"><rect class="bar series-(\d)" '
    r'x="([\d.]+)"[^>]*data-period="([^"]+)" data-series="\d" data-count="(\d+)"'
)


@pytest.fixture
def corpus(seeded):
    call_command("make_corpus", claims=600, seed=5, publish=True, stdout=io.StringIO())


def bars(html: str) -> list[tuple[str, int, str, float, int]]:
    """(period, count, url, x, series) of each bar of the chart."""
    return [
        (period, int(count), url.replace("&amp;", "&"), float(x), int(series))
        for url, series, x, period, count in BAR.findall(html)
    ]


def api_facet(client, query: str, kind: str) -> dict[str, int]:
    body = client.get(f"/api/v1/claims/facets?{query}").json()
    return {f["value"]: f["count"] for f in body["facets"][kind]}


def test_the_bars_are_the_year_facet(client, corpus):
    html = client.get("/?facets=all").content.decode()
    drawn = bars(html)
    assert 'class="over-time"' in html and "Matching claims by year" in html
    assert {p: n for p, n, *_ in drawn} == api_facet(client, "", "year")
    assert len(drawn) > 10
    # the table for screen readers holds every year of the range, empty ones too
    table = html[html.index('class="visually-hidden over-time-table"') :]
    rows = re.findall(r'<tr><th scope="row">(\d{4})</th><td>(\d+)</td></tr>', table)
    assert {y: int(n) for y, n in rows if n != "0"} == api_facet(client, "", "year")
    years = [int(y) for y, _ in rows]
    assert years == list(range(years[0], years[-1] + 1))


def test_each_bar_links_to_its_period_with_the_search_kept(client, corpus):
    html = client.get("/?q=تعاون&country=IR&facets=all").content.decode()
    period, count, url, *_ = bars(html)[0]
    assert "country=IR" in url and "q=" in url
    start = f"{period}-01-01" if len(period) == 4 else f"{period}-01"
    assert f"date_from={start}" in url and "date_to=" in url
    narrowed = client.get("/api/v1/claims" + url).json()
    assert narrowed["count"] == count


def test_a_short_range_is_drawn_by_month(client, corpus):
    query = "date_from=2015-01-01&date_to=2016-06-30"
    html = client.get(f"/?{query}&facets=all").content.decode()
    assert "Matching claims by month" in html
    drawn = bars(html)
    assert drawn and all(re.fullmatch(r"\d{4}-\d{2}", p) for p, *_ in drawn)
    assert {p: n for p, n, *_ in drawn} == api_facet(client, query, "month")
    period, _, url, *_ = drawn[0]
    assert f"date_from={period}-01" in url


def test_the_api_gives_the_same_series_by_month(client, corpus):
    months = api_facet(client, "", "month")
    years = api_facet(client, "", "year")
    for year, count in years.items():
        assert sum(n for m, n in months.items() if m.startswith(year)) == count


def test_two_searches_on_one_chart(client, corpus):
    html = client.get("/?q=تعاون&compare=امریکہ&facets=all").content.decode()
    drawn = bars(html)
    assert {s for *_, s in drawn} == {0, 1}
    legend = html[html.index('class="over-time-legend"') :]
    assert "first search:" in legend and "second search:" in legend
    assert 'lang="ur" dir="rtl">امریکہ<' in legend
    first = {p: n for p, n, _, _, s in drawn if s == 0}
    second = {p: n for p, n, _, _, s in drawn if s == 1}
    assert first == api_facet(client, "q=تعاون", "year")
    assert second == api_facet(client, "q=امریکہ", "year")
    # the comparison stays in the page's links (a facet, the next page)
    assert "compare=%D8%A7%D9%85%D8%B1%DB%8C%DA%A9%DB%81" in html.split('class="facets"')[1]


def test_time_runs_right_to_left_in_urdu(client, corpus):
    english = bars(client.get("/?facets=all").content.decode())
    urdu = bars(client.get("/ur/?facets=all").content.decode())
    assert [p for p, *_ in english] == [p for p, *_ in urdu]
    assert english[0][3] < english[-1][3]
    assert urdu[0][3] > urdu[-1][3]


def test_a_large_result_leaves_the_chart_to_its_fragment(client, corpus, monkeypatch):
    from django.core.cache import cache

    from statements.search import engine

    cache.clear()
    monkeypatch.setattr(engine, "FACETS_INLINE", 10)
    html = client.get("/?country=IR").content.decode()
    assert "over-time-pending" in html and 'data-fragment-queue="facets"' in html
    src = re.search(r'class="over-time over-time-pending"[^>]*data-fragment-src="([^"]+)"', html)
    fragment = client.get("/" + src.group(1).replace("&amp;", "&")).content.decode()
    assert fragment.lstrip().startswith('<section class="over-time"')
    assert {p: n for p, n, *_ in bars(fragment)} == api_facet(client, "country=IR", "year")


def test_unit_and_periods_pure():
    year = lambda *vs: {"year": [Facet(str(v), str(v), 1) for v in vs]}  # noqa: E731
    assert timeline.unit_of([year(2001, 2020)], None, None) == "year"
    assert timeline.unit_of([year(2014, 2016)], None, None) == "month"
    assert timeline.unit_of([year(2014), year(2020)], None, None) == "year"
    short = (datetime.date(2001, 1, 1), datetime.date(2002, 6, 30))
    assert timeline.unit_of([year(2001, 2020)], *short) == "month"
    facets = {"year": [Facet("2001", "2001", 3), Facet("2004", "2004", 1)]}
    drawn = timeline.chart([("", facets)], {"q": ["x"]})
    assert [(p.value, p.counts) for p in drawn.periods] == [
        ("2001", [3]),
        ("2002", [0]),
        ("2003", [0]),
        ("2004", [1]),
    ]
    assert [b.url for p in drawn.periods for b in p.bars][1] == ""  # nothing to filter to
    assert timeline.chart([("", {"year": []})], {}) is None


def test_a_phone_leaves_out_year_labels_only_when_there_are_many():
    def labels(first, last):
        facets = {"year": [Facet(str(first), str(first), 1), Facet(str(last), str(last), 1)]}
        drawn = timeline.chart([("", facets)], {"q": ["x"]})
        return [p.value for p in drawn.periods if p.label and not p.minor]

    assert labels(2016, 2019) == ["2016", "2017", "2018", "2019"]  # a few years: all of them
    many = labels(2001, 2024)  # 24 years: the first, then only years ending in 0 or 5
    assert many[0] == "2001" and 2 <= len(many) <= 6
    assert all(int(year) % 5 == 0 for year in many[1:])
