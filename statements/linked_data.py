"""What other sites and machines read from a page: JSON-LD (schema.org) and the OpenGraph and
Twitter card tags of a shared link.

- A claim is a schema.org `Quotation`: its text, in Urdu, `spokenByCharacter` and `creator` the
  speaker (a `Person`, with `sameAs` Wikidata; an organisation is only the `creator`), and
  `isPartOf` the report as a `NewsArticle` (its headline, publisher, publication date, and the
  meeting as the `Event` it is `about`).
- A meeting is an `Event` (date, place, attendees) and `subjectOf` its report.
- A speaker is a `Person` (or an `Organization`) with `sameAs` Wikidata.

Every URL is absolute (the caller gives `absolute`, request.build_absolute_uri). The data goes
into the page as a `<script type="application/ld+json">` block: data, not code, so the site's
Content-Security-Policy (scripts from the site itself only) is unaffected.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.templatetags.static import static
from django.utils.html import json_script
from django.utils.safestring import mark_safe

from statements.citations import one_line

SCHEMA = "https://schema.org"
WIKIDATA = "https://www.wikidata.org/wiki/"
DESCRIPTION_LENGTH = 280
SITE_IMAGE = "img/og-card.png"  # the image of a shared link, whatever the page
SITE_IMAGE_SIZE = (1200, 630)

Absolute = Callable[[str], str]


def _clean(data):
    """`data` without empty values (schema.org readers take a missing property for unknown)."""
    if isinstance(data, dict):
        cleaned = {k: _clean(v) for k, v in data.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [_clean(v) for v in data]
    return data


def speaker_node(speaker, absolute: Absolute) -> dict:
    kind = "Person" if speaker.kind == speaker.Kind.PERSON else "Organization"
    node = {
        "@type": kind,
        "@id": absolute(speaker.get_absolute_url()),
        "name": speaker.name_en or speaker.name,
        "alternateName": speaker.name if speaker.name_en else "",
        "url": absolute(speaker.get_absolute_url()),
        "sameAs": f"{WIKIDATA}{speaker.wikidata_id}" if speaker.wikidata_id else "",
    }
    if kind == "Person":
        node["jobTitle"] = speaker.role_en or speaker.role
    return node


def _people(speaker, absolute: Absolute) -> list[dict]:
    """Who spoke, as `Person`s: the speaker, or a group's members."""
    if speaker.kind == speaker.Kind.PERSON:
        return [speaker_node(speaker, absolute)]
    if speaker.kind == speaker.Kind.GROUP:
        return [speaker_node(m, absolute) for m in speaker.members.all() if m.kind == "person"]
    return []


def event_node(meeting, participants, absolute: Absolute) -> dict:
    return {
        "@type": "Event",
        "@id": absolute(meeting.get_absolute_url()) + "#meeting",
        "name": meeting.title_en or meeting.title,
        "alternateName": meeting.title if meeting.title_en else "",
        "startDate": meeting.date.isoformat(),
        "location": {"@type": "Place", "name": meeting.place} if meeting.place else None,
        "attendee": [speaker_node(s, absolute) for s in participants],
        "url": absolute(meeting.get_absolute_url()),
    }


def report_node(meeting, absolute: Absolute, about: dict | None = None) -> dict:
    source = meeting.source
    publisher = source.publisher_en or source.publisher
    return {
        "@type": "NewsArticle",
        "headline": meeting.title,
        "alternativeHeadline": meeting.title_en,
        "inLanguage": source.language,
        "datePublished": source.published_on.isoformat() if source.published_on else None,
        "publisher": {
            "@type": "Organization",
            "name": publisher,
            "alternateName": source.publisher if source.publisher_en else "",
        }
        if publisher
        else None,
        "url": source.url,  # the original, when known
        "translationOfWork": {"@type": "CreativeWork", "inLanguage": source.original_language}
        if source.is_translation
        else None,
        "about": about,
    }


def _topic_node(topic) -> dict:
    kinds = {"country": "Country", "place": "Place", "organisation": "Organization"}
    return {
        "@type": kinds.get(topic.kind, "Thing"),
        "name": topic.name_en,
        "alternateName": topic.name,
        "sameAs": f"{WIKIDATA}{topic.wikidata_id}" if topic.wikidata_id else "",
    }


def claim_jsonld(claim, participants, absolute: Absolute) -> dict:
    meeting, source = claim.meeting, claim.meeting.source
    people = _people(claim.speaker, absolute)
    permalink = absolute(claim.get_absolute_url())
    event = event_node(meeting, participants, absolute)
    return _clean(
        {
            "@context": SCHEMA,
            "@type": "Quotation",
            "@id": permalink,
            "url": permalink,
            "text": claim.text,
            "inLanguage": source.language,
            "spokenByCharacter": people[0] if len(people) == 1 else people,
            "creator": speaker_node(claim.speaker, absolute),
            "datePublished": source.published_on.isoformat() if source.published_on else None,
            "description": claim.translation_en,
            "about": [_topic_node(t) for t in claim.topics.all()],
            "isPartOf": report_node(meeting, absolute, about=event),
            "isBasedOn": absolute(claim.get_context_url()),
        }
    )


def meeting_jsonld(meeting, participants, absolute: Absolute) -> dict:
    event = event_node(meeting, participants, absolute)
    return _clean({"@context": SCHEMA, **event, "subjectOf": report_node(meeting, absolute)})


def speaker_jsonld(speaker, absolute: Absolute) -> dict:
    return _clean({"@context": SCHEMA, **speaker_node(speaker, absolute)})


def script(data: dict) -> str:
    """`data` as a JSON-LD block, escaped like json_script (`<`, `>`, `&` as \\u escapes: no
    text of a source can close the element)."""
    block = json_script(data)
    return mark_safe(block.replace('type="application/json"', 'type="application/ld+json"', 1))


def site_image(request) -> str:
    return request.build_absolute_uri(static(SITE_IMAGE))


@dataclass(frozen=True)
class SocialCard:
    """The OpenGraph and Twitter tags of a page (templates/statements/_social.html)."""

    title: str
    description: str
    url: str
    image: str
    image_alt: str
    type: str = "website"  # OpenGraph: article for a claim or a meeting
    published: str = ""  # article:published_time


def shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    text = one_line(text)
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0]
    return cut + "…"
