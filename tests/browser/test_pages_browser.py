"""The researchers' site in headless Chromium: search, facets, anchors, language, font, axe."""

from urllib.parse import quote

import pytest

from statements.models import Claim, Meeting, Speaker
from tests.browser.conftest import BROWSER_MARKS, DESKTOP, PHONE

pytestmark = BROWSER_MARKS

URDU_WORD = "روس"  # Russia: in many claims of the seed


def test_search_for_an_urdu_word_shows_marked_results(visit):
    v = visit()
    v.goto("/")
    v.page.get_by_label("Search claims and passages").fill(URDU_WORD)
    v.page.get_by_role("button", name="Search", exact=True).click()
    v.page.wait_for_load_state("load")
    assert "q=" in v.page.url
    results = v.page.locator("ol.results").first.locator("> li")
    assert results.count() > 0
    marks = v.page.locator("ol.results mark")
    assert marks.count() >= results.count()
    assert {t.strip() for t in marks.all_inner_texts()} >= {URDU_WORD}
    snippet = v.page.locator(".snippet").first
    assert snippet.get_attribute("lang") == "ur" and snippet.get_attribute("dir") == "rtl"
    v.screenshot("search-desktop")
    phone = visit(viewport=PHONE)
    phone.goto(v.page.url.removeprefix(v.base_url))
    assert phone.page.locator("ol.results mark").count() > 0
    phone.screenshot("search-phone")


def test_a_facet_narrows_the_results_and_can_be_removed(visit):
    v = visit()
    v.goto("/?q=" + URDU_WORD)
    heading = v.page.locator("#claims-heading .count")
    before = int(heading.inner_text().strip("()"))
    putin = Speaker.objects.get(slug="vladimir-putin")
    facet = v.page.locator(".facet-speaker a", has_text=putin.name_en)
    facet.click()
    v.page.wait_for_load_state("load")
    assert f"speaker={putin.pk}" in v.page.url
    after = int(v.page.locator("#claims-heading .count").inner_text().strip("()"))
    expected = Claim.objects.public().filter(speaker=putin, pk__in=_ids(v)).count()
    assert 0 < after < before and after == expected
    speakers = v.page.locator("ol.results .meta .speaker").all_inner_texts()
    assert speakers and set(speakers) == {putin.name_en}
    assert v.page.locator(".facet-speaker a[aria-current=true]").count() == 1
    v.page.locator(".facet-speaker a[aria-current=true]").click()
    v.page.wait_for_load_state("load")
    assert "speaker=" not in v.page.url
    assert int(v.page.locator("#claims-heading .count").inner_text().strip("()")) == before


def _ids(v):
    hrefs = v.page.locator("ol.results li[id^=result-claim-]").evaluate_all(
        "els => els.map(e => e.id)"
    )
    return [int(h.removeprefix("result-claim-")) for h in hrefs]


def test_a_result_opens_the_meeting_at_its_anchored_claim(visit):
    v = visit()
    v.goto("/?q=" + URDU_WORD)
    claim_id = _ids(v)[0]
    v.page.locator(f"#result-claim-{claim_id} a", has_text="In context").click()
    v.page.wait_for_load_state("load")
    assert v.page.url.endswith(f"#claim-{claim_id}")
    target = v.page.locator(":target")
    assert target.get_attribute("id") == f"claim-{claim_id}"
    assert target.is_visible()
    box = target.bounding_box()
    assert box is not None and box["y"] + box["height"] > 0 and box["y"] < DESKTOP["height"]
    claim = Claim.objects.select_related("speaker").get(pk=claim_id)
    assert " ".join(claim.text.split()) in " ".join(target.inner_text().split())
    # The speaker shows at the claim; speaker and kind are its accessible description.
    other = v.page.locator("a.claim[id]").nth(1)
    assert other.locator(".claim-speaker").is_visible()
    info = v.page.locator(f"#{other.get_attribute('aria-describedby')}")
    assert " · " in info.text_content()
    v.screenshot("meeting-desktop")
    phone = visit(viewport=PHONE)
    phone.goto(f"/meetings/{claim.meeting.slug}/#claim-{claim_id}")
    phone.screenshot("meeting-phone")


def test_claims_needing_review_are_visibly_marked(visit, seeded):
    flagged = Claim.objects.public().filter(review_status="needs_review")
    assert flagged.exists()
    v = visit()
    v.goto(seeded.get_absolute_url())
    for claim in flagged:
        span = v.page.locator(f"#claim-{claim.pk}")
        assert "needs-review" in span.get_attribute("class")
        assert span.locator(".flag").is_visible()
        style = span.evaluate("e => getComputedStyle(e).borderBottomStyle")
        assert style == "dashed"


def test_the_interface_switches_to_urdu(visit):
    v = visit()
    v.goto("/?q=" + URDU_WORD)
    v.page.get_by_role("navigation", name="Language").get_by_role("link", name="اردو").click()
    v.page.wait_for_load_state("load")
    assert v.page.url.endswith("/ur/?q=" + quote(URDU_WORD))
    html = v.page.locator("html")
    assert html.get_attribute("lang") == "ur" and html.get_attribute("dir") == "rtl"
    assert v.page.locator("h1").inner_text() == "بیانات میں تلاش"
    assert v.page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert v.page.locator("ol.results mark").count() > 0
    # A link followed from an Urdu page stays in Urdu; the English link leads back.
    v.page.locator("ol.results .meta a").first.click()
    v.page.wait_for_load_state("load")
    assert "/ur/" in v.page.url and v.page.locator("html").get_attribute("lang") == "ur"
    v.page.get_by_role("link", name="English").click()
    v.page.wait_for_load_state("load")
    assert "/ur/" not in v.page.url and v.page.locator("html").get_attribute("lang") == "en"
    v.goto("/ur/?q=" + URDU_WORD)
    v.screenshot("search-urdu-desktop")


def test_urdu_text_is_set_in_the_self_hosted_nastaliq_font(visit, seeded):
    v = visit()
    v.goto(seeded.get_absolute_url())
    v.page.evaluate("async () => { await document.fonts.ready; }")
    family = v.page.locator(".source-text").evaluate("e => getComputedStyle(e).fontFamily")
    assert family.startswith('"Noto Nastaliq Urdu"')
    loaded = v.page.evaluate(
        "() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    )
    assert any("Noto Nastaliq Urdu" in f for f in loaded)
    assert v.page.evaluate("() => document.fonts.check('20px \"Noto Nastaliq Urdu\"', 'ملاقات')")
    fonts = [r for r in v.responses if r.url.endswith(".woff2")]
    assert fonts and all(r.status == 200 for r in fonts)
    assert all(r.url.startswith(v.base_url + "/static/fonts/") for r in fonts)
    line_height = v.page.locator(".source-text p").first.evaluate(
        "e => parseFloat(getComputedStyle(e).lineHeight) / parseFloat(getComputedStyle(e).fontSize)"
    )
    assert line_height >= 2


def test_speaker_page(visit):
    putin = Speaker.objects.get(slug="vladimir-putin")
    v = visit()
    v.goto(putin.get_absolute_url())
    assert putin.name_en in v.page.locator("h1").inner_text()
    assert v.page.locator("h1 [lang=ur]").inner_text() == putin.name
    assert v.page.locator("ol.results > li").count() == min(
        20, Claim.objects.public().filter(speaker=putin).count()
    )
    assert v.page.locator(f'a[href="/api/v1/speakers/{putin.pk}"]').count() >= 1
    v.screenshot("speaker-desktop")
    phone = visit(viewport=PHONE)
    phone.goto(putin.get_absolute_url())
    phone.screenshot("speaker-phone")


def test_no_serious_accessibility_violations_on_the_main_pages(visit, seeded):
    putin = Speaker.objects.get(slug="vladimir-putin")
    pages = [
        "/",
        "/?q=" + URDU_WORD,
        "/?q=zzzzqqq",
        seeded.get_absolute_url(),
        putin.get_absolute_url(),
        "/topics/syria/",
        "/meetings/no-such-meeting/",
    ]
    v = visit()
    found = {}
    for path in pages:
        v.goto(path)
        if violations := v.axe_violations():
            found[path] = violations
    for path in ["/?q=" + URDU_WORD, seeded.get_absolute_url()]:
        v.goto("/ur" + path)
        if violations := v.axe_violations():
            found["ur " + path] = violations
    assert not found


def test_html_in_a_source_is_shown_as_text_and_never_runs(visit, tmp_path):
    from django.core.management import call_command

    doc = tmp_path / "hostile.txt"
    doc.write_text(
        '2016 /Jan/ 5 - پیوٹن کی ملاقات <script>alert("title")</script>\n\n'
        "روس کے صدر ولادیمیر پیوٹن نے کہا کہ <script>alert('claim')</script> امریکہ کی "
        "پالیسی <img src=x onerror=alert(2)> ناکام ہے۔\n",
        encoding="utf-8",
    )
    call_command("ingest", str(doc))
    meeting = Meeting.objects.get(source__origin="hostile.txt")
    v = visit()
    v.goto(meeting.get_absolute_url())
    v.goto("/?q=" + "پالیسی")
    v.page.wait_for_load_state("load")  # every script has run: an injected alert would be up
    assert v.dialogs == []
    v.goto(meeting.get_absolute_url())
    assert v.page.locator("img[src=x]").count() == 0
    assert v.page.locator("main script").count() == 0
    assert "<script>alert('claim')</script>" in v.page.locator(".source-text").inner_text()


def test_keyboard_focus_is_visible_and_the_skip_link_comes_first(visit):
    v = visit()
    v.goto("/")
    v.page.keyboard.press("Tab")
    active = v.page.evaluate_handle("document.activeElement")
    assert active.evaluate("e => e.className") == "skip-link"
    assert active.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    box = active.evaluate("e => e.getBoundingClientRect().left")
    assert box >= 0  # moved on screen when focused
    v.page.keyboard.press("Enter")
    v.page.keyboard.press("Tab")
    tag = v.page.evaluate("document.activeElement.closest('main') !== null")
    assert tag


PLACEHOLDER = """(input) => {
  const shown = getComputedStyle(input, "::placeholder");
  const box = getComputedStyle(input);
  const probe = document.createElement("span");
  probe.textContent = input.placeholder;
  probe.style.font = shown.font;
  probe.style.whiteSpace = "pre";
  probe.style.position = "absolute";
  probe.lang = input.lang;
  document.body.append(probe);
  const width = probe.getBoundingClientRect().width;
  probe.remove();
  return {
    family: shown.fontFamily,
    direction: box.direction,
    width,
    room: input.clientWidth - parseFloat(box.paddingLeft) - parseFloat(box.paddingRight),
  };
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("prefix", ["", "/ur"])
def test_the_search_box_placeholder_is_legible_and_whole(visit, viewport, prefix):
    v = visit(viewport=viewport)
    v.goto(prefix + "/")
    v.page.evaluate("async () => { await document.fonts.ready; }")
    box = v.page.locator("#q")
    shown = box.evaluate(PLACEHOLDER)
    assert shown["width"] <= shown["room"], shown  # nothing cut off at its start or end
    placeholder = box.get_attribute("placeholder")
    assert placeholder.endswith("نام" if prefix else "name"), placeholder  # whole, quotes and all
    if prefix == "/ur":
        assert shown["family"].startswith('"Noto Nastaliq Urdu"'), shown
        assert shown["direction"] == "rtl", shown
        assert v.page.evaluate(
            "(text) => document.fonts.check('18px \"Noto Nastaliq Urdu\"', text)", placeholder
        )
    else:
        assert shown["direction"] == "ltr", shown
    v.screenshot(
        f"search-box{prefix.replace('/', '-')}-{'phone' if viewport == PHONE else 'desktop'}"
    )
