"""Every piece of Urdu on every page carries its language, in Chromium: a speaker known only by
an Urdu name, in the English interface, is set in Nastaliq in facets, meta lines, titles and
participant lists (outside an Urdu-language element it falls to a font without its letters)."""

import io
from urllib.parse import quote

import pytest
from django.core.management import call_command

from statements.models import Claim, Meeting, Speaker
from tests.browser.conftest import BROWSER_MARKS, PHONE

pytestmark = BROWSER_MARKS

# Text nodes holding Arabic-script letters whose nearest language is not Urdu.
UNMARKED_URDU = """() => {
  const urdu = /[\\u0600-\\u06FF\\u0750-\\u077F\\u08A0-\\u08FF\\uFB50-\\uFDFF\\uFE70-\\uFEFF]/;
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!urdu.test(node.data)) continue;
    const owner = node.parentElement.closest("[lang]");
    const lang = owner ? owner.getAttribute("lang") : "";
    if (!lang.startsWith("ur")) {
      found.push(`${node.data.trim().slice(0, 40)} (in <${node.parentElement.tagName.toLowerCase()}>, lang=${lang})`);
    }
  }
  return found;
}"""

# Elements holding Urdu letters that are not set in the Nastaliq face.
NOT_NASTALIQ = """() => {
  const urdu = /[\\u0600-\\u06FF]/;
  return [...document.querySelectorAll("body *")]
    .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && urdu.test(n.data)))
    .filter(e => !getComputedStyle(e).fontFamily.startsWith('"Noto Nastaliq Urdu"'))
    .map(e => `${e.tagName.toLowerCase()}: ${e.textContent.trim().slice(0, 40)}`);
}"""


@pytest.fixture
def urdu_only(seeded, tmp_path):
    """A published meeting whose speaker and title exist only in Urdu (a provisional speaker
    the extractor made, no English title), and a role and place only in Urdu."""
    doc = tmp_path / "urdu-only.txt"
    doc.write_text(
        "2016 /Feb/ 9 - اسلام آباد میں سفیروں کی ملاقات\n\n"
        "نامعلوم سفارت کار نے کہا کہ روس اور ایران کا تعاون خطے کے لئے اہم ہے۔\n",
        encoding="utf-8",
    )
    call_command("ingest", str(doc), stdout=io.StringIO())
    meeting = Meeting.objects.get(source__origin="urdu-only.txt")
    speaker = Speaker.objects.get(name="نامعلوم سفارت کار")
    assert not speaker.name_en and not meeting.title_en
    Meeting.objects.filter(pk=meeting.pk).update(place="اسلام آباد")
    Speaker.objects.filter(pk=speaker.pk).update(role="سفیر")
    meeting.participation_set.get_or_create(speaker=speaker)
    return meeting, speaker


def _pages(meeting, speaker, seeded):
    claim = Claim.objects.filter(meeting=meeting).first()
    return [
        "/?q=" + quote("روس"),
        "/?q=" + quote("تعاون") + f"&speaker={speaker.pk}",
        "/?q=" + quote("پیوٹم"),
        "/?q=" + quote("دہشت"),
        "/?q=" + quote("کمپیوٹرائزیشن"),
        f"/?speaker={speaker.pk}&country=RU",
        meeting.get_absolute_url(),
        f"{meeting.get_absolute_url()}#claim-{claim.pk}",
        seeded.get_absolute_url(),
        speaker.get_absolute_url(),
        f"{speaker.get_absolute_url()}record/",
        f"/claims/{claim.pk}/",
        f"/claims/{claim.pk}/embed",
        "/speakers/vladimir-putin/",
        "/topics/iran/",
        "/meetings/no-such-meeting/",
        "/?q=" + quote("تعاون") + "&compare=" + quote("روس"),
        "/?q=" + quote("مقرر:پیوٹن colour:سرخ"),
        "/search/help/",
    ]


def test_no_urdu_outside_an_urdu_language_element_in_the_english_interface(
    visit, urdu_only, seeded
):
    meeting, speaker = urdu_only
    v = visit()
    found = {}
    for path in _pages(meeting, speaker, seeded):
        v.goto(path)
        if unmarked := v.page.evaluate(UNMARKED_URDU):
            found[path] = unmarked
        v.page.evaluate("async () => { await document.fonts.ready; }")
        if plain := v.page.evaluate(NOT_NASTALIQ):
            found[path + " (font)"] = plain
    assert not found
    v.goto("/?q=" + quote("تعاون"))
    v.screenshot("urdu-only-speaker-search-desktop")
    v.goto(speaker.get_absolute_url())
    v.screenshot("urdu-only-speaker-desktop")
    phone = visit(viewport=PHONE)
    phone.goto(meeting.get_absolute_url())
    phone.screenshot("urdu-only-meeting-phone")
