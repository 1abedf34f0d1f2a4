"""Permalinks that last: what an old meeting or speaker URL leads to now, and what a claim's URL
says once the claim is gone.

- A meeting's or a speaker's slug that changed (an editor renamed it; the database keeps the
  old one, OldSlug) redirects with 301 to the record's current page; so does the slug of a
  speaker merged into another (SpeakerMerge, while the merge stands): to the survivor's page.
- A claim that was public and no longer is (an editor deleted it, as django-simple-history's
  records show, or rejected it) answers 410 Gone with a link to its meeting, rather than 404:
  a citation that leads there learns that the claim was withdrawn, not that it never existed.
  An id that never named a public claim (a draft's, or none) stays a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpResponsePermanentRedirect

from statements.models import Claim, Meeting, OldSlug, Speaker, SpeakerMerge


def current_url(kind: str, slug: str) -> str | None:
    """The current page of the public meeting or speaker (`kind`) that once had `slug`."""
    old = OldSlug.objects.filter(kind=kind, slug=slug).only("meeting_id", "speaker_id").first()
    if old is None:
        return _survivor_url(slug) if kind == OldSlug.Kind.SPEAKER else None
    if kind == OldSlug.Kind.MEETING:
        target = Meeting.objects.published().filter(pk=old.meeting_id).first()
    else:
        target = Speaker.objects.public().filter(pk=old.speaker_id).first()
    return target.get_absolute_url() if target else None


def _survivor_url(slug: str) -> str | None:
    """The page of the speaker that the speaker once at `slug` was merged into (the newest merge
    that stands), under the survivor's current slug."""
    merge = (
        SpeakerMerge.objects.filter(merged_slug=slug, undone_at__isnull=True)
        .exclude(survivor=None)
        .select_related("survivor")
        .first()
    )
    if merge is None:
        return None
    survivor = merge.survivor
    if Speaker.objects.public().filter(pk=survivor.pk).exists():
        return survivor.get_absolute_url()
    return None


def redirect_from_old_slug(request, kind: str, slug: str, suffix: str = ""):
    """A 301 to the record's current page (`suffix` appended, the query string kept), or
    None when `slug` was never one of a public record's."""
    url = current_url(kind, slug)
    if url is None:
        return None
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(url + suffix + (f"?{query}" if query else ""))


@dataclass(frozen=True)
class Withdrawn:
    """A claim that was public and is no longer: how, and its meeting if that is public."""

    how: str  # "deleted" or "rejected"
    meeting: Meeting | None


def withdrawn_claim(pk: int) -> Withdrawn | None:
    """Why claim `pk` is not public any more, or None if it never was."""
    claim = Claim.objects.filter(pk=pk).select_related("meeting").first()
    if claim is not None:
        rejected = claim.review_status == Claim.ReviewStatus.REJECTED
        if rejected and claim.meeting.is_published:
            return Withdrawn("rejected", claim.meeting)
        return None
    deleted = Claim.history.filter(id=pk, history_type="-").order_by("-history_date").first()
    if deleted is None:
        return None
    # It was public if its meeting was published at some time before the deletion.
    was_public = Meeting.history.filter(
        id=deleted.meeting_id,
        status=Meeting.Status.PUBLISHED,
        history_date__lte=deleted.history_date,
    ).exists()
    if not was_public:
        return None
    return Withdrawn("deleted", Meeting.objects.published().filter(pk=deleted.meeting_id).first())
