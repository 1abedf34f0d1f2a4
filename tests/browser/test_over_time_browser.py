"""The chart of results over time in Chromium: drawn, readable, a bar that filters, the
comparison's legend, the Urdu interface right to left, a large result's chart fetched by the
page's script; screenshots on a desktop and a phone, in English and Urdu."""

import io

import pytest
from django.core.management import call_command

from tests.browser.conftest import BROWSER_MARKS, DESKTOP, PHONE

pytestmark = BROWSER_MARKS


@pytest.fixture
def corpus(seeded):
    call_command("make_corpus", claims=600, seed=5, publish=True, stdout=io.StringIO())


def test_the_chart_is_drawn_and_a_bar_filters_to_its_year(visit, corpus):
    v = visit()
    v.goto("/?q=تعاون or امریکہ&facets=all")
    chart = v.page.locator("svg.over-time-chart")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 400 and 80 < box["height"] < 260
    bars = v.page.locator("svg.over-time-chart a.bar-link")
    assert bars.count() > 5
    assert not v.axe_violations(), v.axe_violations()
    v.check_csp()
    v.screenshot("over-time-desktop-en")
    tallest = max(
        range(bars.count()),
        key=lambda i: int(bars.nth(i).locator("rect").get_attribute("data-count")),
    )
    rect = bars.nth(tallest).locator("rect")
    period, count = rect.get_attribute("data-period"), rect.get_attribute("data-count")
    bars.nth(tallest).click()
    v.page.wait_for_load_state("load")
    assert "date_from=" in v.page.url and "date_to=" in v.page.url
    heading = v.page.locator("#claims-heading").inner_text()
    assert f"({count})" in heading, (period, count, heading)


def test_a_comparison_has_a_legend_and_two_kinds_of_bar(visit, corpus):
    v = visit()
    v.goto("/?q=تعاون&compare=امریکہ&facets=all")
    legend = v.page.locator(".over-time-legend li")
    assert legend.count() == 2
    hatched = v.page.locator("svg.over-time-chart rect.series-1")
    assert hatched.count() > 0
    fill = hatched.first.evaluate("r => getComputedStyle(r).fill")
    assert "over-time-hatch" in fill  # a pattern, not only another colour
    v.screenshot("over-time-compare-desktop-en")
    phone = visit(viewport=PHONE)
    phone.goto("/ur/?q=تعاون&compare=امریکہ&facets=all")
    assert phone.page.locator("svg.over-time-chart").is_visible()
    phone.screenshot("over-time-compare-phone-ur")


def test_in_urdu_the_earliest_year_is_at_the_right(visit, corpus):
    v = visit(viewport=DESKTOP, locale="ur-PK")
    v.goto("/ur/?facets=all")
    rects = v.page.locator("svg.over-time-chart rect.bar")
    first = rects.first.bounding_box()
    last = rects.last.bounding_box()
    assert first["x"] > last["x"]
    assert not v.axe_violations(), v.axe_violations()
    v.screenshot("over-time-desktop-ur")


def test_a_large_results_chart_comes_after_the_page(visit, corpus, monkeypatch):
    from django.core.cache import cache

    from statements.search import engine

    cache.clear()
    monkeypatch.setattr(engine, "FACETS_INLINE", 10)  # every result is "large"
    v = visit(viewport=PHONE)
    v.goto("/?country=IR")
    v.page.locator("svg.over-time-chart").wait_for(timeout=15000)
    assert v.page.locator(".over-time-pending").count() == 0
    fetched = [r.url for r in v.responses if "fragment=" in r.url]
    assert any("fragment=facets" in u for u in fetched)
    assert any("fragment=timeline" in u for u in fetched)
    v.check_csp()
    v.screenshot("over-time-phone-en")
