"""Researcher pages (server-rendered). Only public rows are shown: the models' public querysets.

Searching goes through statements.search only; these views parse nothing themselves beyond the
page number, and render what search() returns.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from django.contrib.staticfiles import finders
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from archive.ratelimit import RateLimited, check_rate_limit
from statements import linked_data, timeline
from statements.models import Claim, Meeting, OldSlug, Participation, Passage, Speaker, Topic
from statements.permalinks import redirect_from_old_slug
from statements.search import (
    Notice,
    SearchError,
    SearchRequest,
    SearchResult,
    clean_params,
    query_string,
    reasons,
    search,
    terms_of,
)
from statements.search.engine import NARRATIVE_CAP
from statements.search.highlight import narrative_snippet
from statements.search.request import MAX_QUERY_LENGTH
from statements.templatetags.source_text import PALETTE_SIZE

CLAIMS_PER_PAGE = 20
# A large search's first response leaves its facets and narrative passages to these fragments
# of the same page, which its script fetches (statements/search/engine.py: FACETS_INLINE).
FRAGMENTS = {
    "facets": "statements/_facets.html",
    "passages": "statements/_passages.html",
    "timeline": "statements/_over_time.html",
}
PASSAGES_INLINE = 200  # passages are looked through in the first response up to these claims
RECORD_LIMIT = 500  # claims on a speaker's printable record
PASSAGES_SHOWN = 10
FACET_ITEMS_SHOWN = 15  # links per facet (speakers, topics, countries); years: all
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
    """ISO code -> (English, Urdu) name, from the archive's country topics."""
    return {
        t.country: (t.name_en, t.name)
        for t in Topic.objects.filter(kind=Topic.Kind.COUNTRY).exclude(country="")
    }


def in_interface(urdu: str, english: str) -> str:
    """The Urdu or the English form, for the interface's language, each falling back to the
    other."""
    if (translation.get_language() or "en").startswith("ur"):
        return urdu or english
    return english or urdu


def country_name(code: str, countries: dict[str, tuple[str, str]] | None = None) -> str:
    """A country's name in the interface's language (its ISO code only if the archive has no
    country topic for it)."""
    english, urdu = (countries if countries is not None else _country_names()).get(code, (code, ""))
    return in_interface(urdu, english)


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
        every = result.facets.get(name, [])
        shown = every
        if name != "year" and len(every) > FACET_ITEMS_SHOWN:
            # The commonest, and every chosen one: a long tail of links helps nobody and
            # costs every page (the API's facets are complete).
            top = every[:FACET_ITEMS_SHOWN]
            shown = top + [f for f in every[FACET_ITEMS_SHOWN:] if f.value in chosen[name]]
        for facet in shown:
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
                    "name_en": label,
                    "name": label_ur,
                    "count": facet.count,
                    "url": url,
                    "selected": selected,
                }
            )
        groups.append({"name": name, "items": items, "more": len(every) - len(shown)})
    return groups


def active_filters(req: SearchRequest, params: dict[str, list[str]], fixed=()) -> list[dict]:
    """The filters in force (except those a page fixes), each named in the interface's language
    with a link that removes it."""
    countries = _country_names()
    statuses = dict(Claim.ReviewStatus.choices)
    kinds = dict(Claim.Kind.choices)
    found = [
        *(
            ("speaker", s.pk, in_interface(s.name, s.name_en))
            for s in Speaker.objects.filter(pk__in=req.speakers)
        ),
        *(
            ("meeting", m.pk, f"{m.date:%Y-%m-%d} {in_interface(m.title, m.title_en)}")
            for m in Meeting.objects.filter(pk__in=req.meetings)
        ),
        *(
            ("topic", t.pk, in_interface(t.name, t.name_en))
            for t in Topic.objects.filter(pk__in=req.topics)
        ),
        *(("country", code, country_name(code, countries)) for code in req.countries),
        *(
            ("date_from", d, gettext("from %(date)s") % {"date": d})
            for d in params.get("date_from", [])
        ),
        *(("date_to", d, gettext("to %(date)s") % {"date": d}) for d in params.get("date_to", [])),
        *(
            ("review_status", v, gettext(statuses.get(v, v)))
            for v in params.get("review_status", [])
        ),
        *(("kind", v, gettext(kinds.get(v, v))) for v in params.get("kind", [])),
    ]
    return [
        {"kind": kind, "label": label, "url": query_string(_toggled(params, kind, str(value)))}
        for kind, value, label in found
        if kind not in fixed
    ]


MAIN_NOTICES = (
    Notice.NO_WORDS,
    Notice.NOTHING,
    Notice.SOME_WORDS,
    Notice.MOST_WORDS,
    Notice.CORRECTED,
)


def search_notice(result: SearchResult, params: dict[str, list[str]], fixed=()) -> dict | None:
    """The one thing the page says about a search (templates/statements/_notice.html): what
    was searched instead, or that nothing was found and what to try; each link keeps the
    filters of `params`."""
    notices = {n.kind: n for n in result.notices}
    filtered = any(
        k in params
        for k in (
            "speaker",
            "meeting",
            "topic",
            "country",
            "date_from",
            "date_to",
            "review_status",
            "kind",
        )
        if k not in fixed
    )
    main = next((notices[k] for k in MAIN_NOTICES if k in notices), None)
    if main is None and not result.found and filtered:
        main = Notice(Notice.NOTHING)
    if main is None and not {Notice.TRUNCATED, Notice.UNKNOWN_FIELDS} & set(notices):
        return None
    notice = {
        "main": main.kind if main else "",
        "query": main.query if main else "",
        "truncated": Notice.TRUNCATED in notices,
        "max_length": MAX_QUERY_LENGTH,
    }
    with_q = lambda q: query_string({**params, "q": [q]})  # noqa: E731
    if meant := notices.get(Notice.DID_YOU_MEAN):
        notice["did_you_mean"] = {"query": meant.query, "url": with_q(meant.query)}
    if inside := notices.get(Notice.INSIDE_WORDS):
        notice["inside_words"] = {
            "word": inside.query.rstrip("*"),
            "words": inside.words,
            "query": inside.query,
            "url": with_q(inside.query),
        }
    notice["latin_words"] = Notice.LATIN_WORDS in notices and not notice.get("did_you_mean")
    if unknown := notices.get(Notice.UNKNOWN_FIELDS):
        notice["unknown_fields"] = [f"{name}:" for name in unknown.words]
    if notice["main"] == Notice.NOTHING and filtered:
        notice["without_filters"] = query_string({"q": params["q"]} if "q" in params else {})
    return notice


def english_terms(result: SearchResult, params: dict[str, list[str]]) -> dict:
    """What the query's English words were searched as, each rendering with the link that
    leaves it out (and each left-out one with the link that brings it back), and the English
    words of no glossary entry."""
    without = params.get("without", [])

    def link(rendering, drop: bool) -> str:
        folded = " ".join(rendering.words)
        kept = [w for w in without if w != folded] + ([folded] if drop else [])
        return query_string(
            {**{k: v for k, v in params.items() if k != "page"}, "without": sorted(kept)}
        )

    terms = [
        {
            "text": term.text,
            "renderings": [(r.urdu, link(r, True)) for r in term.renderings],
            "dropped": [(r.urdu, link(r, False)) for r in term.dropped],
            "parts": [
                {"text": p.text, "renderings": [(r.urdu, link(r, True)) for r in p.renderings]}
                for p in term.parts
            ],
        }
        for term in result.plan.english
    ]
    return {"terms": terms, "unknown": result.plan.english_unknown}


def _no_nul(slug: str) -> str:
    if "\x00" in slug:
        raise Http404("No such page")
    return slug


def _search_context(request, extra: dict | None = None) -> tuple[dict, int]:
    """Run the search of `request.GET` (plus `extra` fixed filters); the context and a status.
    Searches cost the same on a page, in a feed and in the API, and are limited the same."""
    params = clean_params(request.GET)
    for name, value in (extra or {}).items():
        params.setlist(name, [value])
    context = {"q": request.GET.get("q", ""), "form": request.GET}
    try:
        check_rate_limit(request, "search")
    except RateLimited as exc:
        context["error"] = str(exc)
        context["retry_after"] = exc.retry_after
        return context, 429
    try:
        req = SearchRequest.from_params(params)
    except SearchError as error:
        context["error"] = error.message
        return context, 400
    if req.fielded:
        # Field terms (speaker:..., date:...) become the filters the facets make: the page
        # redirects to that canonical URL, so chips, links and the address bar all say it.
        fixed = tuple(extra or ())
        kept = {k: v for k, v in req.to_params().items() if k not in fixed}
        for name in ("compare", "passages", "facets"):
            if name in params:
                kept[name] = params.getlist(name)
        context["redirect"] = request.path + query_string(kept).rstrip("?")
        return context, 302
    # Facets: those cached or cheap in the page; the rest from the facets fragment (a script
    # fetches it; without scripts, "count now" reloads the page with facets=all).
    fragment = request.GET.get("fragment")
    every_facet = request.GET.get("facets") == "all" or fragment in ("facets", "timeline")
    result = search(req, facets="all" if every_facet else "auto")
    # A second search over time (?compare=): the same filters, other words.
    compare = " ".join(params.get("compare", "").split())[:MAX_QUERY_LENGTH]
    # Only its facets are drawn: in date order it ranks no page (known facets give its total).
    compared = (
        search(
            replace(req, q=compare, truncated=False, sort="-date"),
            facets="all" if every_facet else "auto",
        )
        if compare and fragment not in ("facets", "passages")
        else None
    )
    # The narrative passages come the same way (a script, or "show it now") unless they are
    # cheap to look through: a small result of plain words, or no claim at all (then they are
    # the result). A name's passages are matched on every form of the name, and filtered
    # passages follow the claims they hold (a test per paragraph): neither is cheap.
    passages_now = (
        not req.q
        or request.GET.get("passages") == "show"
        or fragment == "passages"
        or result.total == 0
        or (
            result.count_is_exact
            and result.total <= PASSAGES_INLINE
            and not result.plan.names
            and not (req.speakers or req.topics or req.countries or req.review_statuses)
        )
    )
    fixed = tuple(extra or ())
    canonical = {k: v for k, v in req.to_params().items() if k not in fixed}
    if compare:
        canonical["compare"] = [compare]
    if fragment in FRAGMENTS:
        # A part of the page its script fetches: only what that part shows (views._render).
        context.update(_fragment_context(fragment, result, compared, req, canonical, fixed))
        return context, 200
    page = result.paginator(CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    why = reasons.for_claims(result, page.object_list)
    claims = [
        (claim, result.headline(claim.text), why.get(claim.pk, [])) for claim in page.object_list
    ]
    for claim in page.object_list:  # what the query's English words matched, in English
        claim.glosses = result.glosses(claim.text)
    groups = facet_groups(result, canonical, fixed)
    passages = (
        _narrative_snippets(result, list(result.passages[:PASSAGES_SHOWN])) if passages_now else []
    )
    context.update(
        {
            "result": result,
            "page": page,
            "claims": claims,
            "passages": passages,
            "passage_count": len(passages)
            if len(passages) < PASSAGES_SHOWN
            else (result.passages.count()),
            "narrative_capped": bool(passages) and result.narrative_capped,
            "passages_pending": not passages_now,
            "passages_fragment_url": query_string({**canonical, "fragment": ["passages"]}),
            "passages_page_url": query_string({**canonical, "passages": ["show"]}),
            "narrative_cap": NARRATIVE_CAP,
            "facet_groups": groups,
            "has_facets": any(group["items"] for group in groups),
            "facets_pending": not result.facets_complete,
            "facets_fragment_url": query_string({**canonical, "fragment": ["facets"]}),
            "facets_page_url": query_string({**canonical, "facets": ["all"]}),
            "exact_count_url": query_string({**canonical, "count": ["exact"]}),
            "notice": search_notice(result, canonical, fixed),
            "english_terms": english_terms(result, canonical),
            # "In context" opens the meeting with the searched words marked.
            "in_context_query": query_string({"q": [result.corrected_query or req.q]})
            if req.q
            else "",
            "speaker_offers": [
                (offer, query_string(_toggled(canonical, "speaker", str(offer.speaker.pk))))
                for offer in ([] if "speaker" in fixed else reasons.speaker_offers(result))
            ],
            "active_filters": active_filters(req, canonical, fixed),
            "canonical": query_string(canonical),
            "hidden_filters": [
                (name, value)
                for name in ("speaker", "meeting", "topic", "country", "review_status", "kind")
                for value in canonical.get(name, [])
            ],
            "results_api_url": reverse("api-v1:claims") + query_string(req.to_params()).rstrip("?"),
            "feed_url": reverse("feed-search") + query_string(req.to_params()).rstrip("?"),
            "download_urls": download_urls(req),
            "over_time": over_time(result, compared, req, canonical),
            "compare": compare,
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


def _fragment_context(fragment, result, compared, req, canonical, fixed) -> dict:
    """The context of one fragment of the results page (FRAGMENTS): its facets, its narrative
    passages or its chart over time, without the page's claims."""
    if fragment == "facets":
        return {"facet_groups": facet_groups(result, canonical, fixed)}
    if fragment == "timeline":
        return {"over_time": over_time(result, compared, req, canonical)}
    passages = _narrative_snippets(result, list(result.passages[:PASSAGES_SHOWN]))
    return {
        "passages": passages,
        "passage_count": len(passages)
        if len(passages) < PASSAGES_SHOWN
        else result.passages.count(),
        "narrative_capped": bool(passages) and result.narrative_capped,
    }


def over_time(result, compared, req: SearchRequest, params: dict[str, list[str]]) -> dict:
    """The chart of the results over time (statements/timeline.py), or, when the facets were
    left to the facets endpoint (a large result), where its fragment is fetched from."""
    if not result.facets_complete or (compared is not None and not compared.facets_complete):
        return {
            "pending": True,
            "fragment_url": query_string({**params, "fragment": ["timeline"]}),
            "page_url": query_string({**params, "facets": ["all"]}),
        }
    series = [(req.q, result.facets)]
    if compared is not None:
        series.append((compared.request.q, compared.facets))
    rtl = translation.get_language_bidi()
    drawn = timeline.chart(series, params, req.date_from, req.date_to, rtl=rtl)
    return {"chart": drawn}


def download_urls(req: SearchRequest) -> list[tuple[str, str]]:
    """(format, URL) of the whole search as a file, for each format (api/download.py): the
    search's own parameters, the page's fixed filters included."""
    params = {k: v for k, v in req.to_params().items() if k != "count"}
    base = reverse("api-v1:download_claims")
    return [
        (label, base + query_string({**params, "format": [fmt]}))
        for fmt, label in (("csv", "CSV"), ("ndjson", "NDJSON"), ("json", "JSON"))
    ]


def _render(request, template: str, context: dict, status: int):
    if status == 302:
        return redirect(context["redirect"])
    fragment = request.GET.get("fragment")
    if fragment in FRAGMENTS and status == 200:
        template = FRAGMENTS[fragment]  # what the page's script puts in its place
    response = render(request, template, context, status=status)
    if status == 429:
        response["Retry-After"] = str(context["retry_after"])
    return response


def _narrative_snippets(result: SearchResult, passages: list[Passage]) -> list[tuple]:
    """Each passage with a snippet of its narrative (the text around the claims it holds)."""
    spans: dict[int, list[tuple[int, int]]] = {p.pk: [] for p in passages}
    held = Claim.objects.filter(passage__in=passages).exclude(
        review_status=Claim.ReviewStatus.REJECTED
    )
    starts = {p.pk: p.start for p in passages}
    for passage_id, start, end in held.values_list("passage_id", "start", "end"):
        spans[passage_id].append((start - starts[passage_id], end - starts[passage_id]))
    return [(p, narrative_snippet(p.text, spans[p.pk], result.terms)) for p in passages]


def _social(request, title: str, description: str, kind: str = "website"):
    return linked_data.SocialCard(
        title=title,
        description=linked_data.shorten(description),
        url=request.build_absolute_uri(),
        image=linked_data.site_image(request),
        image_alt=gettext("Diplomatic statements archive"),
        type=kind,
    )


def search_page(request):
    context, status = _search_context(request)
    q, page = context.get("q", ""), context.get("page")
    if q and page is not None:
        description = gettext("%(n)s claims match «%(q)s».") % {"n": page.paginator.count, "q": q}
    else:
        description = gettext("Who said what, in which meeting, verbatim.")
    title = f"«{q}»" if q else gettext("Search the statements")
    context["social"] = _social(request, title, description)
    return _render(request, "statements/search.html", context, status)


# The help page's examples (statements/search/fields.py), each with what it finds: English
# first, then the same in Urdu (field names may be typed in either language).
SYNTAX_EXAMPLES = (
    (
        'speaker:"Vladimir Putin"',
        "مقرر:پیوٹن",
        gettext_noop("Claims by a speaker, named in any script"),
    ),
    ("topic:Syria", "موضوع:شام", gettext_noop("Claims tagged with a topic")),
    (
        "country:IR",
        "ملک:ایران",
        gettext_noop("Claims by or about a country: its ISO code or its name"),
    ),
    ("kind:warning", "قسم:انتباہ", gettext_noop("Claims of one kind")),
    (
        "date:2015-11",
        "تاریخ:2015",
        gettext_noop("Claims of meetings in a year, a month or on a day"),
    ),
    (
        "date:2015-01..2016-06",
        "تاریخ:2015-01..2016-06",
        gettext_noop("A range of dates (open: 2015..)"),
    ),
    (
        'speaker:Putin date:2015 "دو طرفہ" or تعاون -امریکہ',
        "مقرر:پیوٹن تعاون or شام",
        gettext_noop("Fields with words, a phrase, or and a word left out"),
    ),
)


def search_help(request):
    """How to search: words, phrases, or, -word, and the fields (statements/search/fields.py),
    each example a link that runs it."""
    search_url = reverse("search")
    examples = [
        {
            "english": english,
            "urdu": urdu,
            "what": gettext(what),
            "english_url": search_url + query_string({"q": [english]}),
            "urdu_url": search_url + query_string({"q": [urdu]}),
        }
        for english, urdu, what in SYNTAX_EXAMPLES
    ]
    kinds = [(value, gettext(label)) for value, label in Claim.Kind.choices]
    return render(request, "statements/search_help.html", {"examples": examples, "kinds": kinds})


def _speaker_legend(claims: list[Claim], params: dict[str, list[str]], only: int | None):
    """The speakers of a meeting's claims in order of their first claim, each with its colour
    (an index of the page's palette), its number of claims and the link that keeps only it."""
    legend: dict[int, dict] = {}
    for claim in claims:
        entry = legend.setdefault(
            claim.speaker_id,
            {"speaker": claim.speaker, "colour": len(legend) % PALETTE_SIZE, "count": 0},
        )
        entry["count"] += 1
    for speaker_id, entry in legend.items():
        entry["url"] = query_string({**params, "speaker": [str(speaker_id)]})
        entry["chosen"] = speaker_id == only
    return list(legend.values())


def meeting_detail(request, slug):
    """A meeting's source with every public claim at its place. `?speaker=<id>` keeps one
    speaker's claims marked; `?q=` marks the words of a search (the results' "In context")."""
    meeting = Meeting.objects.published().select_related("source").filter(slug=_no_nul(slug))
    meeting = meeting.first()
    if meeting is None:
        return _old_slug_or_404(request, OldSlug.Kind.MEETING, slug)
    claims = list(
        Claim.objects.public()
        .filter(meeting=meeting)
        .select_related("speaker", "meeting")
        .prefetch_related("topics")
        .order_by("start")
    )
    q = clean_params(request.GET).get("q", "")
    params = {"q": [q]} if q else {}
    chosen = request.GET.get("speaker", "")
    only = next((c.speaker_id for c in claims if str(c.speaker_id) == chosen), None)
    legend = _speaker_legend(claims, params, only)
    participants = list(
        Participation.objects.public()
        .filter(meeting=meeting)
        .select_related("speaker")
        .order_by("id")
    )
    absolute = request.build_absolute_uri
    context = {
        "meeting": meeting,
        "claims": claims,
        "listed_claims": [c for c in claims if only is None or c.speaker_id == only],
        "legend": legend,
        "colours": {e["speaker"].pk: e["colour"] for e in legend},
        "only": only,
        "only_speaker": next((e["speaker"] for e in legend if e["chosen"]), None),
        "all_speakers_url": query_string(params),
        "terms": terms_of(q),
        "review_count": sum(c.review_status == Claim.ReviewStatus.NEEDS_REVIEW for c in claims),
        "participants": participants,
        "passages": list(Passage.objects.public().filter(meeting=meeting).order_by("start")),
        "accessed": timezone.localdate(),
        "permalink": request.build_absolute_uri(meeting.get_absolute_url()),
        "api_url": reverse("api-v1:meeting", args=[meeting.pk]),
        "social": _meeting_social(request, meeting, participants, claims),
        "jsonld": linked_data.meeting_jsonld(meeting, [p.speaker for p in participants], absolute),
    }
    return render(request, "statements/meeting_detail.html", context)


def _meeting_social(request, meeting, participants, claims) -> linked_data.SocialCard:
    names = ", ".join(p.speaker.name_en or p.speaker.name for p in participants)
    description = f"{meeting.date:%Y-%m-%d}: {names}. " + gettext("%(n)s claims, verbatim.") % {
        "n": len(claims)
    }
    return _social(request, meeting.title_en or meeting.title, description, "article")


def _old_slug_or_404(request, kind: str, slug: str, suffix: str = ""):
    """A record renamed since: 301 to its current page; otherwise 404."""
    redirect = redirect_from_old_slug(request, kind, slug, suffix)
    if redirect is None:
        raise Http404("No such page")
    return redirect


def _public_speaker(slug):
    return Speaker.objects.public().filter(slug=_no_nul(slug)).first()


def _speaker_social(request, speaker: Speaker, count: int) -> linked_data.SocialCard:
    role = speaker.role_en or speaker.role
    claims = gettext("%(n)s claims in the archive.") % {"n": count}
    return _social(
        request, speaker.name_en or speaker.name, f"{role}. {claims}" if role else claims
    )


def speaker_detail(request, slug):
    speaker = _public_speaker(slug)
    if speaker is None:
        return _old_slug_or_404(request, OldSlug.Kind.SPEAKER, slug)
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
            "country": country_name(speaker.country) if speaker.country else "",
            "api_url": reverse("api-v1:speaker", args=[speaker.pk]),
            "accessed": timezone.localdate(),
            "permalink": request.build_absolute_uri(speaker.get_absolute_url()),
            "social": _speaker_social(
                request, speaker, Claim.objects.public().filter(speaker=speaker).count()
            ),
            "jsonld": linked_data.speaker_jsonld(speaker, request.build_absolute_uri),
        }
    )
    return _render(request, "statements/speaker_detail.html", context, status)


def speaker_record(request, slug):
    """A speaker's record, to print: every public claim (up to RECORD_LIMIT), by meeting,
    newest first, each with its citation."""
    speaker = _public_speaker(slug)
    if speaker is None:
        return _old_slug_or_404(request, OldSlug.Kind.SPEAKER, slug, "record/")
    claims = (
        Claim.objects.public()
        .filter(speaker=speaker)
        .select_related("speaker", "meeting__source")
        .order_by("-meeting__date", "meeting_id", "start")
    )
    total = claims.count()
    shown = list(claims[:RECORD_LIMIT])
    by_meeting = [(m, list(cs)) for m, cs in itertools.groupby(shown, key=lambda c: c.meeting)]
    context = {
        "speaker": speaker,
        "by_meeting": by_meeting,
        "total": total,
        "shown": len(shown),
        "accessed": timezone.localdate(),
        "permalink": request.build_absolute_uri(speaker.get_absolute_url()),
        "record_url": request.build_absolute_uri(),
        "api_url": reverse("api-v1:claims") + query_string({"speaker": [speaker.pk]}),
        "social": _speaker_social(request, speaker, total),
        "jsonld": linked_data.speaker_jsonld(speaker, request.build_absolute_uri),
    }
    return render(request, "statements/speaker_record.html", context)


def topic_detail(request, slug):
    topic = get_object_or_404(Topic.objects.public(), slug=_no_nul(slug))
    context, status = _search_context(request, {"topic": str(topic.pk)})
    context.update(
        {
            "topic": topic,
            # A place's country; a country topic is its own country.
            "country": country_name(topic.country)
            if topic.country and topic.kind != Topic.Kind.COUNTRY
            else "",
            "api_url": reverse("api-v1:claims") + query_string({"topic": [topic.pk]}),
        }
    )
    return _render(request, "statements/topic_detail.html", context, status)


def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for whatever the page says (pages
    name static/favicon.svg); cached for a day."""
    icon = open(finders.find("favicon.ico"), "rb")  # noqa: SIM115 (FileResponse closes it)
    response = FileResponse(icon, content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response
