"""What the ingest asks of statements/speakers: the speakers of a document's participants and
of the subjects the extractor could not resolve through aliases. statements/ingest/service.py
calls `resolve_ref`, and nothing else of this package."""

from __future__ import annotations

from statements.models import Speaker
from statements.speakers.resolve import Resolver


def resolve_ref(ref, context):
    """The Resolution of a subject the extractor has taken apart (duck-typed: `kind`, `name`,
        `role`, `members`: statements.ingest.mentions.SpeakerRef) on the context's day, among its
        participants (`date`, `participant_ids`, `country` the report is datelined from:
    statements.ingest.service.SpeakerContext). The
        extractor follows the document's entities itself and asks once for each, so a resolver
        lives for one call."""
    resolver = Resolver(context.date, context.participant_ids, getattr(context, "country", ""))
    if ref is None or not getattr(ref, "name", ""):
        return resolver.resolve("")
    if ref.kind == "group" and ref.members:
        people = list(Speaker.objects.filter(pk__in=ref.members))
        return resolver._group_of(people, [])
    if ref.kind == "unnamed":  # "حکام", "سفارتی ذرائع": nobody in particular
        return resolver.resolve("")
    role = own_role(ref.role) if ref.role and ref.role not in ref.name else ""
    found = resolver.resolve(" ".join(filter(None, [role, ref.name])))
    if ref.kind == "organisation" and found.created and found.speaker.kind == Speaker.Kind.PERSON:
        found.speaker.kind = Speaker.Kind.ORGANISATION  # a new body the extractor saw speak
        found.speaker.save(update_fields=["kind"])
    return found


def own_role(role: str) -> str:
    """The role words of one person: a phrase the extractor read across "X اور Y کے صدر" keeps
    what follows the last "اور" (which joins two people; "و" joins one person's offices)."""
    words = role.split()
    return " ".join(words[len(words) - words[::-1].index("اور") :]) if "اور" in words else role
