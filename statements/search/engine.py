"""The one search of the archive, used by the pages and the API alike.

    request = SearchRequest.from_params(request.GET)   # raises SearchError (-> a 400) on bad input
    result = search(request)                           # querysets + facets, nothing rendered

Views and the API only render what comes out: they never build search queries themselves.
Only public rows are searched: claims of published meetings except rejected ones, passages of
published meetings.

How a query is searched (the cascade of ../shared/URDU.md):
1. statements/query.py parses web-search syntax and leaves function words out;
2. statements/plan.py builds tsquery text from the archive's vocabulary (word forms, broken
   plurals, compounds) and statements/names.py turns names into speakers and topics;
3. a word the archive does not hold is replaced by its near spellings, and when the exact
   result is thin (fewer than THIN claims) the archive's own misspellings of the words join
   them; either way `corrected_query` and the message say so ("showing results for ...");
4. statements/facets.py counts speaker, topic, country and year over the filtered result.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQueryField
from django.db.models import (
    BooleanField,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from statements import plan, query, urdu, vocabulary
from statements.facets import Facet
from statements.facets import facets as _facets
from statements.models import Claim, Meeting, Passage, Speaker, Topic
from statements.plan import Plan

SORTS = ("relevance", "date", "-date")
MAX_QUERY_LENGTH = 500  # longer queries are cut here (and the result says so), not refused
THIN = 3  # fewer claims than this: near spellings from the archive's vocabulary join the words


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
    truncated: bool = False  # the typed query was longer than MAX_QUERY_LENGTH and was cut

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
        q = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in q).strip()
        truncated = len(q) > MAX_QUERY_LENGTH
        q = q[:MAX_QUERY_LENGTH]
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
            truncated=truncated,
        )


def _resolve(name: str, raw: list[str], queryset: QuerySet) -> tuple[int, ...]:
    ids = []
    for value in raw:
        lookup = {"pk": int(value)} if value.isdecimal() and len(value) < 19 else {"slug": value}
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
class SearchResult:
    request: SearchRequest
    claims: QuerySet  # Claim rows, public, filtered, ordered; annotated with `rank` when q
    passages: QuerySet  # Passage rows matching q (empty without q)
    facets: dict[str, list[Facet]] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)  # folded words the query matched on
    corrected_query: str = ""  # set when near spellings were used: "showing results for ..."
    message: str = ""
    total: int = 0  # number of claims (the sum of the year facet), without another count query

    def headline(self, text: str) -> SafeString:
        return highlight(text, self.terms)


def public_claims() -> QuerySet:
    return Claim.objects.public()


def public_passages() -> QuerySet:
    return Passage.objects.filter(meeting__status=Meeting.Status.PUBLISHED)


def query_terms(q: str) -> list[str]:
    """The folded words of a query, without operators."""
    return [w for t in query.parse(q).terms if not t.negated for w in t.words]


class TsQuery(Func):
    """tsquery text built by statements/query.py (quoted lexemes only), cast as it is: no
    parser runs over it again, so the lexemes are exactly the folded words of the index."""

    template = "%(expressions)s::tsquery"
    output_field = SearchQueryField()


class Matches(Func):
    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = BooleanField()


class Rank(Func):
    """ts_rank over the plan's flat OR of content words: each word a row holds counts, a
    repeated word less each time. (ts_rank_cd over a flat OR only counts occurrences, every
    cover being one word, at seven times the cost per row: 0.38 s against 0.05 s of ranking
    for a word in 80k of 1M claims, as measured on the synthetic corpus.)"""

    function = "ts_rank"
    output_field = FloatField()


class InArray(Func):
    """`value = ANY(ARRAY(subquery))`: the subquery runs once, before the rows are read, and its
    ids are looked up in the primary key."""

    template = "%(expressions)s))"
    arg_joiner = " = ANY(ARRAY("
    output_field = BooleanField()


def _matching(model, tsquery: str) -> QuerySet:
    return model.objects.order_by().filter(Matches(F("search_vector"), TsQuery(Value(tsquery))))


def _apply(plan: Plan, claims: QuerySet, passages: QuerySet) -> tuple[QuerySet, QuerySet]:
    """Rows that match the plan: its text, and for each name its text or its speaker/topic."""
    if plan.text:
        match = Matches(F("search_vector"), TsQuery(Value(plan.text)))
        claims, passages = claims.filter(match), passages.filter(match)
    for text, name in plan.names:
        # Claims carry the topics the extractor found through the same aliases (with their
        # exclusions), so tags and speakers decide for claims; only passages, which carry no
        # tags, are matched on the Urdu forms of the name as text.
        owned = _owned(name.speakers, name.topics)
        claims = claims.filter(owned)
        by_passage = (
            _matching(Passage, text)
            .order_by()
            .values("pk")
            .union(Claim.objects.filter(owned).order_by().values("passage_id"))
        )
        # As an array, not `IN (...)`: the planner cannot estimate the union and, expecting a
        # few rows, would rank every passage of the archive to stop early.
        passages = passages.filter(InArray(F("pk"), Subquery(by_passage)))
    if plan.rank:
        rank = Rank(F("search_vector"), TsQuery(Value(plan.rank)))
        claims, passages = claims.annotate(rank=rank), passages.annotate(rank=rank)
    return claims, passages


def _filtered(request: SearchRequest) -> tuple[QuerySet, QuerySet]:
    """Public claims and passages with the request's filters.

    Topic and country filters test each claim's own `topic_ids`, not sets of claims: a country
    admits a quarter of a million-claim archive, and as a set every claim it admits was read and
    hashed before the first result, even when a query matched a few thousand. On the row, the
    query's index picks the rows; without a query the array's GIN index finds a rare topic's
    claims, and for a common topic or a country the newest meetings' claims are read until a
    page is full."""
    claims, passages = public_claims(), public_passages()
    if request.speakers:
        claims = claims.filter(speaker__in=request.speakers)
    if request.meetings:
        claims = claims.filter(meeting__in=request.meetings)
        passages = passages.filter(meeting__in=request.meetings)
    if request.topics:
        claims = claims.filter(topic_ids__overlap=list(request.topics))
    if request.countries:
        # Said by someone of the country, or about it.
        speakers = Speaker.objects.filter(country__in=request.countries)
        topics = Topic.objects.filter(country__in=request.countries)
        claims = claims.filter(
            _owned(speakers.values_list("pk", flat=True), topics.values_list("pk", flat=True))
        )
    if request.date_from:
        claims = claims.filter(meeting__date__gte=request.date_from)
        passages = passages.filter(meeting__date__gte=request.date_from)
    if request.date_to:
        claims = claims.filter(meeting__date__lte=request.date_to)
        passages = passages.filter(meeting__date__lte=request.date_to)
    if request.review_statuses:
        claims = claims.filter(review_status__in=request.review_statuses)
    if request.speakers or request.topics or request.countries or request.review_statuses:
        # Passages carry no speaker, topic or status: they follow the claims they hold.
        passages = passages.filter(Exists(claims.filter(passage_id=OuterRef("pk"))))
    return claims, passages


def _owned(speakers, topics) -> Q:
    """Said by one of `speakers` or tagged with one of `topics` (ids, as lists: the planner
    sees the values, and an empty side is a test that is false, never an empty subquery)."""
    return Q(speaker__in=list(speakers)) | Q(topic_ids__overlap=list(topics))


def _public(words: list[str]) -> list[str]:
    """The words that occur in public text. The vocabulary also holds drafts and rejected
    claims: a suggestion must never reveal them."""
    return [
        w
        for w in words
        if _matching(Claim, query.lexeme(w)).filter(pk__in=public_claims().values("pk")).exists()
        or _matching(Passage, query.lexeme(w))
        .filter(pk__in=public_passages().values("pk"))
        .exists()
    ]


def _understood(parsed: query.ParsedQuery, spellings: dict[str, list[str]]) -> str:
    """The query as searched, with near spellings in place of (or beside) the typed words."""
    out = []
    for group in parsed.groups:
        texts = []
        for t in group:
            if len(t.words) == 1 and t.words[0] in spellings and not t.phrase:
                texts.append(" or ".join(spellings[t.words[0]]))
            else:
                texts.append(t.text)
        out.append(" or ".join(texts))
    return " ".join(out)


def search(request: SearchRequest) -> SearchResult:
    base_claims, base_passages = _filtered(request)
    parsed = query.parse(request.q)
    notes = []
    if request.truncated:
        notes.append(f"the query was cut to its first {MAX_QUERY_LENGTH} characters")
    if not request.q:
        return _result(request, base_claims, base_passages.none(), Plan(), "", notes)
    current = plan.build(parsed)
    if current.empty:
        notes.append("the query has no words to search for")
        return _result(request, base_claims.none(), base_passages.none(), current, "", notes)

    corrected = ""
    replaced = {w: _public(vocabulary.near_spellings(w)) for w in dict.fromkeys(current.unknown)}
    replaced = {w: c for w, c in replaced.items() if c}
    if replaced:
        current = plan.build(parsed, replaced=replaced)
        corrected = _understood(parsed, replaced)
    claims, passages = _apply(current, base_claims, base_passages)
    facets = _facets(claims)
    total = sum(f.count for f in facets["year"])
    if total < THIN and not replaced and current.plain_words:
        # Thin: the archive's own misspellings of the words join them (sound-alike letters,
        # dotless skeleton, swapped letters; no looser edits while the exact word is found).
        added = {w: _public(vocabulary.near_spellings(w, edits=False)) for w in current.plain_words}
        added = {w: c for w, c in added.items() if c}
        if added:
            wider = plan.build(parsed, added=added)
            wider_claims, wider_passages = _apply(wider, base_claims, base_passages)
            wider_facets = _facets(wider_claims)
            wider_total = sum(f.count for f in wider_facets["year"])
            if wider_total > total:
                current, claims, passages = wider, wider_claims, wider_passages
                facets, total = wider_facets, wider_total
                corrected = _understood(parsed, {w: [w, *c] for w, c in added.items()})
    if total == 0 and len(parsed.positive) > 1 and not passages.exists():
        # Last step of the cascade: no row holds every word, so rows holding any of them.
        negated = [g for g in parsed.groups if g not in parsed.positive]
        anyword = query.ParsedQuery([[t for g in parsed.positive for t in g], *negated])
        wider = plan.build(anyword, replaced=replaced)
        wider_claims, wider_passages = _apply(wider, base_claims, base_passages)
        wider_facets = _facets(wider_claims)
        if sum(f.count for f in wider_facets["year"]) or wider_passages.exists():
            current, claims, passages, facets = wider, wider_claims, wider_passages, wider_facets
            total = sum(f.count for f in facets["year"])
            corrected = _understood(anyword, replaced)
            notes.append("no claim or passage holds all the words; these hold some of them")
    if corrected:
        notes.append(f"showing results for {corrected}")
    if total == 0 and not passages.exists():
        notes.append("no claims or passages match the query")
    return _result(request, claims, passages, current, corrected, notes, facets)


def _result(request, claims, passages, current, corrected, notes, facets=None) -> SearchResult:
    if facets is None:
        facets = _facets(claims)
    if request.sort == "date":
        order = ["meeting__date", "start"]
    elif request.sort == "-date" or not current.rank:
        order = ["-meeting__date", "meeting_id", "start"]
    else:
        order = ["-rank", "-meeting__date", "start"]
    # The stored vectors stay in the database: ranking reads them there, pages never need them.
    claims = claims.select_related("speaker", "meeting").defer("search_vector")
    claims = claims.order_by(*order, "pk")
    passages = (
        passages.select_related("meeting")
        .defer("search_vector")
        .order_by(*(o for o in order if o != "start"), "position")
    )
    total = sum(f.count for f in facets["year"])
    return SearchResult(
        request, claims, passages, facets, current.terms, corrected, "; ".join(notes), total
    )


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
