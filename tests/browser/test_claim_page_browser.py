"""A claim's page, its card framed by a page of another origin, and the printed pages, in
headless Chromium: screenshots (desktop, phone, print media) in English and Urdu, the copy
button, axe, Urdu marked as Urdu, and the Content-Security-Policy kept (the Visit fails on any
violation, and on any request to a host it was not told about)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from statements import citations
from statements.models import Claim, Speaker
from tests.browser.conftest import BROWSER_MARKS, PHONE
from tests.browser.test_urdu_marked_browser import NOT_NASTALIQ, UNMARKED_URDU

pytestmark = BROWSER_MARKS


@pytest.fixture
def claim(seeded):
    """A claim of Putin's whose topics his other claims mention too (the page lists them)."""
    putin = Claim.objects.public().filter(meeting=seeded, speaker__slug="vladimir-putin")
    return next(
        c
        for c in putin.exclude(topic_ids=[]).order_by("start")
        if putin.filter(topic_ids__overlap=c.topic_ids).exclude(pk=c.pk).exists()
    )


def words(text: str) -> str:
    return " ".join(text.split())


def marked_and_in_nastaliq(v) -> dict:
    v.page.evaluate("async () => { await document.fonts.ready; }")
    found = {}
    if unmarked := v.page.evaluate(UNMARKED_URDU):
        found["unmarked"] = unmarked
    if plain := v.page.evaluate(NOT_NASTALIQ):
        found["not nastaliq"] = plain
    return found


@pytest.mark.parametrize("language", ["en", "ur"])
def test_the_claim_page_on_a_desktop_a_phone_and_paper(visit, claim, language):
    prefix = "/ur" if language == "ur" else ""
    url = prefix + claim.get_absolute_url()
    v = visit()
    v.goto(url)
    assert words(v.page.locator(".claim-quote").inner_text()) == words(claim.text)
    assert words(v.page.locator("mark.this-claim").inner_text()) == words(claim.text)
    assert v.page.locator(".related li").count() > 0
    assert not marked_and_in_nastaliq(v)
    assert not v.axe_violations()
    v.screenshot(f"claim-{language}-desktop")

    phone = visit(viewport=PHONE)
    phone.goto(url)
    phone.page.evaluate("async () => { await document.fonts.ready; }")
    width = phone.page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1  # nothing to scroll sideways
    phone.screenshot(f"claim-{language}-phone")

    v.page.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".claim-nav", ".embed-box", "button"):
        assert all(not e.is_visible() for e in v.page.locator(hidden).all()), hidden
    permalink = v.page.locator(".permalink-line")
    assert permalink.is_visible() and f"/claims/{claim.pk}/" in permalink.inner_text()
    assert v.page.locator("#cite-claim-text").is_visible()
    font = v.page.locator(".claim-quote p").evaluate("e => getComputedStyle(e).fontFamily")
    assert font.startswith('"Noto Nastaliq Urdu"')
    v.screenshot(f"claim-{language}-print")


def test_the_copy_button_copies_the_citation(visit, claim):
    v = visit()
    v.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=v.base_url)
    v.goto(claim.get_absolute_url())
    button = v.page.get_by_role("button", name="Copy the citation")
    assert button.is_visible()
    button.click()
    v.page.wait_for_function(
        "() => document.querySelector('#cite-claim .copy-status').textContent === 'Copied.'"
    )
    copied = v.page.evaluate("() => navigator.clipboard.readText()")
    accessed = v.page.locator("#cite-claim-text").inner_text().split("Accessed ")[1]
    assert copied.startswith("Office of the Leader of the Islamic Revolution (Urdu service).")
    assert copied.endswith(f"Accessed {accessed.strip()}")
    reference = citations.reference(claim, f"{v.base_url}/claims/{claim.pk}/", _today())
    assert copied == citations.chicago(reference)
    v.page.get_by_text("BibTeX, RIS and CSL-JSON").click()
    v.page.get_by_role("button", name="Copy the RIS").click()
    v.page.wait_for_function(
        "() => [...document.querySelectorAll('.copy-status')].some(s => s.textContent)"
    )
    assert v.page.evaluate("() => navigator.clipboard.readText()").startswith("TY  - NEWS")


def _today():
    from django.utils import timezone

    return timezone.localdate()


class _OtherOrigin(BaseHTTPRequestHandler):
    """A page of another site (another host and port) that frames the archive."""

    html = b""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(self.html)

    def log_message(self, *args):
        pass


@pytest.fixture
def other_origin():
    """An HTTP server on 127.0.0.1 (the live server is `localhost`: another origin), serving
    whatever page a test sets; stopped after the test."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _OtherOrigin)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def frames_page(embed: str, framed: list[tuple[str, str, int, int]]) -> bytes:
    frames = "\n".join(
        f'<iframe name="{name}" src="{src}" width="{w}" height="{h}" title="{name}"></iframe>'
        for name, src, w, h in framed
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A blog</title></head>'
        "<body><h1>A blog that quotes the archive</h1><p>As the report has it:</p>"
        f"{embed}\n{frames}</body></html>"
    ).encode()


def test_the_card_in_a_page_of_another_origin_and_other_pages_refuse_it(visit, claim, other_origin):
    """The card, as oEmbed hands it out, renders in another site's page, whole within its
    frame, at a wide and a narrow width; the claim's own page refuses to be framed there."""
    from django.test import Client

    v = visit(also_allow=[f"127.0.0.1:{other_origin.server_port}"])
    host = v.base_url.removeprefix("http://")
    oembed = Client(HTTP_HOST=host).get(
        "/oembed", {"url": f"{v.base_url}/claims/{claim.pk}/", "maxwidth": "560"}
    )
    assert oembed.status_code == 200
    body = oembed.json()
    narrow = Client(HTTP_HOST=host).get(
        "/oembed", {"url": f"{v.base_url}/ur/claims/{claim.pk}/", "maxwidth": "300"}
    )
    narrow_html = narrow.json()["html"].replace("<iframe ", '<iframe name="narrow" ', 1)
    _OtherOrigin.html = frames_page(
        body["html"].replace("<iframe ", '<iframe name="card" ', 1) + narrow_html,
        [("page", f"{v.base_url}/claims/{claim.pk}/", 600, 300)],
    )
    v.page.goto(f"http://127.0.0.1:{other_origin.server_port}/")
    v.page.wait_for_load_state("load")
    for name, width, height in [
        ("card", body["width"], body["height"]),
        ("narrow", narrow.json()["width"], narrow.json()["height"]),
    ]:
        frame = v.page.frame(name=name)
        assert frame is not None and frame.url.startswith(v.base_url), name
        frame.wait_for_load_state("load")
        frame.evaluate("async () => { await document.fonts.ready; }")
        quote = frame.locator(".embed-quote")
        assert quote.is_visible() and claim.text.split()[0] in quote.inner_text()
        assert frame.evaluate(UNMARKED_URDU) == []
        prefix = "/ur" if name == "narrow" else ""
        link = frame.locator(".embed-source a").get_attribute("href")
        assert link == f"{v.base_url}{prefix}/claims/{claim.pk}/"
        # nothing is cut off: the card's own height fits the height oEmbed announced
        natural = frame.evaluate(
            "() => { const c = document.querySelector('.embed-card'); c.style.minHeight = '0';"
            " return c.getBoundingClientRect().height; }"
        )
        assert natural <= height, (name, natural, height)
        assert frame.evaluate("() => innerWidth") == width
    refused = v.page.frame(name="page")
    assert refused.url.startswith("chrome-error://"), refused.url
    (blocked,) = v.console_csp  # the one refusal: the page's frame-ancestors 'none'
    assert "frame-ancestors 'none'" in blocked and v.base_url in blocked
    v.console_csp.clear()  # the refusal was the point; any other violation still fails
    v.screenshot("claim-embed-in-another-site")


def test_the_longest_claim_still_fits_its_card(visit, seeded):
    longest = max(Claim.objects.public().filter(meeting=seeded), key=lambda c: len(c.text))
    v = visit(viewport={"width": 560, "height": 350})
    for prefix in ("", "/ur"):
        v.goto(f"{prefix}/claims/{longest.pk}/embed")
        v.page.evaluate("async () => { await document.fonts.ready; }")
        natural = v.page.evaluate(
            "() => { const c = document.querySelector('.embed-card'); c.style.minHeight = '0';"
            " return c.getBoundingClientRect().height; }"
        )
        assert natural <= 350, (prefix, natural)
    assert not v.axe_violations()
    v.screenshot("claim-embed-longest")


@pytest.mark.parametrize("language", ["en", "ur"])
def test_a_speakers_record_prints_as_a_list_of_claims_with_citations(visit, seeded, language):
    putin = Speaker.objects.get(slug="vladimir-putin")
    prefix = "/ur" if language == "ur" else ""
    v = visit()
    v.goto(f"{prefix}/speakers/{putin.slug}/record/")
    assert not marked_and_in_nastaliq(v)
    assert not v.axe_violations()
    v.page.emulate_media(media="print")
    items = v.page.locator(".record-claims > li")
    assert items.count() == Claim.objects.public().filter(speaker=putin).count()
    for item in items.all():
        assert item.locator(".cite-text").is_visible()
        assert "Accessed" in item.locator(".cite-text").inner_text()
    assert not v.page.locator(".site-header").is_visible()
    assert v.page.locator(".permalink-line").is_visible()
    v.screenshot(f"speaker-record-{language}-print")
    # the speaker's own page prints without its search form and facets, its permalink shown
    v.goto(f"{prefix}/speakers/{putin.slug}/")
    v.page.emulate_media(media="print")
    assert not v.page.locator(".search-form").first.is_visible()
    assert not v.page.locator(".facets").first.is_visible()
    assert v.page.locator(".permalink-line").is_visible()
    v.screenshot(f"speaker-{language}-print")


def test_the_meeting_prints_with_its_permalink_and_citation(visit, seeded):
    v = visit()
    v.goto(seeded.get_absolute_url())
    v.page.emulate_media(media="print")
    assert v.page.locator(".permalink-line").first.is_visible()
    assert v.page.locator("p.cite-text").first.is_visible()
    assert not v.page.locator(".speaker-legend a").first.is_visible()
    v.screenshot("meeting-en-print")


def test_a_withdrawn_claim_says_so_in_the_browser(visit, seeded):
    claim = Claim.objects.public().filter(meeting=seeded).first()
    url = claim.get_absolute_url()
    claim.delete()
    v = visit()
    response = v.goto(url)
    assert response.status == 410
    v.page.get_by_role("link", name=seeded.title_en).click()
    v.page.wait_for_load_state("load")
    assert v.page.url.endswith(seeded.get_absolute_url())
    v.goto("/ur" + url)
    assert not marked_and_in_nastaliq(v)
