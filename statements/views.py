"""Researcher pages (server-rendered). Only public rows are shown: the models' public querysets.

Searching goes through statements.search only; these views parse nothing themselves beyond the
page number, and render what search() returns.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from statements.models import Claim, Meeting, Participation, Passage, Speaker, SpeakerMerge, Topic
from statements.search import SearchError, SearchRequest, clean_params, query_string, search

CLAIMS_PER_PAGE = 20
PASSAGES_SHOWN = 10
FACET_NAMES = ("speaker", "topic", "country", "year")


def _toggled(params: dict[str, list[str]], name: str, value: str) -> dict[str, list[str]]:
    values = list(params.get(name, []))
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    out = {k: v for k, v in params.items() if k != name}
    if values:
        out[name] = values
    return out


def _year_params(params: dict[str, list[str]], year: str) -> dict[str, list[str]]:
    """A year facet is a date range; choosing the chosen year again removes it."""
    span = [f"{year}-01-01"], [f"{year}-12-31"]
    out = {k: v for k, v in params.items() if k not in ("date_from", "date_to")}
    if (params.get("date_from"), params.get("date_to")) != span:
        out["date_from"], out["date_to"] = span
    return out


def _country_names() -> dict[str, tuple[str, str]]:
    return {
        t.country: (t.name_en, t.name)
        for t in Topic.objects.filter(kind=Topic.Kind.COUNTRY).exclude(country="")
    }


def facet_groups(result, params: dict[str, list[str]], fixed=()) -> list[dict]:
    """Facets with their links: each adds its filter, or removes it when already chosen."""
    countries = _country_names()
    chosen = {
        "speaker": {str(i) for i in result.request.speakers},
        "topic": {str(i) for i in result.request.topics},
        "country": set(result.request.countries),
    }
    groups = []
    for name in FACET_NAMES:
        if name in fixed:
            continue
        items = []
        for facet in result.facets.get(name, []):
            if name == "year":
                selected = params.get("date_from") == [f"{facet.value}-01-01"] and params.get(
                    "date_to"
                ) == [f"{facet.value}-12-31"]
                url = query_string(_year_params(params, facet.value))
            else:
                selected = facet.value in chosen[name]
                url = query_string(_toggled(params, name, facet.value))
            label, label_ur = facet.label, facet.label_ur
            if name == "country" and facet.value in countries:
                label, label_ur = countries[facet.value]
            items.append(
                {
                    "label": label,
                    "label_ur": label_ur,
                    "count": facet.count,
                    "url": url,
                    "selected": selected,
                }
            )
        groups.append({"name": name, "items": items})
    return groups


def active_filters(req: SearchRequest, params: dict[str, list[str]], fixed=()) -> list[dict]:
    """The filters in force (except those a page fixes), each with a link that removes it."""
    out = []
    for speaker in Speaker.objects.filter(pk__in=req.speakers):
        out.append(
            {
                "kind": "speaker",
                "label": str(speaker),
                "url": query_string(_toggled(params, "speaker", str(speaker.pk))),
            }
        )
    for meeting in Meeting.objects.filter(pk__in=req.meetings):
        out.append(
            {
                "kind": "meeting",
                "label": str(meeting),
                "url": query_string(_toggled(params, "meeting", str(meeting.pk))),
            }
        )
    for topic in Topic.objects.filter(pk__in=req.topics):
        out.append(
            {
                "kind": "topic",
                "label": str(topic),
                "url": query_string(_toggled(params, "topic", str(topic.pk))),
            }
        )
    for code in req.countries:
        out.append(
            {
                "kind": "country",
                "label": code,
                "url": query_string(_toggled(params, "country", code)),
            }
        )
    for name in ("date_from", "date_to", "review_status"):
        for value in params.get(name, []):
            out.append(
                {"kind": name, "label": value, "url": query_string(_toggled(params, name, value))}
            )
    return [f for f in out if f["kind"] not in fixed]


def _no_nul(slug: str) -> str:
    if "\x00" in slug:
        raise Http404("No such page")
    return slug


def _search_context(request, extra: dict | None = None) -> tuple[dict, int]:
    """Run the search of `request.GET` (plus `extra` fixed filters); the context and a status."""
    params = clean_params(request.GET)
    for name, value in (extra or {}).items():
        params.setlist(name, [value])
    context = {"q": request.GET.get("q", ""), "form": request.GET}
    try:
        req = SearchRequest.from_params(params)
    except SearchError as error:
        context["error"] = error.message
        return context, 400
    result = search(req)
    fixed = tuple(extra or ())
    canonical = {k: v for k, v in req.to_params().items() if k not in fixed}
    page = Paginator(result.claims, CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    claims = [(claim, result.headline(claim.text)) for claim in page.object_list]
    passages = [(p, result.headline(p.text)) for p in result.passages[:PASSAGES_SHOWN]]
    context.update(
        {
            "result": result,
            "page": page,
            "claims": claims,
            "passages": passages,
            "passage_count": result.passages.count() if req.q else 0,
            "facet_groups": facet_groups(result, canonical, fixed),
            "active_filters": active_filters(req, canonical, fixed),
            "canonical": query_string(canonical),
            "hidden_filters": [
                (name, value)
                for name in ("speaker", "meeting", "topic", "country", "review_status")
                for value in canonical.get(name, [])
            ],
            "results_api_url": reverse("api-v1:claims") + query_string(req.to_params()).rstrip("?"),
            "feed_url": reverse("feed-search") + query_string(req.to_params()).rstrip("?"),
            "page_urls": {
                "previous": query_string({**canonical, "page": [page.previous_page_number()]})
                if page.has_previous()
                else "",
                "next": query_string({**canonical, "page": [page.next_page_number()]})
                if page.has_next()
                else "",
            },
        }
    )
    context["api_url"] = context["results_api_url"]
    return context, 200


def search_page(request):
    context, status = _search_context(request)
    return render(request, "statements/search.html", context, status=status)


def meeting_detail(request, slug):
    meeting = get_object_or_404(
        Meeting.objects.published().select_related("source"), slug=_no_nul(slug)
    )
    claims = list(
        Claim.objects.public()
        .filter(meeting=meeting)
        .select_related("speaker", "meeting")
        .prefetch_related("topics")
        .order_by("start")
    )
    participants = (
        Participation.objects.public()
        .filter(meeting=meeting)
        .select_related("speaker")
        .order_by("id")
    )
    context = {
        "meeting": meeting,
        "claims": claims,
        "review_count": sum(c.review_status == Claim.ReviewStatus.NEEDS_REVIEW for c in claims),
        "participants": participants,
        "passages": list(Passage.objects.public().filter(meeting=meeting).order_by("start")),
        "accessed": timezone.localdate(),
        "permalink": request.build_absolute_uri(meeting.get_absolute_url()),
        "api_url": reverse("api-v1:meeting", args=[meeting.pk]),
    }
    return render(request, "statements/meeting_detail.html", context)


def speaker_detail(request, slug):
    speaker = Speaker.objects.public().filter(slug=_no_nul(slug)).first()
    if speaker is None:
        merged = SpeakerMerge.objects.filter(merged_slug=slug, undone_at__isnull=True).first()
        if merged and merged.survivor:  # a merged speaker's page: the survivor's now
            return redirect(merged.survivor)
        raise Http404("No such speaker")
    context, status = _search_context(request, {"speaker": str(speaker.pk)})
    context.update(
        {
            "speaker": speaker,
            "meetings": Meeting.objects.published()
            .filter(
                Q(participants=speaker)
                | Q(claims__in=Claim.objects.public().filter(speaker=speaker))
            )
            .distinct()
            .order_by("-date"),
            "aliases": speaker.aliases.order_by("language", "text"),
            "api_url": reverse("api-v1:speaker", args=[speaker.pk]),
        }
    )
    return render(request, "statements/speaker_detail.html", context, status=status)


def topic_detail(request, slug):
    topic = get_object_or_404(Topic.objects.public(), slug=_no_nul(slug))
    context, status = _search_context(request, {"topic": str(topic.pk)})
    context.update(
        {"topic": topic, "api_url": reverse("api-v1:claims") + query_string({"topic": [topic.pk]})}
    )
    return render(request, "statements/topic_detail.html", context, status=status)
