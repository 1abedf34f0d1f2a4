"""A claim's own pages: its permalink page (`/claims/<id>/`), the card other sites may frame
(`/claims/<id>/embed`), and the oEmbed answer that hands that card to them (`/oembed?url=`).

Only public claims are shown (`Claim.objects.public()`); a claim that was public and is no
longer answers 410 with its meeting's link (statements/permalinks.py). The pages read nothing
but their URL, set no cookie and vary on nothing but it, so a shared cache can keep them. Only
the embed card may be framed by other sites: it alone drops X-Frame-Options and lets any
ancestor frame it (`frame-ancestors *`); the rest of its Content-Security-Policy is the site's.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from csp.decorators import csp_replace
from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext
from django.views.decorators.clickjacking import xframe_options_exempt

from statements import linked_data
from statements.api.schemas import MAX_ID
from statements.models import Claim, Participation
from statements.permalinks import withdrawn_claim

RELATED_SHOWN = 10
EMBED_WIDTH = 560  # px: the card's width when a consumer sets none
EMBED_MIN_WIDTH = 280
EMBED_HEIGHT = 350  # px: the card at 400 px wide or more (the quote is cut at five lines)
EMBED_NARROW_HEIGHT = 470  # px: below 400 px wide, lines are shorter and the card taller
OEMBED_CACHE_AGE = 86400


def _public_claim(pk: int) -> Claim:
    if pk > MAX_ID:
        raise Http404("No such claim")
    claim = (
        Claim.objects.public()
        .select_related("speaker", "meeting__source", "passage")
        .prefetch_related("topics", "speaker__members")
        .filter(pk=pk)
        .first()
    )
    if claim is None:
        raise Http404("No such claim")
    return claim


def _gone(request, pk: int):
    """410 for a claim that was withdrawn; 404 for an id that never named a public claim."""
    withdrawn = withdrawn_claim(pk) if pk <= MAX_ID else None
    if withdrawn is None:
        raise Http404("No such claim")
    return render(
        request,
        "statements/claim_withdrawn.html",
        {"claim_id": pk, "withdrawn": withdrawn},
        status=410,
    )


def _neighbours(claim: Claim) -> tuple[Claim | None, Claim | None]:
    """The public claims before and after `claim` in its meeting's text."""
    same = Claim.objects.public().filter(meeting=claim.meeting_id).select_related("speaker")
    before = Q(start__lt=claim.start) | Q(start=claim.start, pk__lt=claim.pk)
    after = Q(start__gt=claim.start) | Q(start=claim.start, pk__gt=claim.pk)
    return (
        same.filter(before).order_by("-start", "-pk").first(),
        same.filter(after).order_by("start", "pk").first(),
    )


def _related(claim: Claim) -> list[Claim]:
    """Other public claims of the same speaker that mention one of this claim's topics, newest
    meetings first."""
    if not claim.topic_ids:
        return []
    return list(
        Claim.objects.public()
        .filter(speaker=claim.speaker_id, topic_ids__overlap=claim.topic_ids)
        .exclude(pk=claim.pk)
        .select_related("meeting")
        .order_by("-meeting__date", "meeting_id", "start")[:RELATED_SHOWN]
    )


def _social(request, claim: Claim, permalink: str) -> linked_data.SocialCard:
    speaker = claim.speaker.name_en or claim.speaker.name
    meeting = claim.meeting
    return linked_data.SocialCard(
        title=f"{speaker}: «{linked_data.shorten(claim.text, 90)}»",
        description=linked_data.shorten(
            f"{claim.text} — {speaker}, {meeting.title_en or meeting.title}, {meeting.date:%Y-%m-%d}"
        ),
        url=permalink,
        image=linked_data.site_image(request),
        image_alt=gettext("Diplomatic statements archive"),
        type="article",
        published=meeting.source.published_on.isoformat() if meeting.source.published_on else "",
    )


def embed_html(request, claim: Claim, width: int = EMBED_WIDTH, height: int = EMBED_HEIGHT):
    """The HTML another site pastes (or gets from oEmbed) to show the claim's card."""
    src = request.build_absolute_uri(reverse("claim-embed", args=[claim.pk]))
    title = gettext("Claim %(id)s in the Diplomatic statements archive") % {"id": claim.pk}
    return format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy"></iframe>',
        src,
        width,
        height,
        title,
    )


def claim_detail(request, pk: int):
    """The claim in its paragraph, who said it (as resolved and as named), its meeting and
    report, topics, kind, review status and what it means, the editor's translation and note,
    its neighbours in the meeting, the speaker's other claims on its topics, citations in four
    formats, and what other sites read (OpenGraph, JSON-LD, oEmbed)."""
    try:
        claim = _public_claim(pk)
    except Http404:
        return _gone(request, pk)
    permalink = request.build_absolute_uri(claim.get_absolute_url())
    participants = [
        p.speaker
        for p in Participation.objects.public()
        .filter(meeting=claim.meeting_id)
        .select_related("speaker")
        .order_by("id")
    ]
    previous, following = _neighbours(claim)
    oembed = request.build_absolute_uri(reverse("oembed")) + "?" + urlencode({"url": permalink})
    context = {
        "claim": claim,
        "meeting": claim.meeting,
        "source": claim.meeting.source,
        "participants": participants,
        "previous": previous,
        "next": following,
        "related": _related(claim),
        "permalink": permalink,
        "accessed": timezone.localdate(),
        "social": _social(request, claim, permalink),
        "jsonld": linked_data.claim_jsonld(claim, participants, request.build_absolute_uri),
        "oembed_url": oembed,
        "embed_code": embed_html(request, claim),
        "api_url": reverse("api-v1:meeting", args=[claim.meeting_id]),
    }
    return render(request, "statements/claim_detail.html", context)


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def claim_embed(request, pk: int):
    """A small card (the quote, who said it, when, a link back) for other sites to frame."""
    try:
        claim = _public_claim(pk)
    except Http404:
        withdrawn = withdrawn_claim(pk) if pk <= MAX_ID else None
        status = 410 if withdrawn else 404
        return render(
            request,
            "statements/claim_embed.html",
            {"withdrawn": withdrawn, "claim_id": pk},
            status=status,
        )
    context = {
        "claim": claim,
        "meeting": claim.meeting,
        "source": claim.meeting.source,
        "permalink": request.build_absolute_uri(claim.get_absolute_url()),
    }
    return render(request, "statements/claim_embed.html", context)


def _claim_of_url(request, url: str) -> tuple[Claim, str]:
    """The public claim a URL of this site names (its page or its card, in any language), and
    that language; Http404 for anything else."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != request.get_host():
        raise Http404("Not a URL of this archive")
    language = translation.get_language_from_path(parts.path) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            match = resolve(parts.path)
        except Resolver404:
            raise Http404("Not a claim of this archive") from None
    if match.url_name not in ("claim-detail", "claim-embed"):
        raise Http404("Not a claim of this archive")
    return _public_claim(match.kwargs["pk"]), language


def _size(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and len(value) < 7 else None


def oembed(request):
    """oEmbed (https://oembed.com): `?url=` a claim's page or card; JSON only (`format=xml` is
    a 501, as the specification asks); `maxwidth`/`maxheight` are kept to."""
    url = request.GET.get("url", "")
    if not url:
        return HttpResponseBadRequest("url is required\n", content_type="text/plain")
    if request.GET.get("format", "json") != "json":
        return JsonResponse({"error": "only format=json is offered"}, status=501)
    claim, language = _claim_of_url(request, url)
    max_width, max_height = _size(request, "maxwidth"), _size(request, "maxheight")
    width = max(EMBED_MIN_WIDTH, min(EMBED_WIDTH, max_width or EMBED_WIDTH))
    height = EMBED_HEIGHT if width >= 400 else EMBED_NARROW_HEIGHT
    if max_height:
        height = min(height, max_height)  # the card then scrolls inside its frame
    with translation.override(language):
        speaker = claim.speaker
        body = {
            "version": "1.0",
            "type": "rich",
            "provider_name": gettext("Diplomatic statements archive"),
            "provider_url": request.build_absolute_uri(reverse("search")),
            "title": linked_data.shorten(claim.text, 120),
            "author_name": speaker.name_en or speaker.name,
            "author_url": request.build_absolute_uri(speaker.get_absolute_url()),
            "html": embed_html(request, claim, width, height),
            "width": width,
            "height": height,
            "cache_age": OEMBED_CACHE_AGE,
        }
        if (max_width or linked_data.SITE_IMAGE_SIZE[0]) >= linked_data.SITE_IMAGE_SIZE[0] and (
            max_height or linked_data.SITE_IMAGE_SIZE[1]
        ) >= linked_data.SITE_IMAGE_SIZE[1]:
            body["thumbnail_url"] = linked_data.site_image(request)
            body["thumbnail_width"], body["thumbnail_height"] = linked_data.SITE_IMAGE_SIZE
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
