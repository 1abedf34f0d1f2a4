"""Editors' changes, as services: review status, reattribution, splitting a claim, publishing and
unpublishing meetings, adding a meeting from its document, merging two speakers (and undoing
a merge).

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
from django.db.models import Q, QuerySet, Value
from django.utils import timezone

from statements.ingest.metadata import SourceInfo
from statements.ingest.service import IngestResult, ingest_document
from statements.models import (
    Alias,
    Claim,
    Meeting,
    Participation,
    ReferenceRecord,
    Role,
    Speaker,
    SpeakerMerge,
    Topic,
    UrduNormalize,
)

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


# --- merging speakers ---------------------------------------------------------------------------

FILLED = ("name_en", "role", "role_en", "country", "wikidata_id")  # blanks the merged one fills


def merge_speakers(merged: Speaker, survivor: Speaker, *, user=None) -> SpeakerMerge:
    """One person, one speaker: `merged`'s claims, aliases (and its names, as aliases),
    participations, roles, group memberships, person topic and reference record move to
    `survivor`, whose empty fields it fills; `merged` is deleted. Every row moves through its
    model, so each history says so; the returned SpeakerMerge lists what moved, so that
    `undo_merge` puts it back, and makes the merged speaker's URL redirect to the survivor's."""
    if merged.pk == survivor.pk:
        raise ValueError("a speaker cannot be merged into itself")
    reason = f"merged speaker {merged} (id {merged.pk}) into {survivor} (id {survivor.pk})"
    with transaction.atomic():
        rows = _locked(Speaker.objects.filter(pk__in=[merged.pk, survivor.pk]), Speaker)
        rows = {row.pk: row for row in rows}
        merged, survivor = rows[merged.pk], rows[survivor.pk]
        moved = {
            "claims": _move(Claim.objects.filter(speaker=merged), "speaker", survivor, reason),
            "roles": _move(Role.objects.filter(speaker=merged), "speaker", survivor, reason),
            **_move_aliases(merged, survivor, reason),
            **_move_participations(merged, survivor, reason),
            "groups": _move_memberships(merged, survivor),
            "topics": _move(Topic.objects.filter(speaker=merged), "speaker", survivor, reason)
            if not Topic.objects.filter(speaker=survivor).exists()
            else [],
            "references": list(
                ReferenceRecord.objects.filter(speaker=merged).values_list("pk", flat=True)
            ),
            "filled": _fill_blanks(merged, survivor),
        }
        ReferenceRecord.objects.filter(pk__in=moved["references"]).update(speaker=survivor)
        # pages of speakers merged into this one before now redirect to the survivor
        moved["merges"] = list(
            SpeakerMerge.objects.filter(survivor=merged).values_list("pk", flat=True)
        )
        SpeakerMerge.objects.filter(pk__in=moved["merges"]).update(survivor=survivor)
        survivor._change_reason = reason
        survivor.save()
        merge = SpeakerMerge.objects.create(
            survivor=survivor,
            merged_id=merged.pk,
            merged_slug=merged.slug,
            merged_name=str(merged),
            moved=moved,
            merged_by=user if getattr(user, "pk", None) else None,
        )
        merged._change_reason = reason
        merged.delete()
    return merge


def undo_merge(merge: SpeakerMerge) -> Speaker:
    """Put a merge back: the merged speaker again, from its history (same id and slug), with
    the rows that moved (those still with the survivor), its aliases and participations that
    had duplicates, and the survivor's fields as they were where nobody changed them since."""
    with transaction.atomic():
        merge = SpeakerMerge.objects.select_for_update().get(pk=merge.pk)
        if merge.undone_at is not None:
            raise ValueError("this merge was already undone")
        record = Speaker.history.filter(id=merge.merged_id, history_type="-").latest()
        merged = record.instance
        merged._change_reason = f"restored: merge {merge.pk} undone"
        merged.save()
        survivor, moved = merge.survivor, merge.moved
        reason = f"undo of merge {merge.pk}: back to {merged} (id {merged.pk})"
        for model, key in ((Claim, "claims"), (Role, "roles"), (Alias, "aliases")):
            rows = model.objects.filter(pk__in=moved[key], speaker=survivor)
            _move(rows, "speaker", merged, reason)
        rows = Participation.objects.filter(pk__in=moved["participations"], speaker=survivor)
        _move(rows, "speaker", merged, reason)
        _move(Topic.objects.filter(pk__in=moved["topics"]), "speaker", merged, reason)
        for alias in Alias.objects.filter(pk__in=moved["names_added"], speaker=survivor):
            alias._change_reason = reason
            alias.delete()
        for values in moved["aliases_dropped"]:
            Alias(speaker=merged, **values).save()
        for values in moved["participations_dropped"]:
            Participation(speaker=merged, **values).save()
        for group in Speaker.objects.filter(pk__in=moved["groups"]):
            group.members.add(merged)
            group.members.remove(survivor)
        ReferenceRecord.objects.filter(pk__in=moved["references"]).update(speaker=merged)
        SpeakerMerge.objects.filter(pk__in=moved.get("merges", [])).update(survivor=merged)
        if survivor is not None:
            for name, value in moved["filled"].items():
                if getattr(survivor, name) == getattr(merged, name) or name == "is_provisional":
                    setattr(survivor, name, value)
            survivor._change_reason = reason
            survivor.save()
        merge.undone_at = timezone.now()
        merge.save(update_fields=["undone_at"])
    return merged


def _move(queryset: QuerySet, field: str, to: Speaker, reason: str) -> list[int]:
    """Point `field` of every row at `to`, each saved (its history says why); the ids."""
    ids = []
    for row in queryset.order_by("pk").select_for_update():
        setattr(row, field, to)
        row._change_reason = reason
        row.save()
        ids.append(row.pk)
    return ids


ALIAS_FIELDS = ("text", "language", "exclude_before", "exclude_after")


def _move_aliases(merged: Speaker, survivor: Speaker, reason: str) -> dict:
    """Aliases move; one the survivor has already is dropped (kept in the merge, to restore);
    the merged speaker's own names become aliases of the survivor."""
    have = set(survivor.aliases.values_list("normalized", flat=True))
    dropped, keep = [], []
    for alias in merged.aliases.order_by("pk"):
        if alias.normalized in have:
            dropped.append({f: getattr(alias, f) for f in ALIAS_FIELDS})
            alias._change_reason = reason
            alias.delete()
        else:
            keep.append(alias.pk)
            have.add(alias.normalized)
    moved = _move(Alias.objects.filter(pk__in=keep), "speaker", survivor, reason)
    added = []
    for text in dict.fromkeys(filter(None, [merged.name, merged.name_en])):
        if not survivor.aliases.filter(normalized=UrduNormalize(Value(text[:200]))).exists():
            language = Alias.Language.ENGLISH if text.isascii() else Alias.Language.URDU
            alias = Alias(speaker=survivor, text=text[:200], language=language)
            alias._change_reason = reason
            alias.save()
            added.append(alias.pk)
    return {"aliases": moved, "aliases_dropped": dropped, "names_added": added}


def _move_participations(merged: Speaker, survivor: Speaker, reason: str) -> dict:
    """A meeting both took part in keeps the survivor's participation (the other is kept in
    the merge, to restore)."""
    theirs = set(survivor.participation_set.values_list("meeting_id", flat=True))
    dropped, keep = [], []
    for p in Participation.objects.filter(speaker=merged).order_by("pk"):
        if p.meeting_id in theirs:
            dropped.append({"meeting_id": p.meeting_id, "role": p.role})
            p._change_reason = reason
            p.delete()
        else:
            keep.append(p.pk)
    moved = _move(Participation.objects.filter(pk__in=keep), "speaker", survivor, reason)
    return {"participations": moved, "participations_dropped": dropped}


def _move_memberships(merged: Speaker, survivor: Speaker) -> list[int]:
    groups = list(merged.groups.all())
    for group in groups:
        group.members.remove(merged)
        group.members.add(survivor)
    return [g.pk for g in groups]


def _fill_blanks(merged: Speaker, survivor: Speaker) -> dict:
    """The survivor's empty fields take the merged speaker's values; returns what they were."""
    filled = {}
    for name in FILLED:
        if not getattr(survivor, name) and getattr(merged, name):
            filled[name] = getattr(survivor, name)
            setattr(survivor, name, getattr(merged, name))
    if survivor.is_provisional and not merged.is_provisional:
        filled["is_provisional"] = True
        survivor.is_provisional = False
    return filled


def _locked(queryset: QuerySet, model=Claim):
    """The rows of `queryset`, re-read and locked (in id order, so two editors never deadlock)."""
    return model.objects.filter(pk__in=queryset.values("pk")).order_by("pk").select_for_update()
