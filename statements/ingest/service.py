"""The ingest service: one document in, one meeting with its passages and claims written, in one
transaction. Used by `manage.py ingest` and by the editors' admin alike.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from statements.ingest.extract import AliasIndex, extract, participants, tokenize
from statements.ingest.parse import ParsedDocument, Span, parse_document
from statements.models import Alias, Claim, Meeting, Participation, Passage, Source, Speaker, Topic
from statements.speakers import attribution

RETAG_CHUNK = 2000  # claims read, checked and tagged at a time


@dataclass
class IngestResult:
    meeting: Meeting
    status: str  # "created", "unchanged" (same bytes as before) or "new-version"
    passages: int = 0
    claims: int = 0
    needs_review: int = 0
    message: str = ""


def load_alias_index() -> AliasIndex:
    rows = Alias.objects.values("text", "speaker_id", "topic_id", "exclude_before", "exclude_after")
    topic_of_speaker = dict(
        Topic.objects.filter(speaker__isnull=False).values_list("speaker_id", "id")
    )
    return AliasIndex.build(rows, topic_of_speaker)


def retag_claims(claims, topic_ids: set[int] | None = None, *, dry_run: bool = False):
    """Tag `claims` with the topics the current aliases find in their text, as the ingest does
    (exclusions included), for claims ingested before an alias or topic existed. Only `topic_ids`
    when given. Tags are only added, never removed: an editor may have removed one on purpose.
    Returns (tags added, claims changed); with `dry_run`, what would be added.

    Each chunk is committed by itself (call it outside a transaction): a tag rewrites its claim
    row (topic_ids, migration 0009) and holds the row's lock until commit, so an editor saving
    one of those claims waits for one chunk, not for the whole archive. An interrupted run has
    added some tags; running it again adds the rest."""
    index = load_alias_index()
    through = Claim.topics.through
    tags = changed = 0
    rows = claims.order_by("pk").values_list("pk", "text", "topic_ids")
    rows = rows.iterator(chunk_size=RETAG_CHUNK)
    while chunk := list(itertools.islice(rows, RETAG_CHUNK)):
        new = []
        for pk, text, have in chunk:
            found = index.topics([t.key for t in tokenize(text, Span(0, len(text)))])
            if topic_ids is not None:
                found &= topic_ids
            new += [(pk, topic) for topic in found - set(have)]
        tags += len(new)
        changed += len({pk for pk, _ in new})
        if not dry_run:
            with transaction.atomic():
                through.objects.bulk_create(
                    [through(claim_id=c, topic_id=t) for c, t in new], ignore_conflicts=True
                )
    return tags, changed


def _unique_slug(model, base: str, max_length: int = 180) -> str:
    base = (base or "item")[:max_length].strip("-") or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def ingest_document(
    data: bytes | str,
    *,
    origin: str,
    publish: bool,
    date: datetime.date | None = None,
    retrieved_at: datetime.datetime | None = None,
    parsed: ParsedDocument | None = None,
) -> IngestResult:
    """Parse, extract and save one document atomically. The same bytes again change nothing.

    A changed version of a document already here starts as a draft: an editor compares and
    publishes it, so two published versions never appear by surprise."""
    doc = parsed or parse_document(data, date=date)
    existing = Source.objects.filter(sha256=doc.sha256).select_related("meeting").first()
    if existing is not None:
        return IngestResult(
            meeting=existing.meeting, status="unchanged", message="already ingested"
        )
    with transaction.atomic():
        source = _save_source(doc, origin, retrieved_at)
        previous = source.previous_version
        aliases = load_alias_index()
        present = participants(doc, aliases)
        resolver = attribution.resolve_participants(doc.date, present)
        meeting = _save_meeting(doc, source, present, publish=publish and previous is None)
        passages = _save_passages(meeting, doc)
        all_names = dict(Speaker.objects.values_list("id", "name_en"))
        extracted = extract(doc, aliases, present, all_names)
        claims = _save_claims(meeting, doc, passages, extracted, resolver, present)
    message = ""
    if previous is not None:
        message = (
            f"a changed version (v{source.version}) of {origin}: saved as a draft beside "
            f"{previous.meeting.slug}; review and publish it in the admin"
        )
    return IngestResult(
        meeting=meeting,
        status="new-version" if previous else "created",
        passages=len(passages),
        claims=len(claims),
        needs_review=sum(1 for c in extracted if c.needs_review),
        message=message,
    )


def _save_source(doc: ParsedDocument, origin: str, retrieved_at) -> Source:
    """The verbatim text, as a new version when a document of that origin is already here."""
    previous = Source.objects.filter(origin=origin).order_by("-version").first()
    return Source.objects.create(
        text=doc.text,
        sha256=doc.sha256,
        origin=origin,
        retrieved_at=retrieved_at,
        version=previous.version + 1 if previous else 1,
        previous_version=previous,
    )


def _save_meeting(doc: ParsedDocument, source: Source, present, *, publish: bool) -> Meeting:
    participant_ids = list(dict.fromkeys(p.speaker_id for p in present))
    speakers = Speaker.objects.in_bulk(participant_ids)
    names_en = [speakers[i].name_en or speakers[i].name for i in participant_ids]
    title_en = "Meeting of " + " and ".join(names_en) if len(names_en) > 1 else ""
    slug_base = "-".join([doc.date.isoformat(), *filter(None, map(slugify, names_en))])
    meeting = Meeting.objects.create(
        source=source,
        title=doc.title,
        title_en=title_en,
        date=doc.date,
        duration_minutes=doc.duration_minutes,
        duration_text=doc.duration_text,
        status=Meeting.Status.PUBLISHED if publish else Meeting.Status.DRAFT,
        published_at=timezone.now() if publish else None,
        slug=_unique_slug(
            Meeting, slug_base if "-" in slug_base[10:] else f"{slug_base}-{doc.sha256[:8]}"
        ),
    )
    roles = {p.speaker_id: attribution.participation_role(p) for p in reversed(present)}
    Participation.objects.bulk_create(
        Participation(meeting=meeting, speaker_id=i, role=roles[i]) for i in participant_ids
    )
    return meeting


def _save_passages(meeting: Meeting, doc: ParsedDocument) -> list[Passage]:
    return Passage.objects.bulk_create(
        Passage(meeting=meeting, position=i + 1, start=p.start, end=p.end, text=doc.slice(p))
        for i, p in enumerate(doc.paragraphs)
    )


def _save_claims(meeting, doc, passages, extracted, resolver, present) -> list[Claim]:
    """The extracted claims (statements/speakers resolves each subject no alias resolved) and
    their tags."""
    claims = []
    present_ids = {p.speaker_id for p in present}
    for item in extracted:
        confidence = 1.0
        if item.speaker_id is None:
            item.speaker_id, item.review_note, confidence = attribution.claim_speaker(
                resolver, item.subject, present_ids
            )
        else:
            attribution.claim_resolved(resolver, item.speaker_id)
        speaker_id = item.speaker_id
        claims.append(
            Claim(
                meeting=meeting,
                passage=passages[item.paragraph],
                speaker_id=speaker_id,
                text=doc.text[item.start : item.end],
                start=item.start,
                end=item.end,
                kind=item.kind,
                reporting_phrase=item.reporting_phrase[:300],
                attribution=item.attribution,
                review_status=(
                    Claim.ReviewStatus.NEEDS_REVIEW
                    if item.needs_review
                    else Claim.ReviewStatus.EXTRACTED
                ),
                review_note=item.review_note,
                confidence=confidence,
            )
        )
    Claim.objects.bulk_create(claims)
    Claim.topics.through.objects.bulk_create(
        Claim.topics.through(claim_id=claim.id, topic_id=topic_id)
        for claim, item in zip(claims, extracted, strict=True)
        for topic_id in sorted(item.topic_ids)
    )
    return claims
