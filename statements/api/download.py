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

import csv
import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass

import orjson
from django.db import connection
from django.db.models import F, QuerySet
from django.utils import timezone

from statements import citations
from statements.api import export
from statements.models import Topic

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


@dataclass
class Row:
    """What a claim's line says, read from one streamed row."""

    values: dict
    permalink: str
    meeting_url: str
    topics: list[tuple[int, str, str]]  # (id, Urdu name, English name)
    citation: str

    def as_csv(self) -> tuple:
        v = self.values
        return (
            self.permalink,
            v["id"],
            v["date"].isoformat() if v["date"] else "",
            v["meeting_title"],
            v["meeting_title_en"],
            self.meeting_url,
            v["speaker"],
            v["speaker_en"],
            v["named_as"],
            v["text"],
            v["kind"],
            v["review_status"],
            "; ".join(name for _, name, _ in self.topics),
            "; ".join(name_en or name for _, name, name_en in self.topics),
            self.citation,
        )

    def as_json(self) -> dict:
        v = self.values
        return {
            "id": v["id"],
            "url": self.permalink,
            "date": v["date"],
            "meeting": {
                "id": v["meeting_id"],
                "title": v["meeting_title"],
                "title_en": v["meeting_title_en"],
                "url": self.meeting_url,
            },
            "speaker": {"id": v["speaker_id"], "name": v["speaker"], "name_en": v["speaker_en"]},
            "named_as": v["named_as"],
            "text": v["text"],
            "kind": v["kind"],
            "review_status": v["review_status"],
            "topics": [{"id": i, "name": n, "name_en": e} for i, n, e in self.topics],
            "citation": self.citation,
        }


class Rows:
    """Turns the streamed tuples into Rows: permalinks from one pattern (no `reverse()` per
    row), topics from one table read once, the citation of each claim."""

    def __init__(self, claim_url: str, meeting_url: str, accessed: datetime.date):
        # claim_url/meeting_url: absolute URLs with "{}" where the id/slug goes
        self.claim_url, self.meeting_url, self.accessed = claim_url, meeting_url, accessed
        self.topics = {
            pk: (pk, name, name_en)
            for pk, name, name_en in Topic.objects.values_list("pk", "name", "name_en")
        }

    def row(self, values: dict) -> Row:
        topics = sorted(
            (self.topics[i] for i in values["topic_ids"] or () if i in self.topics),
            key=lambda t: (t[2], t[0]),
        )
        permalink = self.claim_url.format(values["id"])
        return Row(
            values,
            permalink,
            self.meeting_url.format(values["meeting_slug"]),
            topics,
            self.citation(values, permalink),
        )

    def citation(self, v: dict, permalink: str) -> str:
        """The claim's Chicago citation, as statements/citations.py writes it for the claim's
        page (built from the row's columns rather than from model instances)."""
        who = citations.one_line(v["speaker_en"] or v["speaker"])
        if v["speaker_en"] and v["speaker"] and v["speaker_en"] != v["speaker"]:
            who = f"{citations.one_line(v['speaker_en'])} ({citations.one_line(v['speaker'])})"
        named = citations.one_line(v["named_as"])
        if named and named != citations.one_line(v["speaker"]):
            who += f", named in the source as «{named}»"
        title, title_en = (
            citations.one_line(v["meeting_title"]),
            citations.one_line(v["meeting_title_en"]),
        )
        original = v["original_language"]
        ref = citations.Reference(
            key=f"claim-{v['id']}",
            kind="report",
            author=citations.one_line(v["publisher_en"] or v["publisher"]),
            title=title or title_en,
            title_en=title_en if title else "",
            language=v["language"],
            original_language=original if original and original != v["language"] else "",
            issued=v["published_on"],
            report_url=v["report_url"],
            note=f"Statement attributed to {who}, as the report gives it: "
            f"«{citations.one_line(v['text'])}»",
            locator=f"claim {v['id']}",
            permalink=permalink,
            accessed=self.accessed,
        )
        return citations.chicago(ref)


def claims_query(claims: QuerySet) -> tuple[str, list]:
    """SQL and params of the search's ordered claims with the download's columns."""
    order = claims.query.order_by
    columns = {f"c{i}": expression for i, expression in enumerate(COLUMNS.values())}
    sql, params = claims.values(**columns).order_by(*order).query.sql_with_params()
    return sql, list(params)


def rows(claims: QuerySet, rows_of: Rows) -> Iterator[Row]:
    """The claims, streamed from the database in chunks (call inside export.snapshot())."""
    sql, params = claims_query(claims)
    names = list(COLUMNS)
    with connection.cursor() as cursor:
        for values in cursor.cursor.stream(sql, params, size=ROW_CHUNK):
            yield rows_of.row(dict(zip(names, values, strict=True)))


def _csv(claims, rows_of) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(CSV_HEADER)
    for n, row in enumerate(rows(claims, rows_of), 1):
        writer.writerow(row.as_csv())
        if n % FLUSH_ROWS == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _ndjson(claims, rows_of, header: dict) -> Iterator[bytes]:
    yield orjson.dumps({"type": "search", **header}) + b"\n"
    count = 0
    pieces = []
    for row in rows(claims, rows_of):
        count += 1
        pieces.append(orjson.dumps({"type": "claim", **row.as_json()}))
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
    for row in rows(claims, rows_of):
        pieces.append((b"\n" if count == 0 else b",\n") + orjson.dumps(row.as_json()))
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
