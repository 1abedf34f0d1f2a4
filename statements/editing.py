"""Editors' changes, as services: review status, reattribution, splitting a claim, publishing and
unpublishing meetings, adding a meeting from its document.

The admin's actions call these; so may a command or a test, and the rules hold whoever calls:
each change is one transaction over locked rows, every row is saved through its model (so
django-simple-history records it, with the editor when a request is in progress and the reason
given here), and nothing is half written. The functions return what they changed, so that the
caller can report it (the admin logs each change and says how many there were).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from statements.ingest.metadata import SourceInfo
from statements.ingest.service import IngestResult, ingest_document
from statements.models import Claim, Meeting, Speaker

Status = Claim.ReviewStatus


def set_review_status(claims: QuerySet, status: str, *, editor: str, reason: str) -> list[Claim]:
    """Give `claims` the review status `status`. A claim marked as needing review without a
    note gets one naming `editor` (the database requires a reason for that status)."""
    changed = []
    with transaction.atomic():
        for claim in _locked(claims):
            claim.review_status = status
            if status == Status.NEEDS_REVIEW and not claim.review_note:
                claim.review_note = f"marked for review by {editor}"
            claim._change_reason = reason
            claim.save(update_fields=["review_status", "review_note", "updated_at"])
            changed.append(claim)
    return changed


def reattribute(claims: QuerySet, speaker: Speaker) -> list[Claim]:
    """Attribute `claims` to `speaker`, as an editor's decision: attribution `editor`, and the
    claims count as reviewed (accepted)."""
    changed = []
    with transaction.atomic():
        for claim in _locked(claims):
            claim.speaker = speaker
            claim.attribution = "editor"
            claim.review_status = Status.ACCEPTED
            claim._change_reason = f"reattributed to {speaker}"
            claim.save()
            changed.append(claim)
    return changed


def split_claim(claim: Claim, first: tuple[int, int], second: tuple[int, int]) -> Claim:
    """Cut `claim` into two claims of the same speaker; both keep text == source[start:end].
    Returns the new (second) claim."""
    text = claim.meeting.source.text
    with transaction.atomic():
        topics = list(claim.topics.all())
        rest = Claim.objects.get(pk=claim.pk)
        rest.pk = rest.id = None
        rest._state.adding = True
        rest.start, rest.end = second
        rest.text = text[second[0] : second[1]]
        rest.attribution = "editor:split"
        rest._change_reason = f"split from claim {claim.pk}"
        rest.save()
        rest.topics.set(topics)
        claim.start, claim.end = first
        claim.text = text[first[0] : first[1]]
        claim._change_reason = f"split: the rest became claim {rest.pk}"
        claim.save()
    return rest


def set_meeting_status(meetings: QuerySet, status: str) -> list[Meeting]:
    """Publish or unpublish `meetings`: each saved, so its history records who and when;
    meetings already in that status are left alone."""
    changed = []
    publish = status == Meeting.Status.PUBLISHED
    with transaction.atomic():
        for meeting in _locked(meetings, Meeting):
            if meeting.status == status:
                continue
            meeting.status = status
            meeting.published_at = timezone.now() if publish else None
            meeting._change_reason = "published" if publish else "unpublished"
            meeting.save()
            changed.append(meeting)
    return changed


@dataclass(frozen=True)
class PublicationCheck:
    """What publishing `meeting` would show before an editor finished with it."""

    meeting: Meeting
    claims: int
    needs_review: int  # claims still marked as needing review
    unnamed: list[Speaker]  # provisional speakers (of its claims or participants), no English name


def publication_checks(meetings: QuerySet) -> list[PublicationCheck]:
    """For each meeting, its claims, those still needing review, and the provisional speakers
    without an English name that the public pages would show by their Urdu name alone."""
    checks = []
    for meeting in meetings.order_by("-date", "id"):
        claims = Claim.objects.filter(meeting=meeting).exclude(review_status=Status.REJECTED)
        unnamed = Speaker.objects.filter(
            Q(claims__in=claims) | Q(participation__meeting=meeting),
            is_provisional=True,
            name_en="",
        ).distinct()
        checks.append(
            PublicationCheck(
                meeting,
                claims.count(),
                claims.filter(review_status=Status.NEEDS_REVIEW).count(),
                list(unnamed.order_by("name")),
            )
        )
    return checks


def add_meeting_from_document(
    data: str | bytes,
    *,
    origin: str,
    date: datetime.date | None,
    user,
    info: SourceInfo | None = None,
) -> IngestResult:
    """Ingest a document (the report `info` describes) as a draft meeting and start the
    history of what it wrote, in the name of `user`."""
    with transaction.atomic():
        result = ingest_document(data, origin=origin, publish=False, date=date, info=info)
        if result.status != "unchanged":
            reason = f"added from a document by {user.get_username()}"
            Meeting.history.bulk_history_create(
                [result.meeting], default_user=user, default_change_reason=reason
            )
            claims = list(Claim.objects.filter(meeting=result.meeting))
            Claim.history.bulk_history_create(
                claims, default_user=user, default_change_reason=reason
            )
    return result


def _locked(queryset: QuerySet, model=Claim):
    """The rows of `queryset`, re-read and locked (in id order, so two editors never deadlock)."""
    return model.objects.filter(pk__in=queryset.values("pk")).order_by("pk").select_for_update()
