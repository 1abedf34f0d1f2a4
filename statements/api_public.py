"""What the public (the API and the export) may see, as querysets: selectors, no rendering.

Claims come from `Claim.objects.public()` (published meetings, not rejected), meetings from
`Meeting.objects.published()`. A speaker is public when it is reference data (not provisional)
or appears in a published meeting: a provisional speaker made while ingesting a draft stays
hidden with its draft.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from statements.models import Claim, Meeting, Participation, Passage, Speaker, Topic


def public_meetings() -> QuerySet:
    return Meeting.objects.published()


def public_claims() -> QuerySet:
    return Claim.objects.public()


def public_passages() -> QuerySet:
    return Passage.objects.filter(meeting__status=Meeting.Status.PUBLISHED)


def public_participations() -> QuerySet:
    return Participation.objects.filter(meeting__status=Meeting.Status.PUBLISHED)


def public_speakers() -> QuerySet:
    return Speaker.objects.filter(
        Q(is_provisional=False)
        | Exists(public_claims().filter(speaker=OuterRef("pk")))
        | Exists(public_participations().filter(speaker=OuterRef("pk")))
    )


def public_topics() -> QuerySet:
    """Topics are reference data (made from aliases, never from a draft's text): all public."""
    return Topic.objects.all()
