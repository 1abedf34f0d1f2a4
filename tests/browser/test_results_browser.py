"""Search results as a researcher reads them, in Chromium: why each claim matched a name, the
offer to keep one speaker's claims, and the narrative passages apart from the claims."""

import pytest

from statements.models import Claim, Speaker
from tests.browser.conftest import BROWSER_MARKS, DESKTOP, PHONE

pytestmark = BROWSER_MARKS


def _claim_items(v):
    items = v.page.locator("ol.results > li[id^=result-claim-]")
    out = []
    for i in range(items.count()):
        item = items.nth(i)
        claim_id = int(item.get_attribute("id").removeprefix("result-claim-"))
        out.append((Claim.objects.select_related("speaker").get(pk=claim_id), item))
    return out


def test_a_name_search_says_why_each_claim_matched_and_offers_the_speaker(visit):
    putin = Speaker.objects.get(slug="vladimir-putin")
    v = visit()
    v.goto("/?q=Putin")
    found = _claim_items(v)
    assert found and {c.speaker_id for c, _ in found} != {putin.pk}  # by him and about him
    for claim, item in found:
        reasons = item.locator(".reason").all_inner_texts()
        if claim.speaker_id == putin.pk:
            assert "Said by Vladimir Putin" in reasons, reasons
        else:
            assert "Mentions Vladimir Putin" in reasons, reasons
            assert item.locator(".snippet mark").count() > 0  # the mention is highlighted
    by_him = Claim.objects.public().filter(speaker=putin).count()
    offer = v.page.locator(".speaker-offer")
    assert offer.is_visible()
    assert f"{by_him} claims" in offer.inner_text() and "Vladimir Putin" in offer.inner_text()
    v.screenshot("results-name-reasons-desktop")
    offer.get_by_role("link").click()
    v.page.wait_for_load_state("load")
    assert f"speaker={putin.pk}" in v.page.url
    narrowed = _claim_items(v)
    assert len(narrowed) == by_him and {c.speaker_id for c, _ in narrowed} == {putin.pk}
    assert v.page.locator(".speaker-offer").count() == 0

    phone = visit(viewport=PHONE)
    phone.goto("/ur/?q=Putin")
    reasons = phone.page.locator("ol.results .reason").all_inner_texts()
    assert reasons and not any("Said by" in r or "Mentions" in r for r in reasons), reasons
    assert phone.page.locator(".speaker-offer").is_visible()
    phone.screenshot("results-name-reasons-urdu-phone")


def test_a_word_search_needs_no_reasons(visit):
    v = visit()
    v.goto("/?q=تعاون")
    assert v.page.locator("ol.results .reason").count() == 0
    assert v.page.locator(".speaker-offer").count() == 0


def test_passages_show_only_the_narrative_the_claims_do_not(visit):
    v = visit()
    v.goto("/?q=روس")
    # A name's narrative arrives after the first response: the page's script fetches it.
    v.page.wait_for_selector(".passages-intro")
    assert v.page.locator("[data-fragment-src]").count() == 0  # every fragment in place
    shown_claims = [" ".join(c.text.split()) for c, _ in _claim_items(v)]
    heading = v.page.locator("#passages-heading")
    assert "In the reports’ narrative" in heading.inner_text()
    assert v.page.locator(".passages-intro").is_visible()
    snippets = v.page.locator("ol.narrative > li .snippet")
    assert snippets.count() > 0
    public = [" ".join(c.text.split()) for c in Claim.objects.public()]
    for text in snippets.all_inner_texts():
        text = " ".join(text.replace("…", " ").split())
        assert len(text.split()) <= 40, text  # a snippet, not the whole paragraph
        for claim in public:
            assert claim[:40] not in text, (claim[:40], text)  # no claim shown twice
    assert snippets.first.locator("mark").count() > 0
    assert shown_claims
    v.page.locator("#passages-heading").scroll_into_view_if_needed()
    v.screenshot("results-narrative-desktop")


ALIGNMENT = """(item) => {
  const quote = item.querySelector(".snippet").getBoundingClientRect();
  const parts = [...item.querySelectorAll(".meta > *, .reasons > *")]
    .map((e) => e.getBoundingClientRect());
  return {
    quote: [quote.left, quote.right],
    parts: [Math.min(...parts.map((r) => r.left)), Math.max(...parts.map((r) => r.right))],
  };
}"""


@pytest.mark.parametrize("prefix", ["", "/ur"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_who_said_it_sits_where_the_quote_begins(visit, prefix, viewport):
    """The Urdu quote begins at the right: its speaker, meeting and date line up there too, in
    either interface, so the eye does not zigzag between an Urdu right and an English left."""
    v = visit(viewport=viewport)
    v.goto(prefix + "/?q=Putin")
    items = v.page.locator("ol.results > li")
    assert items.count() > 0
    for i in range(items.count()):
        box = items.nth(i).evaluate(ALIGNMENT)
        assert abs(box["parts"][1] - box["quote"][1]) <= 2, box  # the quote's start edge
    name = "desktop" if viewport == DESKTOP else "phone"
    v.screenshot(f"search-putin{prefix.replace('/', '-')}-{name}")


def test_a_large_results_facets_arrive_after_the_page_counting_meanwhile(visit, monkeypatch):
    """Past FACETS_INLINE claims the first response says "Counting…"; the page's script
    fetches the facets and puts them in place (lowered here, so the seed is "large")."""
    from django.core.cache import cache

    from statements.search import engine

    monkeypatch.setattr(engine, "FACETS_INLINE", 0)
    cache.clear()  # facets counted before would come with the page
    v = visit()
    v.goto("/?q=امریکہ")
    v.page.wait_for_selector("nav.facet-speaker")
    v.page.wait_for_selector("svg.over-time-chart")  # the chart's fragment comes after the facets
    assert v.page.locator("[data-fragment-src]").count() == 0
    assert "Counting" not in v.page.locator("aside.facets").inner_text()
    counted = v.page.locator("nav.facet-speaker li").all_inner_texts()
    assert any("Ali Khamenei" in item for item in counted)
    v.screenshot("results-facets-completed-desktop")
