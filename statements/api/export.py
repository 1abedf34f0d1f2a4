"""The whole published archive as one self-describing document, streamed: shared by
`manage.py export` and GET /api/v1/export, which therefore send the same bytes.

Memory stays flat however large the archive, and the work is shared between two processes:
speakers and topics are read through server-side cursors; meetings come from one streamed query
(libpq's chunked mode) in which PostgreSQL writes each meeting's participants, passages and
claims as ready JSON lists (`row_to_json`), which go into the document unparsed as
`orjson.Fragment`s. So the database builds the next meetings while this process writes the last.
All of it runs inside one read-only REPEATABLE READ transaction, so the document is one
consistent snapshot. Only public rows are written (the models' public querysets).

JSON layout, one item a line (so a diff or `grep` of two exports is readable):

    {"format":"diplomatic-statements-archive","version":1,"generated_at":"...",...,
    "speakers":[
    {...},
    ...],
    "topics":[...],
    "meetings":[...],
    "counts":{"speakers":n,"topics":n,"meetings":n,"passages":n,"claims":n}}

NDJSON: the same header with "type":"archive", then one {"type":"speaker"|"topic"|"meeting",...}
a line, then {"type":"end", "counts":{...}}; the counts let a reader detect a truncated file.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import orjson
from django.db import connection, transaction
from django.db.models import Count, Expression, F, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.utils import timezone

from statements.api import schemas
from statements.api.serializers import field_names
from statements.models import (
    Alias,
    Claim,
    Meeting,
    Participation,
    Passage,
    Source,
    Speaker,
    Topic,
)

FORMAT_NAME = "diplomatic-statements-archive"
VERSION = 1
FORMATS = ("json", "ndjson")
CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "ndjson": "application/x-ndjson; charset=utf-8",
}
DESCRIPTION = (
    "The published part of a searchable archive of diplomatic statements. Every claim and "
    "passage is a verbatim span of its meeting's source text: source.text[start:end] == text, "
    "with start and end counted in Unicode code points. Claims refer to speakers, passages "
    "and topics by id; rejected claims and unpublished meetings are not included."
)
ROW_CHUNK = 5000  # rows fetched per round trip for small rows (aliases, speakers, topics)
MEETING_CHUNK = 4  # meetings a round of the streamed query: small, so the database works ahead
# while this process writes (at 100k claims, 4 gave 68k claims/s where 50 gave 50k)
FLUSH_BYTES = 1 << 18

# The columns of each section, from the export's schemas (api/schemas.py): one declaration.
SPEAKER_FIELDS = field_names(schemas.ExportSpeaker, without=("aliases", "members"))
TOPIC_FIELDS = field_names(schemas.ExportTopic, without=("speaker", "aliases"))
ALIAS_FIELDS = field_names(schemas.ExportAlias)
MEETING_FIELDS = field_names(
    schemas.ExportMeeting, without=("source", "participants", "passages", "claims")
)
SOURCE_FIELDS = field_names(schemas.ExportSource)
PASSAGE_FIELDS = field_names(schemas.Passage)
CLAIM_FIELDS = field_names(schemas.ExportClaim)
SOURCE_METADATA = tuple(f for f in SOURCE_FIELDS if f not in ("id", "text", "sha256", "version"))


def dumps(obj) -> bytes:
    """Compact UTF-8 JSON, Urdu as characters, dates and times in ISO 8601 (orjson: the
    serialisation is most of an export's work, and orjson does it ~10x faster than json)."""
    return orjson.dumps(obj)


def format_time(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class _ByKey:
    """Rows of a cursor ordered by their first column, handed out one key at a time."""

    def __init__(self, rows):
        self._rows = iter(rows)
        self._next = next(self._rows, None)

    def take(self, key) -> list:
        taken = []
        while self._next is not None and self._next[0] < key:  # rows of a skipped owner
            self._next = next(self._rows, None)
        while self._next is not None and self._next[0] == key:
            taken.append(self._next)
            self._next = next(self._rows, None)
        return taken


def _aliases(owner: str) -> _ByKey:
    rows = (
        Alias.objects.filter(**{f"{owner}__isnull": False})
        .order_by(f"{owner}_id", "text", "id")
        .values_list(f"{owner}_id", *ALIAS_FIELDS)
        .iterator(ROW_CHUNK)
    )
    return _ByKey(rows)


def _members() -> _ByKey:
    """(group id, member id) of the public groups' public members, by group."""
    public = Speaker.objects.public().values("pk")
    rows = (
        Speaker.members.through.objects.filter(from_speaker_id__in=public, to_speaker_id__in=public)
        .order_by("from_speaker_id", "to_speaker_id")
        .values_list("from_speaker_id", "to_speaker_id")
        .iterator(ROW_CHUNK)
    )
    return _ByKey(rows)


def speakers() -> Iterator[dict]:
    aliases = _aliases("speaker")
    members = _members()
    rows = Speaker.objects.public().order_by("id").values_list(*SPEAKER_FIELDS).iterator(ROW_CHUNK)
    for row in rows:
        item = dict(zip(SPEAKER_FIELDS, row, strict=True))
        item["members"] = [m for _, m in members.take(row[0])]
        item["aliases"] = [
            dict(zip(ALIAS_FIELDS, a[1:], strict=True)) for a in aliases.take(row[0])
        ]
        yield item


def topics() -> Iterator[dict]:
    aliases = _aliases("topic")
    public_speaker = Speaker.objects.public().filter(pk=OuterRef("speaker_id")).values("pk")[:1]
    rows = (
        Topic.objects.public()
        .order_by("id")
        .annotate(public_speaker=Subquery(public_speaker))
        .values_list(*TOPIC_FIELDS, "public_speaker")
        .iterator(ROW_CHUNK)
    )
    for row in rows:
        item = dict(zip(TOPIC_FIELDS, row[:-1], strict=True))
        item["speaker"] = row[-1]
        item["aliases"] = [
            dict(zip(ALIAS_FIELDS, a[1:], strict=True)) for a in aliases.take(row[0])
        ]
        yield item


def _json_list(queryset: QuerySet, fields: dict[str, str | Expression], order: tuple[str, ...]):
    """SQL and params of a subquery giving (n, doc): how many rows `queryset` has and those
    rows as one JSON list '[{...},{...}]' (NULL when there are none), each object with `fields`
    as its keys in that order, sorted by `order`.

    PostgreSQL writes the JSON: `row_to_json` is exactly as compact as orjson and escapes the
    same way, and the list goes into the document as an `orjson.Fragment`, so a claim costs
    Python nothing. Which rows are public stays the querysets' business (models.py)."""
    columns = {f"f{i}": F(f) if isinstance(f, str) else f for i, f in enumerate(fields.values())}
    columns |= {f"o{i}": F(f) for i, f in enumerate(order)}
    inner, params = queryset.order_by().values(**columns).query.sql_with_params()
    quote = connection.ops.quote_name
    named = ", ".join(f"q.f{i} AS {quote(name)}" for i, name in enumerate(fields))
    ordered = ", ".join(f"q.o{i}" for i in range(len(order)))
    sql = (
        f"SELECT count(*) AS n, '[' || string_agg(j.doc, ',' ORDER BY {ordered}) || ']' AS doc "
        f"FROM ({inner}) q CROSS JOIN LATERAL "
        f"(SELECT row_to_json(x)::text AS doc FROM (SELECT {named}) x) j"
    )
    return sql, params


EMPTY = orjson.Fragment(b"[]")
LISTS = ("participants", "passages", "claims")


def _meetings_query() -> tuple[str, list]:
    """One query for all public meetings, in id order: the meeting's and its source's fields,
    then (n, doc) for its participants, passages and claims (correlated LATERAL subqueries)."""
    this_meeting = RawSQL('"m"."m0"', ())  # the outer row's meeting id, as seen in LATERAL
    lists = {
        "participants": _json_list(
            Participation.objects.public().filter(meeting_id=this_meeting),
            {"speaker": "speaker_id", "role": "role"},
            ("speaker_id",),
        ),
        "passages": _json_list(
            Passage.objects.public().filter(meeting_id=this_meeting),
            {f: f for f in PASSAGE_FIELDS},
            ("position",),
        ),
        "claims": _json_list(
            Claim.objects.public().filter(meeting_id=this_meeting),
            {f: f for f in CLAIM_FIELDS}
            | {"passage": "passage_id", "speaker": "speaker_id", "topics": "topic_ids"},
            ("start", "id"),
        ),
    }
    fields = [*MEETING_FIELDS, *(f"source__{f}" for f in SOURCE_FIELDS)]
    meetings = (
        Meeting.objects.published()
        .order_by()
        .values(**{f"m{i}": F(f) for i, f in enumerate(fields)})
    )
    sql, params = meetings.query.sql_with_params()
    sql = f"SELECT m.*, {', '.join(f'{n}.n, {n}.doc' for n in LISTS)} FROM ({sql}) m"
    params = list(params)
    for name in LISTS:
        list_sql, list_params = lists[name]
        sql += f" CROSS JOIN LATERAL ({list_sql}) {name}"
        params += list_params
    return sql + ' ORDER BY "m"."m0"', params


def meetings(
    counts: dict[str, int] | None = None, progress: Callable[[int], None] | None = None
) -> Iterator[dict]:
    """Meetings with their source, participants, passages and public claims; the number of
    passages and claims written is added to `counts`. Passages and claims come from their own
    text columns: the database guarantees text == source.text[start:end] (migration 0003).

    The query is streamed in small chunks (libpq's chunked mode), so PostgreSQL builds the
    next meetings while this process writes the last ones, and memory holds one chunk."""
    counts = counts if counts is not None else {}
    split, end = len(MEETING_FIELDS), len(MEETING_FIELDS) + len(SOURCE_FIELDS)
    sql, params = _meetings_query()
    with connection.cursor() as cursor:
        for row in cursor.cursor.stream(sql, params, size=MEETING_CHUNK):
            item = dict(zip(MEETING_FIELDS, row[:split], strict=True))
            item["source"] = dict(zip(SOURCE_FIELDS, row[split:end], strict=True))
            for i, name in enumerate(LISTS):
                n, doc = row[end + 2 * i], row[end + 2 * i + 1]
                item[name] = orjson.Fragment(doc) if n else EMPTY
                if name != "participants":
                    counts[name] = counts.get(name, 0) + n
            if progress:
                progress(row[-2])
            yield item


@contextlib.contextmanager
def snapshot():
    """One consistent, read-only view of the database for the whole export."""
    if connection.in_atomic_block:  # inside a caller's transaction (tests): use its view
        with transaction.atomic():
            yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            # One streamed statement for the whole archive: longer than a web request's
            # statement_timeout allows, on purpose (the client keeps reading all along).
            cursor.execute("SET LOCAL statement_timeout = '1h'")
        yield


def header(generated_at: datetime.datetime) -> dict:
    return {
        "format": FORMAT_NAME,
        "version": VERSION,
        "generated_at": format_time(generated_at),
        "description": DESCRIPTION,
    }


def _pieces(fmt: str, generated_at, progress) -> Iterator[bytes]:
    counts = {"speakers": 0, "topics": 0, "meetings": 0, "passages": 0, "claims": 0}
    sections = (("speakers", "speaker", speakers), ("topics", "topic", topics))
    sections += (("meetings", "meeting", lambda: meetings(counts, progress)),)
    if fmt == "ndjson":
        yield dumps({"type": "archive", **header(generated_at)}) + b"\n"
        for section, kind, items in sections:
            for item in items():
                counts[section] += 1
                yield dumps({"type": kind, **item}) + b"\n"
        yield dumps({"type": "end", "counts": counts}) + b"\n"
        return
    yield dumps(header(generated_at))[:-1]
    for section, _kind, items in sections:
        yield b',\n"' + section.encode() + b'":['
        for n, item in enumerate(items()):
            counts[section] += 1
            yield (b"\n" if n == 0 else b",\n") + dumps(item)
        yield b"]"
    yield b',\n"counts":' + dumps(counts) + b"}\n"


def stream(
    format: str = "json",
    generated_at: datetime.datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[bytes]:
    """The export as UTF-8 byte chunks of about FLUSH_BYTES each."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    generated_at = generated_at or timezone.now()
    with snapshot():
        buffer: list[bytes] = []
        size = 0
        for piece in _pieces(format, generated_at, progress):
            buffer.append(piece)
            size += len(piece)
            if size >= FLUSH_BYTES:
                yield b"".join(buffer)
                buffer, size = [], 0
        if buffer:
            yield b"".join(buffer)


@dataclass
class ArchiveState:
    last_modified: datetime.datetime | None
    etag: str


def archive_state() -> ArchiveState:
    """A cheap fingerprint of what an export would contain (for ETag / Last-Modified): counts
    and latest change times of the public rows, and a hash of the small reference tables."""
    statuses = {
        s: Count("pk", filter=Q(review_status=s))
        for s in Claim.ReviewStatus.values
        if s != Claim.ReviewStatus.REJECTED
    }
    claims = Claim.objects.public().aggregate(n=Count("pk"), changed=Max("updated_at"), **statuses)
    meetings = Meeting.objects.published().aggregate(n=Count("pk"), changed=Max("updated_at"))
    digest = hashlib.sha256(repr((sorted(claims.items()), sorted(meetings.items()))).encode())
    for rows in (
        # a source's metadata (publisher, URL, date) may be corrected after publication
        Source.objects.filter(meeting__in=Meeting.objects.published())
        .order_by("id")
        .values_list("id", *SOURCE_METADATA),
        Speaker.objects.public().order_by("id").values_list(*SPEAKER_FIELDS),
        Topic.objects.public().order_by("id").values_list(*TOPIC_FIELDS, "speaker_id"),
        Alias.objects.order_by("id").values_list("id", "speaker_id", "topic_id", *ALIAS_FIELDS),
    ):
        for row in rows.iterator(ROW_CHUNK):
            digest.update(repr(row).encode())
    changes = [t for t in (claims["changed"], meetings["changed"]) if t is not None]
    return ArchiveState(max(changes) if changes else None, digest.hexdigest()[:32])
