"""Cite this: plain-text and BibTeX citations of a meeting or a claim, with permalink and access date.

    {% load citations %}
    {% cite_text meeting permalink accessed %}   {% cite_bibtex claim permalink accessed %}

The output is plain text (the template escapes it); BibTeX special characters are escaped here.
"""

from __future__ import annotations

import datetime
import re

from django import template

from statements.models import Claim, Meeting

register = template.Library()

ARCHIVE_NAME = "Diplomatic statements archive"
_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#$_^~])")
_BIBTEX_REPLACEMENTS = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


def one_line(text: str) -> str:
    return " ".join(text.split())


def bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(
        lambda m: _BIBTEX_REPLACEMENTS.get(m.group(1), "\\" + m.group(1)), one_line(text)
    )


def _claim_url(claim: Claim, permalink: str) -> str:
    return f"{permalink.split('#')[0]}#claim-{claim.pk}"


def _meeting_title(meeting: Meeting) -> str:
    return one_line(meeting.title_en or meeting.title)


@register.simple_tag
def cite_text(obj, permalink: str, accessed: datetime.date) -> str:
    if isinstance(obj, Claim):
        meeting = obj.meeting
        speaker = obj.speaker
        who = speaker.name_en or speaker.name
        if speaker.name_en and speaker.name:
            who = f"{speaker.name_en} ({speaker.name})"
        return (
            f"{who}, {obj.get_kind_display().lower()} in “{_meeting_title(meeting)}”, "
            f"{meeting.date.isoformat()}: «{one_line(obj.text)}». {ARCHIVE_NAME}. "
            f"{_claim_url(obj, permalink)} (accessed {accessed.isoformat()})."
        )
    title = _meeting_title(obj)
    urdu = f" ({one_line(obj.title)})" if obj.title_en and obj.title else ""
    return (
        f"“{title}”{urdu}, {obj.date.isoformat()}. Source: {obj.source.origin}. "
        f"{ARCHIVE_NAME}. {permalink} (accessed {accessed.isoformat()})."
    )


@register.simple_tag
def cite_bibtex(obj, permalink: str, accessed: datetime.date) -> str:
    if isinstance(obj, Claim):
        meeting = obj.meeting
        fields = {
            "author": obj.speaker.name_en or obj.speaker.name,
            "title": one_line(obj.text),
            "note": f"{obj.get_kind_display()} in: {_meeting_title(meeting)}",
            "date": meeting.date.isoformat(),
            "year": str(meeting.date.year),
            "language": "urdu",
            "howpublished": ARCHIVE_NAME,
            "url": _claim_url(obj, permalink),
            "urldate": accessed.isoformat(),
        }
        key = f"claim-{obj.pk}"
    else:
        fields = {
            "title": _meeting_title(obj),
            "note": f"Urdu title: {one_line(obj.title)}; source: {obj.source.origin}",
            "date": obj.date.isoformat(),
            "year": str(obj.date.year),
            "language": "urdu",
            "howpublished": ARCHIVE_NAME,
            "url": permalink,
            "urldate": accessed.isoformat(),
        }
        key = f"meeting-{obj.slug}"
    body = ",\n".join(
        f"  {name} = {{{value if name in ('url', 'urldate') else bibtex_escape(value)}}}"
        for name, value in fields.items()
    )
    return f"@misc{{{key},\n{body}\n}}"
