"""The whole published archive as one self-describing document, streamed: shared by
`manage.py export` and GET /api/v1/export, which therefore send the same bytes.

Memory stays flat however large the archive: meetings, passages, claims and participations are
read through concurrent server-side cursors (`.iterator(chunk_size)`), each ordered by meeting,
and merged here meeting by meeting; all of it inside one read-only REPEATABLE READ transaction,
so the document is one consistent snapshot. Only public rows are written (statements/api_public).

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
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection, transaction
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.utils import timezone

from statements.api_public import (
    public_claims,
    public_meetings,
    public_participations,
    public_passages,
    public_speakers,
    public_topics,
)
from statements.models import Alias, Claim

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
ROW_CHUNK = 5000  # rows fetched per round trip for small rows (passages, claims)
MEETING_CHUNK = 50  # meetings carry their whole source text: fetch fewer at a time
FLUSH_BYTES = 1 << 18

SPEAKER_FIELDS = (
    "id",
    "slug",
    "name",
    "name_en",
    "role",
    "role_en",
    "country",
    "wikidata_id",
    "is_provisional",
)
TOPIC_FIELDS = ("id", "slug", "name", "name_en", "kind", "country", "wikidata_id")
ALIAS_FIELDS = ("text", "language", "exclude_before", "exclude_after")
MEETING_FIELDS = (
    "id",
    "slug",
    "title",
    "title_en",
    "date",
    "place",
    "duration_minutes",
    "duration_text",
    "published_at",
)
SOURCE_FIELDS = ("id", "text", "sha256", "origin", "language", "version", "retrieved_at")
PASSAGE_FIELDS = ("id", "position", "start", "end", "text")
CLAIM_FIELDS = (
    "id",
    "passage",
    "speaker",
    "text",
    "start",
    "end",
    "kind",
    "reporting_phrase",
    "attribution",
    "review_status",
    "review_note",
    "translation_en",
    "editor_note",
    "topics",
)


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


def speakers() -> Iterator[dict]:
    aliases = _aliases("speaker")
    rows = public_speakers().order_by("id").values_list(*SPEAKER_FIELDS).iterator(ROW_CHUNK)
    for row in rows:
        item = dict(zip(SPEAKER_FIELDS, row, strict=True))
        item["aliases"] = [
            dict(zip(ALIAS_FIELDS, a[1:], strict=True)) for a in aliases.take(row[0])
        ]
        yield item


def topics() -> Iterator[dict]:
    aliases = _aliases("topic")
    public_speaker = public_speakers().filter(pk=OuterRef("speaker_id")).values("pk")[:1]
    rows = (
        public_topics()
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


def _claim(row, text: str) -> dict:
    (_, pk, passage, speaker, start, end, kind, phrase, attribution, status, note) = row[:11]
    translation, editor_note, topics = row[11:]
    return {
        "id": pk,
        "passage": passage,
        "speaker": speaker,
        "text": text[start:end],
        "start": start,
        "end": end,
        "kind": kind,
        "reporting_phrase": phrase,
        "attribution": attribution,
        "review_status": status,
        "review_note": note,
        "translation_en": translation,
        "editor_note": editor_note,
        "topics": topics,
    }


def meetings(progress: Callable[[int], None] | None = None) -> Iterator[dict]:
    """Meetings with their source, participants, passages and public claims. The texts of
    passages and claims are cut from the source text rather than read again: the database
    guarantees text == source.text[start:end] for every row (migration 0003)."""
    participants = _ByKey(
        public_participations()
        .order_by("meeting_id", "speaker_id")
        .values_list("meeting_id", "speaker_id", "role")
        .iterator(ROW_CHUNK)
    )
    passages = _ByKey(
        public_passages()
        .order_by("meeting_id", "position")
        .values_list("meeting_id", "id", "position", "start", "end")
        .iterator(ROW_CHUNK)
    )
    topic_ids = ArraySubquery(
        Claim.topics.through.objects.filter(claim_id=OuterRef("pk"))
        .order_by("topic_id")
        .values("topic_id")
    )
    claim_columns = [f for f in CLAIM_FIELDS if f not in ("text", "topics")]
    claims = _ByKey(
        public_claims()
        .annotate(topic_ids=topic_ids)
        .order_by("meeting_id", "start", "id")
        .values_list("meeting_id", *claim_columns, "topic_ids")
        .iterator(ROW_CHUNK)
    )
    source_columns = [f"source__{f}" for f in SOURCE_FIELDS]
    rows = (
        public_meetings()
        .order_by("id")
        .values_list(*MEETING_FIELDS, *source_columns)
        .iterator(MEETING_CHUNK)
    )
    split = len(MEETING_FIELDS)
    for row in rows:
        item = dict(zip(MEETING_FIELDS, row[:split], strict=True))
        source = item["source"] = dict(zip(SOURCE_FIELDS, row[split:], strict=True))
        key, text = item["id"], source["text"]
        item["participants"] = [{"speaker": p[1], "role": p[2]} for p in participants.take(key)]
        item["passages"] = [
            {"id": pk, "position": position, "start": start, "end": end, "text": text[start:end]}
            for _, pk, position, start, end in passages.take(key)
        ]
        item["claims"] = [_claim(c, text) for c in claims.take(key)]
        if progress:
            progress(len(item["claims"]))
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
    sections += (("meetings", "meeting", lambda: meetings(progress)),)
    if fmt == "ndjson":
        yield dumps({"type": "archive", **header(generated_at)}) + b"\n"
        for section, kind, items in sections:
            for item in items():
                counts[section] += 1
                if section == "meetings":
                    counts["passages"] += len(item["passages"])
                    counts["claims"] += len(item["claims"])
                yield dumps({"type": kind, **item}) + b"\n"
        yield dumps({"type": "end", "counts": counts}) + b"\n"
        return
    yield dumps(header(generated_at))[:-1]
    for section, _kind, items in sections:
        yield b',\n"' + section.encode() + b'":['
        for n, item in enumerate(items()):
            counts[section] += 1
            if section == "meetings":
                counts["passages"] += len(item["passages"])
                counts["claims"] += len(item["claims"])
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
    claims = public_claims().aggregate(n=Count("pk"), changed=Max("updated_at"), **statuses)
    meetings = public_meetings().aggregate(n=Count("pk"), changed=Max("updated_at"))
    digest = hashlib.sha256(repr((sorted(claims.items()), sorted(meetings.items()))).encode())
    for rows in (
        public_speakers().order_by("id").values_list(*SPEAKER_FIELDS),
        public_topics().order_by("id").values_list(*TOPIC_FIELDS, "speaker_id"),
        Alias.objects.order_by("id").values_list("id", "speaker_id", "topic_id", *ALIAS_FIELDS),
    ):
        for row in rows.iterator(ROW_CHUNK):
            digest.update(repr(row).encode())
    changes = [t for t in (claims["changed"], meetings["changed"]) if t is not None]
    return ArchiveState(max(changes) if changes else None, digest.hexdigest()[:32])
