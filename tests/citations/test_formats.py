"""Cite this, in every format, against a fixture: a claim of the seed's report (built in memory
with fixed ids, so the expected files can be read and compared whole), its meeting, and a
speaker's record. BibTeX and RIS are read back with real parsers (bibtexparser, rispy) and
CSL-JSON is rendered by a CSL processor (citeproc-py), as reference managers would."""

import datetime
import json
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bibtexparser import middlewares
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc.source.json import CiteProcJSON
from pylatexenc.latex2text import LatexNodes2Text

from statements import citations
from statements.models import Claim, Meeting, Source, Speaker

EXPECTED = Path(__file__).resolve().parents[1] / "data" / "citations"
ACCESSED = datetime.date(2026, 1, 2)
PERMALINK = "https://archive.example.org/claims/12/"
PUBLISHER_EN = "Office of the Leader of the Islamic Revolution (Urdu service)"
TITLE = "رہبر انقلاب اسلامی سے روس کے صدر ولادیمیر پیوٹن کی ملاقات"
CLAIM_TEXT = "ہم آپ کو خطے اور دنیا میں اپنا ایک قابل اعتماد اتحادی مانتے ہیں"


def make_claim(**source_fields) -> Claim:
    report = {
        "publisher": "دفتر رہبر انقلاب اسلامی (اردو سروس)",
        "publisher_en": PUBLISHER_EN,
        "url": "",
        "published_on": datetime.date(2015, 11, 24),
        "language": "ur",
    }
    source = Source(text="…", **(report | source_fields))
    meeting = Meeting(
        pk=7,
        slug="2015-11-24-ali-khamenei-vladimir-putin",
        title=TITLE,
        title_en="Meeting of Ali Khamenei and Vladimir Putin",
        date=datetime.date(2015, 11, 24),
        source=source,
    )
    putin = Speaker(pk=3, slug="vladimir-putin", name="ولادیمیر پیوٹن", name_en="Vladimir Putin")
    return Claim(pk=12, meeting=meeting, speaker=putin, text=CLAIM_TEXT, subject_text="صدر پیوٹن")


def claim_reference(claim=None):
    return citations.reference(claim or make_claim(), PERMALINK, ACCESSED)


@pytest.mark.parametrize(
    ("writer", "name"),
    [
        (citations.chicago, "claim-12.txt"),
        (citations.bibtex, "claim-12.bib"),
        (citations.ris, "claim-12.ris"),
        (citations.csl_json, "claim-12.json"),
    ],
)
def test_each_format_of_a_claim_matches_its_fixture(writer, name):
    """The expected files end with a newline; an RIS record ends with its own."""
    expected = (EXPECTED / name).read_text(encoding="utf-8")
    written = writer(claim_reference())
    assert (written if written.endswith("\n") else written + "\n") == expected


def test_the_plain_text_states_its_style_and_names_the_report_not_the_file():
    text = citations.chicago(claim_reference())
    assert citations.STYLE.startswith("Chicago Manual of Style")
    assert text.startswith(f"{PUBLISHER_EN}. “{TITLE}” [Meeting of Ali Khamenei")
    assert "November 24, 2015. In Urdu." in text
    assert "Statement attributed to Vladimir Putin (ولادیمیر پیوٹن)" in text
    assert "named in the source as «صدر پیوٹن»" in text and f"«{CLAIM_TEXT}»" in text
    assert "Original URL unknown." in text and ".txt" not in text
    assert text.endswith(f"Accessed January 2, 2026. {PERMALINK}.")


def parse_bibtex(text: str):
    library = bibtexparser.parse_string(
        text,
        append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()],
    )
    assert not library.failed_blocks
    (entry,) = library.entries
    return entry


def latex_to_text(value: str) -> str:
    return LatexNodes2Text().latex_to_text(value)


def test_bibtex_parses_back_with_the_publisher_as_one_institutional_author():
    entry = parse_bibtex(citations.bibtex(claim_reference()))
    assert (entry.entry_type, entry.key) == ("misc", "claim-12")
    (author,) = entry["author"]  # one author, not split into first and last names
    assert author.first == [] and latex_to_text(author.last[0]) == PUBLISHER_EN
    assert entry["title"] == TITLE
    assert (entry["date"], entry["year"], entry["language"]) == ("2015-11-24", "2015", "urdu")
    assert (entry["url"], entry["urldate"]) == (PERMALINK, "2026-01-02")
    assert "Vladimir Putin" in entry["note"] and CLAIM_TEXT in entry["note"]
    assert entry["howpublished"] == "Diplomatic statements archive, claim 12"


def test_bibtex_escapes_what_latex_would_read_and_the_parser_decodes_it():
    claim = make_claim(url="https://example.org/a_b?x=1&y=2")
    publisher = "Dawn & Co. 100% {Karachi} #1 $ ~ \\ _"
    claim.meeting.source.publisher_en = publisher + " ^"
    written = citations.bibtex(claim_reference(claim))
    assert r"\textasciicircum{}" in written  # LaTeX's caret (pylatexenc reads it as ˆ)
    entry = parse_bibtex(written)
    (author,) = entry["author"]
    assert latex_to_text(author.last[0]).removesuffix(" ˆ") == publisher
    assert "https://example.org/a_b?x=1&y=2" in latex_to_text(entry["note"])


def test_ris_parses_back():
    (record,) = rispy.loads(citations.ris(claim_reference()))
    assert record["type_of_reference"] == "NEWS" and record["id"] == "claim-12"
    assert record["authors"] == [PUBLISHER_EN]
    assert (record["title"], record["translated_title"]) == (
        TITLE,
        "Meeting of Ali Khamenei and Vladimir Putin",
    )
    assert (record["year"], record["date"], record["language"]) == ("2015", "2015/11/24", "ur")
    assert record["urls"] == [PERMALINK] and record["access_date"] == "2026/01/02"
    assert any(CLAIM_TEXT in note for note in record["notes"])
    assert "Original URL unknown" in record["notes"]
    assert record["name_of_database"] == "Diplomatic statements archive"


def test_an_institution_with_a_comma_stays_one_author_in_ris():
    claim = make_claim()
    claim.meeting.source.publisher_en = "Dawn, Karachi"
    (record,) = rispy.loads(citations.ris(claim_reference(claim)))
    assert record["authors"] == ["Dawn Karachi"]


def render_csl(items: list[dict]) -> str:
    """The bibliography a CSL processor writes from CSL-JSON, with the style citeproc-py
    ships (Harvard, Cite Them Right)."""
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), citeproc_formatter.plain)
    bibliography.register(Citation([CitationItem(items[0]["id"])]))
    return str(bibliography.bibliography()[0])


def test_csl_json_is_read_and_rendered_by_a_csl_processor():
    (item,) = json.loads(citations.csl_json(claim_reference()))
    assert item["type"] == "article-newspaper" and item["author"] == [{"literal": PUBLISHER_EN}]
    assert item["issued"] == {"date-parts": [[2015, 11, 24]]}
    assert item["accessed"] == {"date-parts": [[2026, 1, 2]]}
    rendered = render_csl([item])
    assert PUBLISHER_EN in rendered and TITLE in rendered and PERMALINK in rendered
    assert "(2015)" in rendered and "24 November" in rendered and "January 2, 2026" in rendered


def test_a_translation_says_from_which_language():
    text = citations.chicago(claim_reference(make_claim(original_language="fa")))
    assert "In Urdu, translated from Persian." in text


def test_an_unknown_date_and_publisher_are_said_so_and_the_url_when_known():
    claim = make_claim(url="https://example.org/report")
    source = claim.meeting.source
    source.publisher = source.publisher_en = ""
    source.published_on = None
    ref = claim_reference(claim)
    text = citations.chicago(ref)
    assert text.startswith(f"“{TITLE}”") and " n.d. " in text
    assert "Originally published at https://example.org/report." in text
    entry = parse_bibtex(citations.bibtex(ref))
    assert "author" not in entry and "year" not in entry
    (record,) = rispy.loads(citations.ris(ref))
    assert "authors" not in record


def test_a_meeting_is_cited_as_its_report():
    meeting = make_claim().meeting
    ref = citations.reference(meeting, "https://archive.example.org/meetings/x/", ACCESSED)
    text = citations.chicago(ref)
    assert text.startswith(f"{PUBLISHER_EN}. “{TITLE}”")
    assert "meeting 2015-11-24-ali-khamenei-vladimir-putin" in text
    entry = parse_bibtex(citations.bibtex(ref))
    assert entry.key == "meeting-2015-11-24-ali-khamenei-vladimir-putin"


@pytest.mark.django_db
def test_a_speakers_record_is_the_archives_compilation(seeded):
    putin = Speaker.objects.get(slug="vladimir-putin")
    count = Claim.objects.public().filter(speaker=putin).count()
    ref = citations.reference(
        putin, "https://archive.example.org/speakers/vladimir-putin/", ACCESSED
    )
    text = citations.chicago(ref)
    assert text.startswith(
        "Diplomatic statements archive. “Vladimir Putin (ولادیمیر پیوٹن): Statements in the "
        "Archive.”"
    )
    assert f"{count} claims from 1 report, 2015." in text
    (record,) = rispy.loads(citations.ris(ref))
    assert record["type_of_reference"] == "ELEC"
    (item,) = json.loads(citations.csl_json(ref))
    assert item["type"] == "webpage" and "Vladimir Putin" in render_csl([item])
