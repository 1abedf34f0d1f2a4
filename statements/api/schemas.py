"""The shapes of the JSON API (django-ninja / pydantic schemas).

The same classes validate every response and generate /api/v1/openapi.json, so the published
description cannot drift from what the endpoints send. Field names follow the API contract of
DESIGN.md. Each entity's fields are declared once, here (`SpeakerFields`, `MeetingFields`, ...):
api/serializers.py and the export read their field lists from these classes.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field, StringConstraints, WithJsonSchema

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_ID = 2**63 - 1  # PostgreSQL bigint: larger ids cannot exist (and must not reach SQL)

# Parsed by statements/search.py, so that its message is the one a client sees; the schema only
# documents the format. Empty means absent, as from a search form.
IsoDate = Annotated[
    str | None,
    WithJsonSchema({"type": "string", "anyOf": [{"format": "date"}, {"maxLength": 0}]}),
]


_STATUS = "(extracted|needs_review|accepted)"
ReviewStatuses = Annotated[str, StringConstraints(pattern=f"^{_STATUS}(,{_STATUS})*$")]


class PageParams(Schema):
    page: int = Field(1, ge=1, le=MAX_ID, description="1-based; past the last page is a 400.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"At most {MAX_PAGE_SIZE}."
    )


class SearchParams(Schema):
    """The search parameters of statements/search (SearchRequest.from_params)."""

    q: str = Field(
        "",
        max_length=500,
        description='Web-search syntax: words, "phrases", or, -word; Urdu in any spelling, '
        "names also in English or Roman Urdu. Field terms become filters: "
        'speaker:"a name" (any name or alias, any script), topic:, country: (ISO code or '
        "name), meeting: (id or slug), kind:, date:2015-11 or date:2015-01..2016-06 "
        "(see /search/help/).",
    )
    speaker: list[str] | None = Field(None, description="Speaker id or slug; repeatable.")
    meeting: list[str] | None = Field(None, description="Meeting id or slug; repeatable.")
    topic: list[str] | None = Field(None, description="Topic id or slug; repeatable.")
    country: list[str] | None = Field(None, description="ISO 3166-1 alpha-2 code; repeatable.")
    date_from: IsoDate = Field(None, description="Meetings on or after this day (YYYY-MM-DD).")
    date_to: IsoDate = Field(None, description="Meetings on or before this day (YYYY-MM-DD).")
    review_status: list[ReviewStatuses] | None = Field(
        None,
        description="Keep to these review statuses: extracted, needs_review, accepted; "
        "repeatable or comma-separated.",
    )
    kind: (
        list[
            Literal[
                "assertion", "evaluation", "commitment", "proposal", "denial", "demand", "warning"
            ]
        ]
        | None
    ) = Field(None, description="Keep to these kinds of claim; repeatable.")
    sort: Literal["relevance", "date", "-date"] = Field(
        "relevance", description="relevance (the default without q: newest first), date, -date."
    )
    without: list[str] | None = Field(
        None,
        description="An Urdu rendering of q's English words to leave out (see `english`); "
        "repeatable.",
    )
    count: Literal["exact"] | None = Field(
        None,
        description="Without it, claims are counted exactly up to 10,000 and `count` is then "
        "10000 with `count_is_exact` false; with count=exact every matching claim is counted "
        "(slower on large results; rate-limited like every search).",
    )


class ClaimParams(PageParams, SearchParams):
    """A page of a search's claims."""


class DownloadParams(SearchParams):
    """A whole search, as a file (statements/api/download.py)."""

    format: Literal["csv", "ndjson", "json"] = Field(
        "csv",
        description="csv: UTF-8 with a byte-order mark, one row a claim; ndjson: a header "
        "object, one claim a line, an end object with the count; json: one document.",
    )


class ExportParams(Schema):
    format: Literal["json", "ndjson"] = Field(
        "json", description="json: one document; ndjson: one object a line."
    )


class Error(Schema):
    error: str = Field(description="What is wrong, in words.")
    field: str | None = Field(description="The parameter at fault, when there is one.")


class Page(Schema):
    count: int = Field(description="Number of results over all pages.")
    next: str | None = Field(description="Absolute URL of the next page.")
    previous: str | None = Field(description="Absolute URL of the previous page.")


class SpeakerRef(Schema):
    id: int
    name: str = Field(description="Urdu name.")
    name_en: str = Field(description="English name.")


class MeetingRef(Schema):
    id: int
    title: str = Field(description="The title as in the source (Urdu).")
    date: datetime.date


class TopicRef(Schema):
    """A topic as claims refer to it (and the fields the export starts a topic with)."""

    id: int
    slug: str
    name: str = Field(description="Urdu name.")
    name_en: str
    kind: str = Field(description="country, place, organisation, person or subject.")
    country: str = Field(description="ISO 3166-1 alpha-2 code, or empty.")


class ClaimSubject(Schema):
    """The subject as the source names it ("named in the source as"), verbatim at its own
    offsets, beside the speaker it was resolved to: "ترجمان", "انہوں", "مشترکہ بیان"."""

    text: str = Field(description="Verbatim Urdu: always source.text[start:end].")
    start: int
    end: int


class Claim(Schema):
    id: int
    text: str = Field(description="Verbatim Urdu: always source.text[start:end].")
    start: int = Field(description="Character offset of the claim in its meeting's source text.")
    end: int
    speaker: SpeakerRef
    subject: ClaimSubject | None = Field(
        description="The subject as the source names it; null when an editor attributed the "
        "claim or the source names no subject."
    )
    confidence: float = Field(
        description="How sure the extractor is of the attribution, 0 to 1 (1 for an editor's)."
    )
    meeting: MeetingRef
    kind: str = Field(
        description="assertion, evaluation, commitment, proposal, denial, demand or warning."
    )
    topics: list[TopicRef]
    review_status: str = Field(description="extracted, needs_review or accepted.")
    url: str = Field(description="The public permalink of the claim (absolute).")


class Gloss(Schema):
    urdu: str
    english: str


class EnglishTerm(Schema):
    english: str = Field(description="English words of q, as typed (lower case).")
    entries: list[str] = Field(description="The glossary entries they matched.")
    searched_as: list[str] = Field(description="The Urdu renderings searched (with their forms).")
    left_out: list[str] = Field(description="Renderings left out by `without`.")
    words_apart: list[list[str]] = Field(
        description="For a term of several words: each word's renderings, also searched apart."
    )


class SearchClaim(Claim):
    rank: float | None = Field(description="Relevance when the request has q, else null.")
    matched_as: Literal["by", "mentions"] | None = Field(
        description="When q names a speaker or topic (see `names`): `by` if one of the named "
        "speakers said the claim, `mentions` if it mentions the name; else null."
    )
    headline: str | None = Field(
        description="With q: the claim as HTML-escaped text with matched words in <mark>."
    )
    glosses: list[Gloss] = Field(
        description="For q's English words: the Urdu renderings this claim holds, each with "
        "the glossary's English."
    )


class Facet(Schema):
    value: str = Field(description="What to pass back as the parameter (an id or a code).")
    label: str
    label_ur: str
    count: int


class NameMatch(Schema):
    text: str = Field(description="The words of q that name a speaker or topic.")
    speakers: list[SpeakerRef] = Field(description="Who they were taken to be (public ones).")
    topics: list[TopicRef]


class ClaimPage(Page):
    results: list[SearchClaim]
    count_is_exact: bool = Field(
        description="False when more than 10,000 claims match and `count` is that bound; "
        "ask count=exact for the exact number."
    )
    names: list[NameMatch] = Field(
        description="The names q holds, in any script; claims by these speakers and claims "
        "mentioning them match (each result says which in `matched_as`)."
    )
    facets: dict[str, list[Facet]] = Field(
        description="Counts over all matching claims, by speaker, topic, country, year and "
        "month (`YYYY-MM`: the series the page draws over time); empty lists when "
        "`facets_complete` is false."
    )
    facets_complete: bool = Field(
        description="False when the facets were not counted in this response (a large result "
        "not yet counted): /api/v1/claims/facets with the same parameters counts them."
    )
    corrected_query: str = Field(description="Set when near spellings of the query were used.")
    english: list[EnglishTerm] = Field(
        description="What q's English words were searched as, through the bilingual glossary."
    )
    not_in_glossary: list[str] = Field(
        description="English words of q that no glossary entry holds: left out of the search."
    )


class ClaimFacets(Schema):
    count: int = Field(description="The exact number of matching claims.")
    facets: dict[str, list[Facet]] = Field(
        description="Exact counts over all matching claims, by speaker, topic, country, year "
        "and month (`YYYY-MM`)."
    )


class MeetingFields(Schema):
    """A meeting's own fields, in the API and in the export."""

    id: int
    slug: str
    title: str = Field(description="The title as in the source (Urdu).")
    title_en: str
    date: datetime.date
    place: str
    duration_minutes: int | None
    duration_text: str = Field(description="The duration as the source states it.")


class Meeting(MeetingFields):
    url: str = Field(description="The public page of the meeting (absolute).")


class MeetingPage(Page):
    results: list[Meeting]


class Participant(Schema):
    speaker: SpeakerRef
    role: str = Field(description="Role in this meeting, e.g. host or guest.")


class Passage(Schema):
    id: int
    position: int
    start: int
    end: int
    text: str


class Source(Schema):
    """A source document's fields, in the API and in the export: the verbatim text, and the
    report it is (publisher, original URL, publication date, languages), which citations
    name."""

    text: str = Field(description="The verbatim document text; offsets point into it.")
    sha256: str
    origin: str = Field(description="File name or URL the document came from.")
    language: str = Field(description="Language of the text (ISO 639 code).")
    version: int
    publisher: str = Field(
        description="Who published the report, as it names itself; empty when not recorded."
    )
    publisher_en: str = Field(description="The publisher's name in English, or empty.")
    url: str = Field(description="The report's original URL; empty when unknown.")
    published_on: datetime.date | None = Field(description="Publication date, when known.")
    original_language: str = Field(
        description="For a translation, the original's language (ISO 639 code); else empty."
    )


class MeetingDetail(Meeting):
    participants: list[Participant]
    claims: list[Claim]
    passages: list[Passage]
    source: Source


class Alias(Schema):
    text: str
    language: str = Field(description="ur, en or ur-Latn (Roman Urdu).")


class SpeakerFields(Schema):
    """A speaker's own fields, in the API and in the export."""

    id: int
    slug: str
    name: str = Field(description="Urdu name.")
    name_en: str
    role: str = Field(description="Role or title (Urdu).")
    role_en: str
    country: str = Field(description="ISO 3166-1 alpha-2 code, or empty.")
    wikidata_id: str
    kind: str = Field(
        description="person, organisation, or group (several speakers jointly, such as the "
        "participants of a joint statement)."
    )


class Speaker(SpeakerFields):
    url: str = Field(description="The public page of the speaker (absolute).")


class SpeakerPage(Page):
    results: list[Speaker]


class SpeakerDetail(Speaker):
    aliases: list[Alias]


# The export document (api/export.py). Streamed, never validated on the way out: these
# classes describe it, and tests/api/test_export.py checks a real export against them.


class ExportAlias(Schema):
    text: str
    language: str
    exclude_before: str
    exclude_after: str


class ExportSpeaker(SpeakerFields):
    is_provisional: bool
    members: list[int] = Field(description="For a group: the ids of the speakers in it.")
    aliases: list[ExportAlias]


class ExportTopic(TopicRef):
    wikidata_id: str
    speaker: int | None = Field(description="The speaker this person-topic is, if public.")
    aliases: list[ExportAlias]


class ExportSource(Source):
    id: int
    retrieved_at: datetime.datetime | None


class ExportParticipant(Schema):
    speaker: int
    role: str


class ExportClaim(Schema):
    id: int
    passage: int
    speaker: int
    text: str
    start: int
    end: int
    kind: str
    reporting_phrase: str
    subject_text: str
    subject_start: int | None
    subject_end: int | None
    confidence: float
    attribution: str
    review_status: str
    review_note: str
    translation_en: str
    editor_note: str
    topics: list[int]


class ExportMeeting(MeetingFields):
    published_at: datetime.datetime | None
    source: ExportSource
    participants: list[ExportParticipant]
    passages: list[Passage]
    claims: list[ExportClaim]


class ExportCounts(Schema):
    speakers: int
    topics: int
    meetings: int
    passages: int
    claims: int


class ExportDocument(Schema):
    format: str = Field(description="Always diplomatic-statements-archive.")
    version: int = Field(description="Version of this layout; 1.")
    generated_at: datetime.datetime
    description: str
    speakers: list[ExportSpeaker]
    topics: list[ExportTopic]
    meetings: list[ExportMeeting]
    counts: ExportCounts


# A search downloaded whole (api/download.py): streamed, never validated on the way out; the
# JSON format is described here, tests/api/test_download.py checks a real one against it.


class DownloadMeeting(Schema):
    id: int
    title: str
    title_en: str
    url: str


class DownloadTopic(Schema):
    id: int
    name: str
    name_en: str


class DownloadClaim(Schema):
    id: int
    url: str = Field(description="The claim's page, its permalink (absolute).")
    date: datetime.date
    meeting: DownloadMeeting
    speaker: SpeakerRef
    named_as: str = Field(description="The speaker as the report names them (verbatim Urdu).")
    text: str
    kind: str
    review_status: str
    topics: list[DownloadTopic]
    citation: str = Field(description="The claim's citation (Chicago, as its page gives it).")


class SearchDownload(Schema):
    format: str = Field(description="Always diplomatic-statements-search.")
    version: int
    generated_at: datetime.datetime
    query: dict[str, str | list[str]] = Field(description="The search's canonical parameters.")
    claims: list[DownloadClaim]
    count: int = Field(description="How many claims the file holds (all that match).")
