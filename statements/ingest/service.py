"""The ingest service: one document in, one meeting with its passages and claims written, in one
transaction. Used by `manage.py ingest` and by the editors' admin alike.
"""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from statements import urdu
from statements.ingest.extract import (
    REVIEW_BELOW,
    TITLE,
    AliasIndex,
    ExtractedClaim,
    SpeakerRef,
    extract,
    participants,
    passages_of,
)
from statements.ingest.metadata import SourceInfo
from statements.ingest.parse import ParsedDocument, parse_document
from statements.ingest.tokens import tokenize
from statements.models import Alias, Claim, Meeting, Participation, Passage, Source, Speaker, Topic
from statements.speakers import attribution, refdata

RETAG_CHUNK = 2000  # claims read, checked and tagged at a time

UNIDENTIFIED_SPEAKER = {
    "slug": "unidentified",
    "name": "نامعلوم",
    "name_en": "Unidentified speaker",
}


@dataclass
class IngestResult:
    meeting: Meeting
    status: str  # "created", "unchanged" (same bytes as before) or "new-version"
    passages: int = 0
    claims: int = 0
    needs_review: int = 0
    message: str = ""


def load_alias_index() -> AliasIndex:
    rows = Alias.objects.values(
        "text", "speaker_id", "speaker__kind", "topic_id", "exclude_before", "exclude_after"
    )
    topic_of_speaker = dict(
        Topic.objects.filter(speaker__isnull=False).values_list("speaker_id", "id")
    )
    places = Topic.objects.filter(
        kind__in=[Topic.Kind.COUNTRY, Topic.Kind.PLACE, Topic.Kind.ORGANISATION]
    ).values_list("id", flat=True)
    return AliasIndex.build(rows, topic_of_speaker, frozenset(places))


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
            found = index.topics([t.key for t in tokenize(text) if t.word])
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


@dataclass(frozen=True)
class SpeakerContext:
    """What the document tells about the speakers beyond a subject: the day of the meeting (an
    office names whoever held it then) and who took part."""

    date: datetime.date
    participant_ids: tuple[int, ...] = ()
    country: str = ""  # where the report is datelined from: an office or ministry of no
    # country named is that country's


def _home_country(doc: ParsedDocument) -> str:
    """The country of the first capital the report's first dateline names ("نئی دہلی:"; of
    "اسلام آباد/نئی دہلی", where the story was filed first), or ""."""
    capitals = refdata.capitals()
    for index in sorted(doc.datelines)[:1]:
        dateline = doc.text[doc.paragraphs[index].start : doc.datelines[index]]
        words = re.findall(r"\w+", urdu.fold(dateline))
        for i in range(len(words)):
            for n in (3, 2, 1):
                if code := capitals.get(" ".join(words[i : i + n])):
                    return code
    return ""


@dataclass(frozen=True)
class Resolved:
    """The speaker a subject was taken to be, and what an editor should know about that."""

    speaker: Speaker
    note: str = ""
    confidence: float = 1.0
    rule: str = "provisional"
    created: bool = False


RESOLVED_BY = ("person", "role", "organisation")  # the kinds statements/speakers resolves


def _resolve(subject: SpeakerRef | None, context: SpeakerContext) -> Resolved:
    """The Speaker for a subject the aliases do not resolve. `subject` says what the document
    names: a person's bare name and office ("شی جن پنگ", "چین کے صدر"), an office alone
    ("وزیر خارجہ"), an organisation, unnamed officials ("سفارتی ذرائع") or the participants
    jointly (`members`). People, offices and organisations go to statements/speakers (known
    speakers by any spelling, offices by who held them that day, else a provisional record
    named by the bare name, never by a role); unnamed officials and groups keep a record of
    their own, below."""
    if subject is not None and subject.name and subject.kind in RESOLVED_BY:
        found = attribution.resolve_ref(subject, context)
        return Resolved(found.speaker, found.note, found.confidence, found.rule, found.created)
    if subject is None or not subject.name:
        speaker, _ = Speaker.objects.get_or_create(
            slug=UNIDENTIFIED_SPEAKER["slug"],
            defaults={**UNIDENTIFIED_SPEAKER, "is_provisional": True},
        )
        return Resolved(speaker, rule="unidentified")
    if subject.kind == "group" and subject.members:
        return Resolved(_group_speaker(subject), rule="group")
    name = subject.name[:200]
    same = Speaker.objects.filter(name=name, kind=Speaker.Kind.GROUP, is_provisional=True).first()
    if same is not None:
        return Resolved(same)
    speaker = Speaker.objects.create(
        name=name,
        role=subject.role[:200],
        kind=Speaker.Kind.GROUP,
        slug=_unique_slug(Speaker, slugify(name, allow_unicode=True)),
        is_provisional=True,
    )
    return Resolved(speaker, created=True)


def _group_speaker(subject: SpeakerRef) -> Speaker:
    """The participants jointly: one group record for each set of members."""
    members = sorted(set(subject.members))
    for group in Speaker.objects.filter(kind=Speaker.Kind.GROUP, members__in=members).distinct():
        if sorted(group.members.values_list("pk", flat=True)) == members:
            return group
    names = dict(Speaker.objects.filter(pk__in=members).values_list("pk", "name"))
    name = " و ".join(names[m] for m in members)[:200]
    group = Speaker.objects.create(
        name=name,
        kind=Speaker.Kind.GROUP,
        slug=_unique_slug(Speaker, slugify(name, allow_unicode=True) or "group"),
        is_provisional=True,
    )
    group.members.set(members)
    return group


def ingest_document(
    data: bytes | str,
    *,
    origin: str,
    publish: bool,
    date: datetime.date | None = None,
    retrieved_at: datetime.datetime | None = None,
    parsed: ParsedDocument | None = None,
    info: SourceInfo | None = None,
) -> IngestResult:
    """Parse, extract and save one document atomically. The same bytes again change nothing.

    `info` is what is known of the report (publisher, URL, publication date, languages); a
    changed version given none keeps its previous version's. A changed version of a document
    already here starts as a draft: an editor compares and publishes it, so two published
    versions never appear by surprise."""
    doc = parsed or parse_document(data, date=date)
    existing = Source.objects.filter(sha256=doc.sha256).select_related("meeting").first()
    if existing is not None:
        return IngestResult(
            meeting=existing.meeting, status="unchanged", message="already ingested"
        )
    with transaction.atomic():
        source = _save_source(doc, origin, retrieved_at, info)
        previous = source.previous_version
        aliases = load_alias_index()
        home = _home_country(doc)
        context = SpeakerContext(doc.date, country=home)
        present = _participants(doc, aliases, context)
        context = SpeakerContext(doc.date, tuple(p.speaker_id for p in present), home)
        meeting = _save_meeting(doc, source, present, publish=publish and previous is None)
        all_names = dict(Speaker.objects.values_list("id", "name_en"))
        extracted = extract(doc, aliases, present, all_names)
        passages = _save_passages(meeting, doc, extracted)
        claims = _save_claims(meeting, doc, passages, extracted, context)
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


def _save_source(doc: ParsedDocument, origin: str, retrieved_at, info: SourceInfo | None):
    """The verbatim text, as a new version when a document of that origin is already here
    (with that version's metadata unless `info` says otherwise)."""
    previous = Source.objects.filter(origin=origin).order_by("-version").first()
    if info is None and previous is not None:
        info = SourceInfo(**{k: getattr(previous, k) for k in SourceInfo().as_fields()})
    return Source.objects.create(
        text=doc.text,
        sha256=doc.sha256,
        origin=origin,
        retrieved_at=retrieved_at,
        version=previous.version + 1 if previous else 1,
        previous_version=previous,
        **(info or SourceInfo()).as_fields(),
    )


def _participants(doc: ParsedDocument, aliases: AliasIndex, context: SpeakerContext):
    """Who met, as the title names them; a name no alias resolves gets a provisional speaker."""
    present = participants(doc, aliases)
    for participant in present:
        if participant.speaker_id is None:
            speaker = _resolve(participant.ref, context).speaker
            participant.speaker_id = speaker.id
            participant.provisional = speaker.is_provisional
    return present


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
    roles = {p.speaker_id: attribution.own_role(p.role)[:100] for p in reversed(present)}
    Participation.objects.bulk_create(
        Participation(meeting=meeting, speaker_id=i, role=roles.get(i, "")) for i in participant_ids
    )
    return meeting


def _save_passages(meeting: Meeting, doc: ParsedDocument, extracted) -> dict[int, Passage]:
    """The paragraphs (and the title, when a claim lies in it), by paragraph index."""
    spans = passages_of(doc, extracted)
    passages = Passage.objects.bulk_create(
        Passage(meeting=meeting, position=i + 1, start=p.start, end=p.end, text=doc.slice(p))
        for i, p in enumerate(spans)
    )
    if len(spans) > len(doc.paragraphs):
        return {TITLE: passages[0], **dict(enumerate(passages[1:]))}
    return dict(enumerate(passages))


def _speakers_of(extracted: list[ExtractedClaim], context: SpeakerContext) -> list[int]:
    """Each claim's speaker id: known ones as they are, one resolution per entity of the
    document. A claim whose subject was resolved here takes the resolution's review note and
    is no surer than it."""
    made: dict[tuple, Resolved] = {}
    ids = []
    for item in extracted:
        if item.speaker_id is not None:
            ids.append(item.speaker_id)
            continue
        ref = item.speaker
        identity = (ref.kind, ref.identity or ref.name, ref.members) if ref else ("none",)
        if identity not in made:
            made[identity] = _resolve(ref, context)
        found = made[identity]
        ids.append(found.speaker.id)
        if ref is None or ref.kind not in RESOLVED_BY:
            continue
        if not found.created:  # a new record is not in doubt: the attribution's own figure
            item.confidence = round(min(item.confidence, found.confidence), 2)
        notes = [item.review_note, found.note]
        outsider = found.speaker.id not in context.participant_ids
        if not found.note and context.participant_ids and outsider and found.rule in NAMED_RULES:
            notes.append(
                f"the named speaker ({found.speaker}, «{item.subject}») is not a "
                "participant of this meeting; the source may mean another speaker"
            )
        if item.confidence < REVIEW_BELOW and not any(notes):
            notes.append(f"attribution confidence {item.confidence:.2f} ({found.rule})")
        item.review_note = "; ".join(dict.fromkeys(filter(None, notes)))
    return ids


NAMED_RULES = ("alias", "name", "surname")  # a name found elsewhere in the archive


def _subject_fits(item: ExtractedClaim) -> bool:
    return item.subject_start is not None and 0 < len(item.subject) <= 300


def _save_claims(meeting, doc, passages, extracted, context) -> list[Claim]:
    """The extracted claims (a provisional speaker for each unresolved subject) and their tags."""
    claims = []
    for item, speaker_id in zip(extracted, _speakers_of(extracted, context), strict=True):
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
                attribution=item.attribution[:60],
                subject_text=item.subject if _subject_fits(item) else "",
                subject_start=item.subject_start if _subject_fits(item) else None,
                subject_end=item.subject_end if _subject_fits(item) else None,
                confidence=item.confidence,
                review_status=(
                    Claim.ReviewStatus.NEEDS_REVIEW
                    if item.needs_review
                    else Claim.ReviewStatus.EXTRACTED
                ),
                review_note=item.review_note,
            )
        )
    Claim.objects.bulk_create(claims)
    Claim.topics.through.objects.bulk_create(
        Claim.topics.through(claim_id=claim.id, topic_id=topic_id)
        for claim, item in zip(claims, extracted, strict=True)
        for topic_id in sorted(item.topic_ids)
    )
    return claims
