"""Cite this: a claim, a meeting or a speaker's record as a reference, in four formats.

A claim and a meeting are cited as the report that carries them, not as the archive's file: the
report's publisher is the author (a claim is a reporter's account of what was said, not the
speaker's own text), the report's title with its English title in brackets, its publication
date, its original URL when known ("Original URL unknown" when not), the speaker and the claim
in the note, then the archive's permalink and the access date. A speaker's record is the
archive's compilation, so the archive is its author.

`reference(obj, permalink, accessed)` builds one `Reference`; four writers render it:

- `chicago(ref)`: plain text, the Chicago Manual of Style (17th edition) bibliography entry;
- `bibtex(ref)`: a BibTeX `@misc` entry (the author braced whole: an institution, not a person);
- `ris(ref)`: an RIS record (NEWS for a report, ELEC for a record of the archive);
- `csl_json(ref)`: CSL-JSON, the input of citeproc processors (Zotero, Pandoc).
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass

from django.conf.locale import LANG_INFO

ARCHIVE_NAME = "Diplomatic statements archive"
STYLE = "Chicago Manual of Style, 17th edition (bibliography entry)"
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DATE_PARTS = re.compile(r"\[\s*\[\s*([\d,\s]+?)\s*\]\s*\]")
_DIGITS = re.compile(r"\d+")
_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#$_^~])")
_BIBTEX_REPLACEMENTS = {
    "\\": r"\textbackslash{}",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}


@dataclass(frozen=True)
class Reference:
    """What a citation says, whatever its format."""

    key: str  # "claim-12", "meeting-<slug>", "speaker-<slug>"
    kind: str  # "report" (a claim or a meeting: cite the report) or "record" (the archive's)
    author: str  # an institution (the publisher, or the archive); empty when not recorded
    title: str  # in the work's own language
    title_en: str  # its English title, or empty
    language: str  # ISO 639 code of the work
    original_language: str  # for a translation, the original's; else empty
    issued: datetime.date | None  # publication date, None when unknown
    report_url: str | None  # the report's original URL; "" unknown; None: not a report
    note: str  # who said what (a claim), or what the record holds (a speaker)
    locator: str  # where in the archive: "claim 12", "meeting <slug>"
    permalink: str
    accessed: datetime.date


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def long_date(day: datetime.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def language_name(code: str) -> str:
    return LANG_INFO.get(code, {}).get("name", code)


def _report_reference(meeting, *, key, note, locator, permalink, accessed) -> Reference:
    source = meeting.source
    author = one_line(source.publisher_en or source.publisher)
    title, title_en = one_line(meeting.title), one_line(meeting.title_en)
    return Reference(
        key=key,
        kind="report",
        author=author,
        title=title or title_en,
        title_en=title_en if title else "",
        language=source.language,
        original_language=source.original_language if source.is_translation else "",
        issued=source.published_on,
        report_url=source.url,
        note=note,
        locator=locator,
        permalink=permalink,
        accessed=accessed,
    )


def _speaker_name(speaker) -> str:
    if speaker.name_en and speaker.name and speaker.name_en != speaker.name:
        return f"{one_line(speaker.name_en)} ({one_line(speaker.name)})"
    return one_line(speaker.name_en or speaker.name)


def claim_reference(claim, permalink: str, accessed: datetime.date) -> Reference:
    who = _speaker_name(claim.speaker)
    named = one_line(claim.subject_text)
    if named and named != one_line(claim.speaker.name):
        who += f", named in the source as «{named}»"
    return _report_reference(
        claim.meeting,
        key=f"claim-{claim.pk}",
        # Words between the Urdu runs (here "as the report gives it"), so that a page shows
        # the name and the claim as two right-to-left runs in a left-to-right citation.
        note=f"Statement attributed to {who}, as the report gives it: «{one_line(claim.text)}»",
        locator=f"claim {claim.pk}",
        permalink=permalink,
        accessed=accessed,
    )


def meeting_reference(meeting, permalink: str, accessed: datetime.date) -> Reference:
    return _report_reference(
        meeting,
        key=f"meeting-{meeting.slug}",
        note="",
        locator=f"meeting {meeting.slug}",
        permalink=permalink,
        accessed=accessed,
    )


def speaker_reference(speaker, permalink: str, accessed: datetime.date) -> Reference:
    from statements.models import Claim

    claims = Claim.objects.public().filter(speaker=speaker)
    count = claims.count()
    reports = claims.values("meeting").distinct().count()
    years = sorted({d.year for d in claims.values_list("meeting__date", flat=True).distinct()})
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (f"{years[0]}" if years else "")
    held = f"{count} claim{'s' * (count != 1)} from {reports} report{'s' * (reports != 1)}"
    return Reference(
        key=f"speaker-{speaker.slug}",
        kind="record",
        author=ARCHIVE_NAME,
        title=f"{_speaker_name(speaker)}: Statements in the Archive",
        title_en="",
        language="en",
        original_language="",
        issued=None,
        report_url=None,
        note=f"{held}, {span}" if span else held,
        locator=f"speaker {speaker.slug}",
        permalink=permalink,
        accessed=accessed,
    )


def reference(obj, permalink: str, accessed: datetime.date) -> Reference:
    """The reference of a Claim, a Meeting or a Speaker."""
    from statements.models import Claim, Meeting, Speaker

    builders = {Claim: claim_reference, Meeting: meeting_reference, Speaker: speaker_reference}
    return builders[type(obj)](obj, permalink, accessed)


def _origin_sentence(ref: Reference) -> str:
    if ref.report_url is None:
        return ""
    return f"Originally published at {ref.report_url}" if ref.report_url else "Original URL unknown"


def _language_sentence(ref: Reference) -> str:
    if ref.kind != "report":
        return ""
    sentence = f"In {language_name(ref.language)}"
    if ref.original_language:
        sentence += f", translated from {language_name(ref.original_language)}"
    return sentence


def chicago(ref: Reference) -> str:
    """Chicago (17th ed.) bibliography entry: Author. “Title” [English title]. Month D, YYYY.
    Language. Who said what. Where it was published. Archive, locator. Accessed Month D,
    YYYY. URL. (The author is the outlet, so it is not repeated as the publication.)"""
    title = f"“{ref.title}”" + (f" [{ref.title_en}]" if ref.title_en else "")
    published = long_date(ref.issued) if ref.issued else ("n.d." if ref.kind == "report" else "")
    parts = [
        ref.author,
        title,
        published,
        _language_sentence(ref),
        ref.note,
        _origin_sentence(ref),
        f"{ARCHIVE_NAME}, {ref.locator}" if ref.kind == "report" else "",
        f"Accessed {long_date(ref.accessed)}",
        ref.permalink,
    ]
    return " ".join(_sentence(p) for p in parts if p)


def _sentence(text: str) -> str:
    """`text` ended with a full stop: inside closing quotation marks (Chicago), none added
    after one already there."""
    if text.endswith("”"):
        return text if text[-2:-1] in (".", "?", "!") else text[:-1] + ".”"
    return text if text.endswith((".", "?", "!")) else text + "."


def bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(
        lambda m: _BIBTEX_REPLACEMENTS.get(m.group(1), "\\" + m.group(1)), one_line(text)
    )


def _notes(ref: Reference) -> list[str]:
    return [
        n
        for n in (
            ref.note,
            f"English title: {ref.title_en}" if ref.title_en else "",
            _language_sentence(ref) if ref.original_language else "",
            _origin_sentence(ref),
        )
        if n
    ]


def bibtex(ref: Reference) -> str:
    """A BibTeX @misc entry; the author in double braces (an institution: never split into a
    first and last name); URLs and dates unescaped."""
    fields = {
        "author": ref.author and "{" + bibtex_escape(ref.author) + "}",
        "title": bibtex_escape(ref.title),
        "date": ref.issued.isoformat() if ref.issued else "",
        "year": str(ref.issued.year) if ref.issued else "",
        "language": language_name(ref.language).lower(),
        "note": bibtex_escape(". ".join(_notes(ref))),
        "howpublished": bibtex_escape(f"{ARCHIVE_NAME}, {ref.locator}"),
        "url": ref.permalink,
        "urldate": ref.accessed.isoformat(),
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
    return f"@misc{{{ref.key},\n{body}\n}}"


def _ris_date(day: datetime.date) -> str:
    return f"{day.year:04d}/{day.month:02d}/{day.day:02d}"


def ris(ref: Reference) -> str:
    """An RIS record, one `TAG  - value` a line. RIS reads `Last, First` in an author: an
    institution's name is written without commas."""
    lines = [
        ("TY", "NEWS" if ref.kind == "report" else "ELEC"),
        ("ID", ref.key),
        ("AU", ref.author.replace(",", "")),
        ("TI", ref.title),
        ("TT", ref.title_en),
        ("T2", ref.author if ref.kind == "report" else ""),
        ("PY", str(ref.issued.year) if ref.issued else ""),
        ("DA", _ris_date(ref.issued) if ref.issued else ""),
        ("LA", ref.language),
        *(("N1", note) for note in _notes(ref)),
        ("UR", ref.permalink),
        ("Y2", _ris_date(ref.accessed)),
        ("DB", ARCHIVE_NAME),
        ("AN", ref.locator),
    ]
    return "\n".join(f"{tag}  - {one_line(value)}" for tag, value in lines if value) + "\nER  - \n"


def _date_parts(day: datetime.date) -> dict:
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl_item(ref: Reference) -> dict:
    item = {
        "id": ref.key,
        "type": "article-newspaper" if ref.kind == "report" else "webpage",
        "title": ref.title,
        "author": [{"literal": ref.author}] if ref.author else [],
        "container-title": ref.author if ref.kind == "report" else ARCHIVE_NAME,
        "issued": _date_parts(ref.issued) if ref.issued else None,
        "accessed": _date_parts(ref.accessed),
        "URL": ref.permalink,
        "language": ref.language,
        "note": ". ".join(_notes(ref)),
        "archive": ARCHIVE_NAME,
        "archive_location": ref.locator,
    }
    return {name: value for name, value in item.items() if value}


def csl_json(ref: Reference) -> str:
    """CSL-JSON: a list of one item, Urdu as characters (dates kept on one line)."""
    text = json.dumps([csl_item(ref)], ensure_ascii=False, indent=2)
    return _DATE_PARTS.sub(lambda m: "[[" + ", ".join(_DIGITS.findall(m.group(1))) + "]]", text)


@dataclass(frozen=True)
class Citation:
    """One reference in every format, for a template: `{{ cite.text }}`, `{{ cite.bibtex }}`."""

    ref: Reference

    @property
    def style(self) -> str:
        return STYLE

    @property
    def text(self) -> str:
        return chicago(self.ref)

    @property
    def bibtex(self) -> str:
        return bibtex(self.ref)

    @property
    def ris(self) -> str:
        return ris(self.ref)

    @property
    def csl_json(self) -> str:
        return csl_json(self.ref)
