"""A search's claims, whole, as CSV, NDJSON or JSON: GET /api/v1/claims/download (the page's
"Download these results" links there with the page's URL state).

The rows are those of the search the page and /api/v1/claims run (statements/search: the same
`SearchRequest`, the same `search()`, the same filters, names and corrections), in the same
order (`claim_order`: by relevance, then newest, or by date), all of them: past COUNT_LIMIT
the page ranks its first page among the first matches only, a download ranks every match.

Memory stays flat however many claims match, as in the export (api/export.py): the claims are
read through one statement streamed in chunks (libpq's chunked mode), inside the export's
read-only snapshot, and written out as they come, a few hundred kilobytes at a time; nothing
holds the list of rows. Topics' names come from one small table read once (reference data:
thousands of rows, not millions).

One row a claim: its permalink (the claim's page), date, meeting, speaker in Urdu and English,
the speaker as the report names them, the verbatim text, kind, review status, topics and the
Chicago citation of the claim (statements/citations.py, as the claim page gives it). CSV is
UTF-8 with a byte-order mark, so that spreadsheet programs read the Urdu as Urdu.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

import orjson
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from statements import citations
from statements.api import export
from statements.models import Claim, Topic

FORMATS = ("csv", "ndjson", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "ndjson": "application/x-ndjson; charset=utf-8",
    "json": "application/json; charset=utf-8",
}
BOM = "\ufeff"
ROW_CHUNK = 1000  # rows a round of the streamed query
FLUSH_ROWS = 500  # rows written between two yields (about 200 kB of Urdu text)

# The columns read for each claim, in order (names of the row tuple).
COLUMNS = {
    "id": F("pk"),
    "date": F("date"),
    "meeting_id": F("meeting_id"),
    "meeting_slug": F("meeting__slug"),
    "meeting_title": F("meeting__title"),
    "meeting_title_en": F("meeting__title_en"),
    "speaker_id": F("speaker_id"),
    "speaker": F("speaker__name"),
    "speaker_en": F("speaker__name_en"),
    "named_as": F("subject_text"),
    "text": F("text"),
    "kind": F("kind"),
    "review_status": F("review_status"),
    "topic_ids": F("topic_ids"),
    "publisher": F("meeting__source__publisher"),
    "publisher_en": F("meeting__source__publisher_en"),
    "language": F("meeting__source__language"),
    "original_language": F("meeting__source__original_language"),
    "published_on": F("meeting__source__published_on"),
    "report_url": F("meeting__source__url"),
}
CSV_HEADER = (
    "permalink",
    "id",
    "date",
    "meeting",
    "meeting_en",
    "meeting_url",
    "speaker",
    "speaker_en",
    "named_as",
    "text",
    "kind",
    "review_status",
    "topics",
    "topics_en",
    "citation",
)


# Where each column of COLUMNS is in a streamed row.
(ID, DATE, MEETING_ID, MEETING_SLUG, MEETING_TITLE, MEETING_TITLE_EN, SPEAKER_ID, SPEAKER,
 SPEAKER_EN, NAMED_AS, TEXT, KIND, REVIEW_STATUS, TOPIC_IDS, PUBLISHER, PUBLISHER_EN, LANGUAGE,
 ORIGINAL_LANGUAGE, PUBLISHED_ON, REPORT_URL) = range(20)  # fmt: skip
# Placeholders of a meeting's citation template: like the values they stand for, none ends in
# a full stop, so the template's sentences end as the claim's would.
NOTE, LOCATOR, PERMALINK = "\x00note\x00", "\x00locator\x00", "\x00permalink\x00"
PLACEHOLDERS = (NOTE, LOCATOR, PERMALINK)
CACHE = 5000  # meetings, speakers and sets of topics kept (then forgotten)


@dataclass(slots=True)
class MeetingColumns:
    """What the rows of a meeting share: CSV columns, JSON object, the citation's template and
    the template's pieces around NOTE, LOCATOR and PERMALINK (also escaped for CSV)."""

    csv: str
    json: dict
    template: str
    citation: tuple[str, ...] | None
    csv_citation: tuple[str, ...] | None


@dataclass(slots=True)
class SpeakerColumns:
    """What the rows of a speaker (as the report names them) share: CSV columns, JSON object,
    and the citation's note up to the claim's text (also escaped for CSV)."""

    csv: str
    json: dict
    note: str
    csv_note: str


@dataclass(slots=True)
class TopicColumns:
    csv: str
    json: list


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class Rows:
    """Turns the streamed tuples into lines. Per row only what is the claim's own is written:
    permalinks come from one pattern (no `reverse()` per row), topics' names from one table
    read once; what a row shares with others is made once and kept, already quoted for CSV:
    its meeting's columns and the meeting's part of the citation (`Meeting`), its speaker's
    columns and the start of the citation's note (`Speaker`), its set of topics' columns.
    (At 100k claims a row costs Python about 8 µs; see bench/download.py.)"""

    def __init__(self, claim_url: str, meeting_url: str, accessed: datetime.date):
        # claim_url/meeting_url: absolute URLs with "{}" where the id/slug goes
        self.claim_url, self.meeting_url, self.accessed = claim_url, meeting_url, accessed
        self.claim_url_csv = claim_url.replace('"', '""')  # inside the quoted citation
        self.meetings: dict[int, MeetingColumns] = {}
        self.speakers: dict[tuple, SpeakerColumns] = {}
        self.topic_sets: dict[tuple, TopicColumns] = {}
        self.topics = {
            pk: (pk, name, name_en)
            for pk, name, name_en in Topic.objects.values_list("pk", "name", "name_en")
        }

    def csv(self, v: tuple) -> str:
        pk = v[ID]
        meeting = self.meetings.get(v[MEETING_ID]) or self.meeting(v)
        speaker = self.speakers.get((v[SPEAKER_ID], v[NAMED_AS])) or self.speaker(v)
        topics = self.topic_set(v[TOPIC_IDS])
        date = v[DATE].isoformat() if v[DATE] else ""
        permalink = self.claim_url.format(pk)
        text = v[TEXT].replace('"', '""')  # quoted, and the note's one line of it is too
        if meeting.csv_citation is None:
            citation = _quoted(self.citation(v, permalink))
        else:
            c0, c1, c2, c3 = meeting.csv_citation
            line = " ".join(text.split())
            link = self.claim_url_csv.format(pk)
            citation = f'"{c0}{speaker.csv_note}{line}»{c1}claim {pk}{c2}{link}{c3}"'
        return (
            f'{permalink},{pk},{date},{meeting.csv},{speaker.csv},"{text}",{v[KIND]},'
            f"{v[REVIEW_STATUS]},{topics.csv},{citation}\r\n"
        )

    def json(self, v: tuple, kind: str = "") -> dict:
        """The claim as a JSON object (first "type": `kind`, when given: NDJSON's lines)."""
        pk = v[ID]
        permalink = self.claim_url.format(pk)
        meeting = self.meetings.get(v[MEETING_ID]) or self.meeting(v)
        item = {"type": kind} if kind else {}
        item.update(
            id=pk,
            url=permalink,
            date=v[DATE],
            meeting=meeting.json,
            speaker=(self.speakers.get((v[SPEAKER_ID], v[NAMED_AS])) or self.speaker(v)).json,
            named_as=v[NAMED_AS],
            text=v[TEXT],
            kind=v[KIND],
            review_status=v[REVIEW_STATUS],
            topics=self.topic_set(v[TOPIC_IDS]).json,
            citation=self.citation(v, permalink),
        )
        return item

    def citation(self, v: tuple, permalink: str) -> str:
        """The claim's Chicago citation, as statements/citations.py writes it for the claim's
        page. What belongs to the meeting (publisher, title, date, languages, URL) is written
        once per meeting, by citations.chicago itself, around placeholders for the claim's
        note, locator and permalink."""
        meeting = self.meetings.get(v[MEETING_ID]) or self.meeting(v)
        speaker = self.speakers.get((v[SPEAKER_ID], v[NAMED_AS])) or self.speaker(v)
        note = speaker.note + citations.one_line(v[TEXT]) + "»"
        if meeting.citation is not None:
            c0, c1, c2, c3 = meeting.citation
            return f"{c0}{note}{c1}claim {v[ID]}{c2}{permalink}{c3}"
        return (
            meeting.template.replace(NOTE, note, 1)
            .replace(LOCATOR, f"claim {v[ID]}", 1)
            .replace(PERMALINK, permalink, 1)
        )

    def topic_set(self, ids: list[int] | None) -> TopicColumns:
        """The claim's topics as the API lists them (by English name, then id)."""
        key = tuple(ids) if ids else ()
        found = self.topic_sets.get(key)
        if found is not None:
            return found
        topics = [self.topics[i] for i in key if i in self.topics]
        topics.sort(key=lambda t: (t[2], t[0]))
        found = TopicColumns(
            csv=_quoted("; ".join(t[1] for t in topics))
            + ","
            + _quoted("; ".join(t[2] or t[1] for t in topics)),
            json=[{"id": i, "name": n, "name_en": e} for i, n, e in topics],
        )
        if len(self.topic_sets) >= CACHE:
            self.topic_sets.clear()
        self.topic_sets[key] = found
        return found

    def speaker(self, v: tuple) -> SpeakerColumns:
        """The speaker's columns, and the speaker as citations.claim_reference names them (kept
        per speaker and subject)."""
        name, name_en = citations.one_line(v[SPEAKER]), citations.one_line(v[SPEAKER_EN])
        who = f"{name_en} ({name})" if name_en and name and name_en != name else name_en or name
        named = citations.one_line(v[NAMED_AS])
        if named and named != name:
            who += f", named in the source as «{named}»"
        note = f"Statement attributed to {who}, as the report gives it: «"
        found = SpeakerColumns(
            csv=f"{_quoted(v[SPEAKER])},{_quoted(v[SPEAKER_EN])},{_quoted(v[NAMED_AS])}",
            json={"id": v[SPEAKER_ID], "name": v[SPEAKER], "name_en": v[SPEAKER_EN]},
            note=note,
            csv_note=note.replace('"', '""'),
        )
        if len(self.speakers) >= CACHE:
            self.speakers.clear()
        self.speakers[(v[SPEAKER_ID], v[NAMED_AS])] = found
        return found

    def meeting(self, v: tuple) -> MeetingColumns:
        template = self.meeting_template(v)
        # The template cut at its placeholders, when they come once each in this order (as
        # citations.chicago writes them); else the placeholders are replaced row by row.
        pieces = None
        at = [template.find(p) for p in (NOTE, LOCATOR, PERMALINK)]
        if -1 < at[0] < at[1] < at[2] and all(template.count(p) == 1 for p in PLACEHOLDERS):
            rest = template
            pieces = []
            for placeholder in PLACEHOLDERS:
                piece, rest = rest.split(placeholder)
                pieces.append(piece)
            pieces = (*pieces, rest)
        found = MeetingColumns(
            csv=f"{_quoted(v[MEETING_TITLE])},{_quoted(v[MEETING_TITLE_EN])},"
            + self.meeting_url.format(v[MEETING_SLUG]),
            json={
                "id": v[MEETING_ID],
                "title": v[MEETING_TITLE],
                "title_en": v[MEETING_TITLE_EN],
                "url": self.meeting_url.format(v[MEETING_SLUG]),
            },
            template=template if pieces is None else "",  # kept only when used
            citation=pieces,
            csv_citation=None if pieces is None else tuple(p.replace('"', '""') for p in pieces),
        )
        if len(self.meetings) >= CACHE:
            self.meetings.clear()
        self.meetings[v[MEETING_ID]] = found
        return found

    def meeting_template(self, v: tuple) -> str:
        title = citations.one_line(v[MEETING_TITLE])
        title_en = citations.one_line(v[MEETING_TITLE_EN])
        language, original = v[LANGUAGE], v[ORIGINAL_LANGUAGE]
        publisher, publisher_en = v[PUBLISHER], v[PUBLISHER_EN]
        ref = citations.Reference(
            key="",
            kind="report",
            author=citations.one_line(publisher_en or publisher),
            title=title or title_en,
            title_en=title_en if title else "",
            language=language,
            original_language=original if original and original != language else "",
            issued=v[PUBLISHED_ON],
            report_url=v[REPORT_URL],
            note=NOTE,
            locator=LOCATOR,
            permalink=PERMALINK,
            accessed=self.accessed,
        )
        return citations.chicago(ref)


def claims_query(claims: QuerySet) -> tuple[str, list]:
    """SQL and params of the search's ordered claims with the download's columns.

    By date, the date index walks the claims in order and the rows stream from the first.
    By relevance every match is ranked before the first row can leave; so, as the pages do
    (search/engine.py, `ordered_ids`), PostgreSQL sorts only the ids and the order's keys of
    the search's own claims (its statement, not a copy), then reads each claim's row by its id
    in that order (a nested loop over the sorted ids, which keeps their order: no sort of
    whole rows, which at 75k matches spilled 33 MB to disk). The ids never leave the database:
    sorting a million matches costs it about 50 bytes each (spilled to disk past work_mem),
    this process nothing."""
    order = claims.query.order_by
    columns = {f"c{i}": expression for i, expression in enumerate(COLUMNS.values())}
    if "-rank" not in order:
        sql, params = claims.values(**columns).order_by(*order).query.sql_with_params()
        return sql, list(params)
    names = list(dict.fromkeys(name.lstrip("-") for name in order))
    keys = {name: f"k{i}" for i, name in enumerate(names)}
    narrow, narrow_params = (
        claims.order_by().values(**{keys[n]: F(n) for n in names}).query.sql_with_params()
    )
    by = ", ".join(f"o.{keys[n.lstrip('-')]}" + (" DESC" if n[0] == "-" else "") for n in order)
    this_claim = RawSQL(f"o.{keys['pk']}", ())  # the sorted id, as seen in LATERAL
    row, row_params = (
        Claim.objects.filter(pk=this_claim).order_by().values(**columns).query.sql_with_params()
    )
    # OFFSET 0 keeps the row's subquery a subquery (a join the planner could hash, then sort);
    # the outer ORDER BY is the sorted ids' own, so it costs no second sort.
    sql = (
        f"SELECT r.* FROM (SELECT * FROM ({narrow}) n ORDER BY {by.replace('o.', 'n.')}) o "
        f"CROSS JOIN LATERAL ({row} OFFSET 0) r ORDER BY {by}"
    )
    return sql, [*narrow_params, *row_params]


def rows(claims: QuerySet) -> Iterator[tuple]:
    """The claims' columns, streamed from the database in chunks (call inside
    export.snapshot())."""
    sql, params = claims_query(claims)
    with connection.cursor() as cursor:
        yield from cursor.cursor.stream(sql, params, size=ROW_CHUNK)


def _csv(claims, rows_of: Rows) -> Iterator[bytes]:
    """CSV, every text field quoted (RFC 4180; what csv.writer writes, at a fraction of its
    cost on long Urdu fields)."""
    lines = [BOM + ",".join(CSV_HEADER) + "\r\n"]
    line = rows_of.csv
    for v in rows(claims):
        lines.append(line(v))
        if len(lines) >= FLUSH_ROWS:
            yield "".join(lines).encode()
            lines = []
    yield "".join(lines).encode()


def _ndjson(claims, rows_of, header: dict) -> Iterator[bytes]:
    yield orjson.dumps({"type": "search", **header}) + b"\n"
    count = 0
    pieces = []
    for v in rows(claims):
        count += 1
        pieces.append(orjson.dumps(rows_of.json(v, "claim")))
        if count % FLUSH_ROWS == 0:
            yield b"\n".join(pieces) + b"\n"
            pieces = []
    if pieces:
        yield b"\n".join(pieces) + b"\n"
    yield orjson.dumps({"type": "end", "count": count}) + b"\n"


def _json(claims, rows_of, header: dict) -> Iterator[bytes]:
    yield orjson.dumps(header)[:-1] + b',\n"claims":['
    count = 0
    pieces = []
    for v in rows(claims):
        pieces.append((b"\n" if count == 0 else b",\n") + orjson.dumps(rows_of.json(v)))
        count += 1
        if count % FLUSH_ROWS == 0:
            yield b"".join(pieces)
            pieces = []
    yield b"".join(pieces) + b'],\n"count":' + str(count).encode() + b"}\n"


def stream(
    claims: QuerySet,
    format: str,
    rows_of: Rows,
    query: dict[str, list[str]],
    generated_at: datetime.datetime | None = None,
) -> Iterator[bytes]:
    """The ordered `claims` of a search (SearchResult.claims) in `format`, as byte chunks.
    `query`: the search's canonical parameters, named in the JSON and NDJSON headers (a file
    says which search it holds)."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    header = {
        "format": "diplomatic-statements-search",
        "version": 1,
        "generated_at": export.format_time(generated_at or timezone.now()),
        "query": {k: v if len(v) > 1 else v[0] for k, v in query.items()},
    }
    with export.snapshot():
        if format == "csv":
            yield from _csv(claims, rows_of)
        elif format == "ndjson":
            yield from _ndjson(claims, rows_of, header)
        else:
            yield from _json(claims, rows_of, header)
