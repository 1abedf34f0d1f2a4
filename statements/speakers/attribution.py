"""What the ingest asks of statements/speakers: the speakers of a document's participants and
of the subjects the extractor could not resolve through aliases (statements/ingest/service.py
calls these two functions, and nothing else of this package)."""

from __future__ import annotations

import datetime

from statements.models import Speaker
from statements.speakers import subject
from statements.speakers.resolve import Resolver


def resolve_participants(date: datetime.date, present) -> Resolver:
    """Give each participant the title names but no alias resolves its speaker (a known one by
    name or by the office held that day, else a provisional one); returns the document's
    resolver, which knows them all."""
    resolver = Resolver(date, [p.speaker_id for p in present if p.speaker_id])
    for participant in present:
        if participant.speaker_id is None:
            found = resolver.resolve(participant.phrase)
            participant.speaker_id = found.speaker.id
            participant.provisional = found.speaker.is_provisional
            resolver.participants.append(found.speaker)
    return resolver


def claim_speaker(resolver: Resolver, subject: str, present: set[int]) -> tuple[int, str, float]:
    """(speaker id, review note or "", confidence) for a claim whose subject, as the source
    names it, no alias resolved."""
    found = resolver.resolve(subject)
    resolver.earlier.append(found.speaker.pk)
    note = found.note
    if not note and found.speaker.pk not in present:
        note = (
            f"the named speaker ({found.speaker}, «{subject}») is not a participant of this "
            "meeting; the source may mean another speaker"
        )
    return found.speaker.pk, note, found.confidence


def participation_role(participant) -> str:
    """The role words of the participant's phrase in the title ("چینی صدر"), for the
    participation: the speaker's name never holds them."""
    return subject.parse(participant.phrase).role[:100] if participant.phrase else ""


def claim_resolved(resolver: Resolver, speaker_id: int) -> None:
    """A claim whose speaker the aliases resolved: a later bare title may refer to them."""
    resolver.earlier.append(speaker_id)


# --- for the extractor of issue 14 --------------------------------------------------------------
# Its service calls `_provisional_speaker(subject, context)` with a SpeakerRef (kind, name, role,
# members: statements/ingest/mentions.py) and a SpeakerContext (date, participant_ids). These
# give it the resolver: `_provisional_speaker` becomes `attribution.resolve_ref(subject,
# context).speaker`.


def resolve_ref(ref, context):
    """The Resolution of a subject the extractor has taken apart (duck-typed: `kind`, `name`,
    `role`, `members`), on the context's day, among its participants."""
    resolver = Resolver(context.date, context.participant_ids)  # that extractor tracks the
    # document's entities itself, and calls this once for each
    if ref is None or not getattr(ref, "name", ""):
        return resolver.resolve("")
    if ref.kind == "group" and ref.members:
        people = list(Speaker.objects.filter(pk__in=ref.members))
        return resolver._group_of(people, [])
    if ref.kind == "unnamed":  # "حکام", "سفارتی ذرائع": nobody in particular
        return resolver.resolve("")
    return resolver.resolve(" ".join(filter(None, [ref.role, ref.name])))
