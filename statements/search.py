"""The one search of the archive, used by the pages and the API alike.

    request = SearchRequest.from_params(request.GET)   # raises SearchError (-> a 400) on bad input
    result = search(request)                           # querysets + facets, nothing rendered

Views and the API only render what comes out: they never build search queries themselves.
Only public rows are searched: claims of published meetings except rejected ones, passages of
published meetings.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from statements import urdu
from statements.models import Claim, Meeting, Passage, Speaker, Topic

SORTS = ("relevance", "date", "-date")
MAX_QUERY_LENGTH = 500


class SearchError(ValueError):
    """A parameter a user typed cannot be used; `field` names it, the message says why."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    speakers: tuple[int, ...] = ()
    meetings: tuple[int, ...] = ()
    topics: tuple[int, ...] = ()
    countries: tuple[str, ...] = ()
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    review_statuses: tuple[str, ...] = ()
    sort: str = "relevance"

    @classmethod
    def from_params(cls, params: Mapping) -> SearchRequest:
        """Parse query parameters (a QueryDict or a dict of lists/strings).

        speaker, meeting and topic take ids or slugs and may repeat; country takes ISO codes;
        date_from/date_to ISO dates; review_status any public status; sort relevance|date|-date.
        """

        def values(name: str) -> list[str]:
            if hasattr(params, "getlist"):
                raw = params.getlist(name)
            else:
                raw = params.get(name, [])
                raw = [raw] if isinstance(raw, str) else list(raw)
            return [v.strip() for item in raw for v in str(item).split(",") if v.strip()]

        q = " ".join(values("q")) if hasattr(params, "getlist") else str(params.get("q", ""))
        q = q.replace("\x00", " ").strip()
        if len(q) > MAX_QUERY_LENGTH:
            raise SearchError("q", f"the query is too long (at most {MAX_QUERY_LENGTH} characters)")
        sort = (values("sort") or ["relevance"])[0]
        if sort not in SORTS:
            raise SearchError("sort", f"sort must be one of {', '.join(SORTS)}")
        statuses = tuple(values("review_status"))
        public = [s for s in Claim.ReviewStatus.values if s != Claim.ReviewStatus.REJECTED]
        for status in statuses:
            if status not in public:
                raise SearchError(
                    "review_status", f"review_status must be one of {', '.join(public)}"
                )
        countries = tuple(c.upper() for c in values("country"))
        for code in countries:
            if not re.fullmatch(r"[A-Z]{2}", code):
                raise SearchError(
                    "country", f"country must be an ISO 3166 code such as IR, not {code!r}"
                )
        return cls(
            q=q,
            speakers=_resolve("speaker", values("speaker"), Speaker.objects.all()),
            meetings=_resolve("meeting", values("meeting"), Meeting.objects.published()),
            topics=_resolve("topic", values("topic"), Topic.objects.all()),
            countries=countries,
            date_from=_date("date_from", values("date_from")),
            date_to=_date("date_to", values("date_to")),
            review_statuses=statuses,
            sort=sort,
        )


def _resolve(name: str, raw: list[str], queryset: QuerySet) -> tuple[int, ...]:
    ids = []
    for value in raw:
        lookup = {"pk": int(value)} if value.isdigit() and len(value) < 19 else {"slug": value}
        found = queryset.filter(**lookup).values_list("pk", flat=True).first()
        if found is None:
            raise SearchError(name, f"there is no {name} {value!r}")
        ids.append(found)
    return tuple(ids)


def _date(name: str, raw: list[str]) -> datetime.date | None:
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw[0])
    except ValueError:
        raise SearchError(name, f"{name} must be a date as YYYY-MM-DD, not {raw[0]!r}") from None


@dataclass
class Facet:
    value: str  # what goes back into the request (an id or a code)
    label: str
    count: int
    label_ur: str = ""


@dataclass
class SearchResult:
    request: SearchRequest
    claims: QuerySet  # Claim rows, public, filtered, ordered; annotated with `rank` when q
    passages: QuerySet  # Passage rows matching q (empty without q)
    facets: dict[str, list[Facet]] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)  # folded words the query matched on
    corrected_query: str = ""  # set when near spellings were used: "showing results for ..."
    message: str = ""

    def headline(self, text: str) -> SafeString:
        return highlight(text, self.terms)


def public_claims() -> QuerySet:
    return Claim.objects.public()


def query_terms(q: str) -> list[str]:
    """The folded words of a query, without operators."""
    return [w.strip("*") for w in urdu.words(q) if w.strip("*") and w not in {"or", "and"}]


def _tsquery(q: str) -> SearchQuery | None:
    folded = urdu.fold(q).strip()
    if not query_terms(folded):
        return None
    return SearchQuery(folded, config="simple", search_type="websearch")


def search(request: SearchRequest) -> SearchResult:
    claims = public_claims()
    passages = Passage.objects.filter(meeting__status=Meeting.Status.PUBLISHED)
    if request.speakers:
        claims = claims.filter(speaker__in=request.speakers)
    if request.meetings:
        claims = claims.filter(meeting__in=request.meetings)
        passages = passages.filter(meeting__in=request.meetings)
    if request.topics:
        claims = claims.filter(topics__in=request.topics).distinct()
    if request.countries:
        claims = claims.filter(
            Q(speaker__country__in=request.countries) | Q(topics__country__in=request.countries)
        ).distinct()
    if request.date_from:
        claims = claims.filter(meeting__date__gte=request.date_from)
        passages = passages.filter(meeting__date__gte=request.date_from)
    if request.date_to:
        claims = claims.filter(meeting__date__lte=request.date_to)
        passages = passages.filter(meeting__date__lte=request.date_to)
    if request.review_statuses:
        claims = claims.filter(review_status__in=request.review_statuses)

    terms: list[str] = []
    tsquery = _tsquery(request.q) if request.q else None
    if tsquery is not None:
        terms = query_terms(request.q)
        claims = claims.filter(search_vector=tsquery).annotate(
            rank=SearchRank(F("search_vector"), tsquery, cover_density=True)
        )
        passages = passages.filter(search_vector=tsquery).annotate(
            rank=SearchRank(F("search_vector"), tsquery, cover_density=True)
        )
    else:
        passages = passages.none()

    facets = _facets(claims)
    if request.sort == "date":
        order = ["meeting__date", "start"]
    elif request.sort == "-date" or tsquery is None:
        order = ["-meeting__date", "meeting_id", "start"]
    else:
        order = ["-rank", "-meeting__date", "start"]
    claims = claims.select_related("speaker", "meeting").order_by(*order)
    passages = passages.select_related("meeting").order_by(
        *(o for o in order if o != "start"), "position"
    )
    message = "" if tsquery is not None or not request.q else "the query has no words to search for"
    return SearchResult(request, claims, passages, facets, terms, message=message)


def _facets(claims: QuerySet) -> dict[str, list[Facet]]:
    ids = claims.order_by().values("pk")
    base = Claim.objects.filter(pk__in=ids).order_by()
    speakers = base.values("speaker", "speaker__name_en", "speaker__name").annotate(
        n=Count("pk", distinct=True)
    )
    topics = (
        base.filter(topics__isnull=False)
        .values("topics", "topics__name_en", "topics__name")
        .annotate(n=Count("pk", distinct=True))
    )
    years = (
        base.annotate(year=ExtractYear("meeting__date"))
        .values("year")
        .annotate(n=Count("pk", distinct=True))
    )
    countries = (
        base.exclude(speaker__country="")
        .values("speaker__country")
        .annotate(n=Count("pk", distinct=True))
    )
    return {
        "speaker": sorted(
            (
                Facet(
                    str(r["speaker"]),
                    r["speaker__name_en"] or r["speaker__name"],
                    r["n"],
                    r["speaker__name"],
                )
                for r in speakers
            ),
            key=lambda f: (-f.count, f.label),
        ),
        "topic": sorted(
            (
                Facet(str(r["topics"]), r["topics__name_en"], r["n"], r["topics__name"])
                for r in topics
            ),
            key=lambda f: (-f.count, f.label),
        ),
        "country": sorted(
            (Facet(r["speaker__country"], r["speaker__country"], r["n"]) for r in countries),
            key=lambda f: (-f.count, f.label),
        ),
        "year": sorted(
            (Facet(str(r["year"]), str(r["year"]), r["n"]) for r in years),
            key=lambda f: f.value,
            reverse=True,
        ),
    }


_TOKEN = re.compile(r"\S+")


def highlight(text: str, terms: list[str]) -> SafeString:
    """Escape `text` and wrap in <mark> each word whose folded form is one of `terms`.

    Works on the raw text, so words the fold changed (اعلیٰ for a query اعلی) are marked too;
    nothing of the source is ever trusted as HTML.
    """
    wanted = set(terms)
    out: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        out.append(escape(text[pos : m.start()]))
        word = m.group()
        core = word.strip("،؛؟۔,;:!?.\"'()[]{}«»“”‘’-–—…")
        key = urdu.fold(core)
        if wanted and (
            key in wanted or any(t.endswith("*") and key.startswith(t[:-1]) for t in wanted)
        ):
            i = word.find(core)
            out.append(
                escape(word[:i])
                + "<mark>"
                + escape(core)
                + "</mark>"
                + escape(word[i + len(core) :])
            )
        else:
            out.append(escape(word))
        pos = m.end()
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))
