"""Load an export (api/export.py, JSON or NDJSON) into an empty database.

"Empty" means no sources, meetings, passages or claims: a freshly migrated database, whose
reference speakers, topics and aliases (migration 0004) are replaced by the export's, so that
every id in the file is kept and exporting again gives the same document. Everything is written
in one transaction: a bad file changes nothing. The database's own checks still apply (the
span trigger refuses a claim whose text is not source.text[start:end]).

Not carried by an export, hence not restored: drafts, rejected claims, provisional speakers
that appear in no published meeting, links between source versions, timestamps other than
published_at.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction

from statements.api import export
from statements.ingest.parse import MAX_DOCUMENT_BYTES, MAX_PARAGRAPHS
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

BATCH = 2000
# Exports written before sources had a publisher, URL and publication date lack them.
SOURCE_DEFAULTS = {
    "publisher": "",
    "publisher_en": "",
    "url": "",
    "published_on": None,
    "original_language": "",
}
SECTIONS = {"speaker": "speakers", "topic": "topics", "meeting": "meetings"}


class ImportError_(ValueError):
    """The file cannot be loaded; the message says why (and nothing was written)."""


@dataclass
class ImportResult:
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            ("speakers", "topics", "meetings", "passages", "claims"), 0
        )
    )


def read_items(path: Path) -> Iterator[tuple[str, dict]]:
    """(kind, object) pairs from an export file: ("archive", header), ("speaker", ...), ...,
    ("end", {"counts": ...}). NDJSON is read a line at a time; a JSON document whole."""
    try:
        with open(path, encoding="utf-8") as stream:
            first = stream.readline()
            try:
                head = json.loads(first)
            except ValueError:
                head = None
            if isinstance(head, dict) and head.get("type") == "archive":
                yield "archive", head
                for number, line in enumerate(stream, 2):
                    if not line.strip():
                        continue
                    try:
                        item = json.loads(line)
                    except ValueError as exc:
                        raise ImportError_(f"line {number}: not JSON ({exc})") from None
                    if not isinstance(item, dict) or "type" not in item:
                        raise ImportError_(f"line {number}: not an export object")
                    yield item.pop("type"), item
                return
            stream.seek(0)
            try:
                document = json.load(stream)
            except ValueError as exc:
                raise ImportError_(f"not an export: not JSON ({exc})") from None
    except UnicodeDecodeError:
        raise ImportError_("not an export: the file is not UTF-8") from None
    except OSError as exc:
        raise ImportError_(f"cannot read: {exc.strerror}") from None
    if not isinstance(document, dict):
        raise ImportError_("not an export: the document is not a JSON object")
    yield "archive", {k: v for k, v in document.items() if k not in SECTIONS.values()}
    for kind, section in SECTIONS.items():
        items = document.get(section, [])
        if not isinstance(items, list):
            raise ImportError_(f"{section} must be a list")
        yield from ((kind, item) for item in items)
    yield "end", {"counts": document.get("counts")}


def _aliases(owner: str, owner_id: int, items: Iterable[dict]) -> list[Alias]:
    return [
        Alias(
            **{f"{owner}_id": owner_id},
            text=a["text"],
            language=a["language"],
            exclude_before=a.get("exclude_before", ""),
            exclude_after=a.get("exclude_after", ""),
        )
        for a in items
    ]


class _Loader:
    def __init__(self):
        self.result = ImportResult()
        self.pending: dict[type, list] = {}

    def add(self, model, rows: list) -> None:
        self.pending.setdefault(model, []).extend(rows)
        if len(self.pending[model]) >= BATCH:
            self.flush(model)

    def flush(self, *models) -> None:
        for model in models or list(self.pending):
            rows = self.pending.pop(model, [])
            if rows:
                model.objects.bulk_create(rows, batch_size=BATCH)

    def speaker(self, item: dict) -> None:
        fields = {k: item[k] for k in export.SPEAKER_FIELDS}
        self.add(Speaker, [Speaker(**fields)])
        self.flush(Speaker)
        self.add(Alias, _aliases("speaker", item["id"], item.get("aliases", [])))
        # a group's members may come later in the file: the links are written at the end
        self.add(
            Speaker.members.through,
            [
                Speaker.members.through(from_speaker_id=item["id"], to_speaker_id=m)
                for m in item.get("members", [])
            ],
        )
        self.result.counts["speakers"] += 1

    def topic(self, item: dict) -> None:
        self.flush(Alias)
        fields = {k: item[k] for k in export.TOPIC_FIELDS}
        self.add(Topic, [Topic(**fields, speaker_id=item.get("speaker"))])
        self.flush(Topic)
        self.add(Alias, _aliases("topic", item["id"], item.get("aliases", [])))
        self.result.counts["topics"] += 1

    def meeting(self, item: dict) -> None:
        self.flush(Alias)
        source = item["source"]
        size = len(source["text"].encode("utf-8", "surrogatepass"))
        if size > MAX_DOCUMENT_BYTES or len(item["passages"]) > MAX_PARAGRAPHS:
            raise ImportError_(
                f"meeting {item['id']}: its source ({size:,} bytes, {len(item['passages']):,} "
                f"passages) is larger than a report can be ({MAX_DOCUMENT_BYTES:,} bytes, "
                f"{MAX_PARAGRAPHS:,} paragraphs)"
            )
        Source.objects.create(
            **{k: source[k] if k in source else SOURCE_DEFAULTS[k] for k in export.SOURCE_FIELDS}
        )
        Meeting.objects.create(
            **{k: item[k] for k in export.MEETING_FIELDS},
            source_id=source["id"],
            status=Meeting.Status.PUBLISHED,
        )
        self.add(
            Participation,
            [
                Participation(meeting_id=item["id"], speaker_id=p["speaker"], role=p["role"])
                for p in item["participants"]
            ],
        )
        self.add(
            Passage,
            [
                Passage(meeting_id=item["id"], **{k: p[k] for k in export.PASSAGE_FIELDS})
                for p in item["passages"]
            ],
        )
        self.flush(Passage)
        claim_fields = [f for f in export.CLAIM_FIELDS if f not in ("passage", "speaker", "topics")]
        claims, links = [], []
        for c in item["claims"]:
            claims.append(
                Claim(
                    meeting_id=item["id"],
                    passage_id=c["passage"],
                    speaker_id=c["speaker"],
                    **{k: c[k] for k in claim_fields},
                )
            )
            links += [Claim.topics.through(claim_id=c["id"], topic_id=t) for t in c["topics"]]
        # Tags before their claims (the foreign key is checked at commit): each claim's insert
        # trigger then reads its tags into topic_ids, and no claim is written twice.
        self.add(Claim.topics.through, links)
        self.flush(Claim.topics.through)
        self.add(Claim, claims)
        self.flush(Claim)
        self.result.counts["meetings"] += 1
        self.result.counts["passages"] += len(item["passages"])
        self.result.counts["claims"] += len(claims)


def check_empty() -> None:
    for model in (Source, Meeting, Passage, Claim):
        if model.objects.exists():
            raise ImportError_(
                f"the database is not empty ({model._meta.verbose_name_plural} exist): "
                "an export loads only into a freshly migrated database"
            )


def _check_header(header: dict) -> None:
    if header.get("format") != export.FORMAT_NAME:
        raise ImportError_(f"not an export: format is {header.get('format')!r}")
    if header.get("version") != export.VERSION:
        raise ImportError_(
            f"export version {header.get('version')!r} is not supported "
            f"(this archive reads version {export.VERSION})"
        )


def import_export(path: Path) -> ImportResult:
    """Load the export at `path`; raise ImportError_ (and write nothing) when it cannot be."""
    loader = _Loader()
    try:
        with transaction.atomic():
            check_empty()
            # The reference rows of migration 0004 give way to the export's own.
            Alias.objects.all().delete()
            Topic.objects.all().delete()
            Speaker.objects.all().delete()
            items = read_items(path)
            kind, header = next(items, ("", {}))
            if kind != "archive":
                raise ImportError_("not an export: no archive header")
            _check_header(header)
            trailer = None
            for kind, item in items:
                if kind == "end":
                    trailer = item.get("counts")
                    break
                handler = getattr(loader, kind, None) if kind in SECTIONS else None
                if handler is None:
                    raise ImportError_(f"unknown object type {kind!r}")
                handler(item)
            loader.flush(Alias, Claim.topics.through, Participation, Claim, Passage)
            loader.flush(Speaker.members.through)
            if trailer != loader.result.counts:
                raise ImportError_(
                    f"the file is incomplete or altered: it announces {trailer}, "
                    f"holds {loader.result.counts}"
                )
            _reset_sequences()
    except ImportError_:
        raise
    except (KeyError, TypeError, AttributeError, ValueError, ValidationError) as exc:
        raise ImportError_(f"not a valid export: missing or malformed field {exc}") from None
    except DatabaseError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ImportError_(f"the database refused the export: {first_line}") from None
    return loader.result


def _reset_sequences() -> None:
    models = [Source, Meeting, Speaker, Topic, Alias, Participation, Passage, Claim]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def load_for_command(command, path: str, other_paths) -> None:
    """`manage.py ingest --from-export FILE`: load, report counts, or fail with one line."""
    from django.core.management.base import CommandError

    if other_paths:
        raise CommandError("--from-export takes one export file and no other paths")
    try:
        result = import_export(Path(path))
    except ImportError_ as exc:
        raise CommandError(f"{path}: {exc}") from None
    counts = ", ".join(f"{n} {name}" for name, n in result.counts.items())
    command.stdout.write(command.style.SUCCESS(f"Loaded the export {path}: {counts}."))
