"""The meeting page in Chromium: who said each span, at the span (a colour per speaker, with a
legend, and the name where the claim begins), one speaker's claims alone, and the searched
words still marked when a result is opened in context."""

from urllib.parse import quote

from statements.models import Claim, Speaker
from tests.browser.conftest import BROWSER_MARKS, PHONE

pytestmark = BROWSER_MARKS

BACKGROUND = "e => getComputedStyle(e).backgroundColor"


def test_each_claim_shows_its_speaker_at_the_span_in_the_speaker_colour(visit, seeded):
    claims = list(Claim.objects.public().filter(meeting=seeded).select_related("speaker"))
    speakers = {c.speaker for c in claims}
    assert len(speakers) >= 2
    v = visit()
    v.goto(seeded.get_absolute_url())
    colours = {}
    for claim in claims:
        span = v.page.locator(f"#claim-{claim.pk}")
        label = span.locator(".claim-speaker")
        assert label.is_visible(), claim.pk
        assert label.inner_text().strip() == claim.speaker.name_en
        colours.setdefault(claim.speaker.pk, set()).add(span.evaluate(BACKGROUND))
    assert all(len(c) == 1 for c in colours.values()), colours  # one colour per speaker
    assert len({c.pop() for c in colours.values()}) == len(speakers)  # and theirs alone
    legend = v.page.locator(".speaker-legend li")
    assert legend.count() == len(speakers)
    for speaker in speakers:
        entry = v.page.locator(".speaker-legend li", has_text=speaker.name_en)
        swatch = entry.locator(".swatch").evaluate(BACKGROUND)
        first = next(c for c in claims if c.speaker == speaker)
        assert swatch == v.page.locator(f"#claim-{first.pk}").evaluate(BACKGROUND)
        count = sum(c.speaker == speaker for c in claims)
        assert f"({count})" in entry.inner_text()
    v.screenshot("meeting-speakers-desktop")
    phone = visit(viewport=PHONE)
    phone.goto("/ur" + seeded.get_absolute_url())
    assert phone.page.locator(".claim-speaker").first.is_visible()
    phone.screenshot("meeting-speakers-urdu-phone")


def test_show_only_one_speakers_claims(visit, seeded):
    putin = Speaker.objects.get(slug="vladimir-putin")
    v = visit()
    v.goto(seeded.get_absolute_url())
    v.page.locator(".speaker-legend li", has_text=putin.name_en).get_by_role("link").click()
    v.page.wait_for_load_state("load")
    assert f"speaker={putin.pk}" in v.page.url
    for claim in Claim.objects.public().filter(meeting=seeded):
        span = v.page.locator(f"#claim-{claim.pk}")
        assert span.count() == 1  # every claim keeps its anchor
        marked = span.locator(".claim-speaker").count() == 1
        assert marked == (claim.speaker_id == putin.pk), claim.pk
    listed = v.page.locator(".claims-list > li")
    assert listed.count() == Claim.objects.public().filter(meeting=seeded, speaker=putin).count()
    v.screenshot("meeting-one-speaker-desktop")
    v.page.get_by_role("link", name="Show every speaker").click()
    v.page.wait_for_load_state("load")
    assert "speaker=" not in v.page.url


def test_in_context_keeps_the_searched_words_marked(visit, seeded):
    v = visit()
    v.goto("/?q=" + quote("تعاون"))
    first = v.page.locator("ol.results > li[id^=result-claim-]").first
    claim_id = first.get_attribute("id").removeprefix("result-claim-")
    first.get_by_role("link", name="In context").click()
    v.page.wait_for_load_state("load")
    assert v.page.url.endswith(f"#claim-{claim_id}") and "q=" in v.page.url
    target = v.page.locator(f"#claim-{claim_id}")
    assert target.is_visible()
    assert target.locator("mark").count() > 0
    assert {t.strip() for t in target.locator("mark").all_inner_texts()} == {"تعاون"}
    v.screenshot("meeting-in-context-desktop")
