"""The one search of the archive: the pages, the API, the feeds and the editors' admin call it.

    result = search(SearchRequest.from_params(request.GET))          # researchers: public rows
    result = search(SearchRequest(q=words), claims=Claim.objects.all())  # editors: every row

Callers only render what comes out; they never build search queries themselves. The starting
rows are a parameter: by default the public ones (claims of published meetings except rejected
ones, passages of published meetings); the admin passes all of them, and everything else
(word forms, names, near spellings, the cascade) is the same.

How a query is searched (the cascade of ../shared/URDU.md):
1. search/syntax.py parses web-search syntax and leaves function words out;
2. search/plan.py builds tsquery text from the archive's vocabulary (word forms, broken
   plurals, compounds) and search/names.py turns names into speakers and topics;
3. a word the starting rows do not hold is replaced by its near spellings, and when the exact
   result is thin (fewer than THIN claims) the archive's own misspellings of the words join
   them; either way `corrected_query` and the message say so ("showing results for ...");
4. search/facets.py counts speaker, topic, country and year over the filtered result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils.safestring import SafeString

from statements.models import Claim, Passage, Speaker, Topic
from statements.search import plan as planner
from statements.search import syntax, tsquery, vocabulary
from statements.search.expressions import InArray, Matches, Rank, TsQuery
from statements.search.facets import Facet
from statements.search.facets import facets as count_facets
from statements.search.highlight import highlight
from statements.search.plan import Plan
from statements.search.request import MAX_QUERY_LENGTH, SearchRequest

THIN = 3  # fewer claims than this: near spellings from the archive's vocabulary join the words
# Why a claim matched a name of the query: said by that speaker, or mentioning the name.
SAID_BY, MENTIONS = "by", "mentions"


@dataclass
class SearchResult:
    request: SearchRequest
    claims: QuerySet  # Claim rows, filtered, ordered; annotated with `rank` when q
    passages: QuerySet  # Passage rows matching q (empty without q)
    facets: dict[str, list[Facet]] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)  # folded words the query matched on
    corrected_query: str = ""  # set when near spellings were used: "showing results for ..."
    message: str = ""
    total: int = 0  # number of claims (the sum of the year facet), without another count query
    # The speakers and topics the query named (statements/search/names.py); each claim then
    # carries `matched_as`: SAID_BY when one of those speakers said it, else MENTIONS.
    names: list[NameMatch] = field(default_factory=list)

    def headline(self, text: str) -> SafeString:
        return highlight(text, self.terms)


@dataclass
class NameMatch:
    """A name the query holds, as typed, and who it was taken to be."""

    text: str
    speakers: list[int]
    topics: list[int]


@dataclass
class _Attempt:
    """One plan run over the starting rows: what it matches and how many claims."""

    plan: Plan
    claims: QuerySet
    passages: QuerySet
    facets: dict[str, list[Facet]]
    total: int

    @property
    def found(self) -> bool:
        return bool(self.total) or self.passages.exists()


def search(
    request: SearchRequest,
    *,
    claims: QuerySet | None = None,
    passages: QuerySet | None = None,
    facets: bool = True,
) -> SearchResult:
    """Search `claims` and `passages` (default: the public ones) as `request` says.

    With `facets=False` (the admin's lists) nothing is counted per facet; `total` is then a
    plain count."""
    claims = Claim.objects.public() if claims is None else claims
    passages = Passage.objects.public() if passages is None else passages
    base = _filtered(request, claims, passages)
    parsed = syntax.parse(request.q)
    notes = []
    if request.truncated:
        notes.append(f"the query was cut to its first {MAX_QUERY_LENGTH} characters")
    if not request.q:
        return _result(request, _attempt(Plan(), base[0], base[1].none(), facets), "", notes)
    current = planner.build(parsed)
    if current.empty:
        notes.append("the query has no words to search for")
        empty = _attempt(current, base[0].none(), base[1].none(), facets)
        return _result(request, empty, "", notes)

    corrected = ""
    attested = lambda words: _attested(words, claims, passages)  # noqa: E731
    replaced = {w: attested(vocabulary.near_spellings(w)) for w in dict.fromkeys(current.unknown)}
    replaced = {w: c for w, c in replaced.items() if c}
    if replaced:
        current = planner.build(parsed, replaced=replaced)
        corrected = _understood(parsed, replaced)
    best = _attempt(current, *_apply(current, *base), facets)
    if best.total < THIN and not replaced and current.plain_words:
        # Thin: the archive's own misspellings of the words join them (sound-alike letters,
        # dotless skeleton, swapped letters; no looser edits while the exact word is found).
        added = {
            w: attested(vocabulary.near_spellings(w, edits=False)) for w in current.plain_words
        }
        added = {w: c for w, c in added.items() if c}
        if added:
            wider = planner.build(parsed, added=added)
            attempt = _attempt(wider, *_apply(wider, *base), facets)
            if attempt.total > best.total:
                best = attempt
                corrected = _understood(parsed, {w: [w, *c] for w, c in added.items()})
    if best.total == 0 and len(parsed.positive) > 1 and not best.passages.exists():
        # Last step of the cascade: no row holds every word, so rows holding any of them.
        negated = [g for g in parsed.groups if g not in parsed.positive]
        anyword = syntax.ParsedQuery([[t for g in parsed.positive for t in g], *negated])
        wider = planner.build(anyword, replaced=replaced)
        attempt = _attempt(wider, *_apply(wider, *base), facets)
        if attempt.found:
            best = attempt
            corrected = _understood(anyword, replaced)
            notes.append("no claim or passage holds all the words; these hold some of them")
    if current.names and not best.plan.names:
        best.plan.names = current.names  # the names were understood, whatever matched
    if corrected:
        notes.append(f"showing results for {corrected}")
    if best.total == 0 and not best.passages.exists():
        notes.append("no claims or passages match the query")
    return _result(request, best, corrected, notes)


def _attempt(plan: Plan, claims: QuerySet, passages: QuerySet, facets: bool) -> _Attempt:
    if facets:
        counted = count_facets(claims)
        total = sum(f.count for f in counted["year"])
    else:
        counted, total = {}, claims.count()
    return _Attempt(plan, claims, passages, counted, total)


def _apply(plan: Plan, claims: QuerySet, passages: QuerySet) -> tuple[QuerySet, QuerySet]:
    """Rows that match the plan: its text, and for each name its text or its speaker/topic."""
    if plan.text:
        match = Matches(F("search_vector"), TsQuery(Value(plan.text)))
        claims, passages = claims.filter(match), passages.filter(match)
    for text, name in plan.names:
        # A claim matches a name when it was said by them (its speaker), or mentions them: the
        # topics the extractor tagged it with (through the same aliases, with their
        # exclusions), or the unambiguous Urdu forms of the name in its text (speakers with no
        # topic, provisional ones included). Passages, which carry no tags, match on the forms
        # as text and through the claims they hold.
        owned = _owned(name.speakers, name.topics)
        claims = claims.filter(owned | Q(Matches(F("search_vector"), TsQuery(Value(text)))))
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
    if plan.names:
        said_by = sorted({s for _, name in plan.names for s in name.speakers})
        claims = claims.annotate(
            matched_as=Case(When(speaker__in=said_by, then=Value(SAID_BY)), default=Value(MENTIONS))
        )
    return claims, passages


def _filtered(request: SearchRequest, claims: QuerySet, passages: QuerySet):
    """The starting claims and passages with the request's filters.

    Topic and country filters test each claim's own `topic_ids`, not sets of claims: a country
    admits a quarter of a million-claim archive, and as a set every claim it admits was read and
    hashed before the first result, even when a query matched a few thousand. On the row, the
    query's index picks the rows; without a query the array's GIN index finds a rare topic's
    claims, and for a common topic or a country the newest meetings' claims are read until a
    page is full."""
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


def _matching(model, text: str) -> QuerySet:
    return model.objects.order_by().filter(Matches(F("search_vector"), TsQuery(Value(text))))


def _attested(words: list[str], claims: QuerySet, passages: QuerySet) -> list[str]:
    """The words that occur in the starting rows. The vocabulary holds every row (drafts and
    rejected claims too): a suggestion made to researchers must never reveal those."""
    return [
        w
        for w in words
        if _matching(Claim, tsquery.lexeme(w)).filter(pk__in=claims.values("pk")).exists()
        or _matching(Passage, tsquery.lexeme(w)).filter(pk__in=passages.values("pk")).exists()
    ]


def _understood(parsed: syntax.ParsedQuery, spellings: dict[str, list[str]]) -> str:
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


def _result(request: SearchRequest, best: _Attempt, corrected: str, notes) -> SearchResult:
    if request.sort == "date":
        order = ["meeting__date", "start"]
    elif request.sort == "-date" or not best.plan.rank:
        order = ["-meeting__date", "meeting_id", "start"]
    else:
        order = ["-rank", "-meeting__date", "start"]
    # The stored vectors stay in the database: ranking reads them there, pages never need them.
    claims = best.claims.select_related("speaker", "meeting").defer("search_vector")
    claims = claims.order_by(*order, "pk")
    passages = (
        best.passages.select_related("meeting")
        .defer("search_vector")
        .order_by(*(o for o in order if o != "start"), "position")
    )
    return SearchResult(
        request,
        claims,
        passages,
        best.facets,
        best.plan.terms,
        corrected,
        "; ".join(notes),
        best.total,
        [
            NameMatch(" ".join(n.words), sorted(n.speakers), sorted(n.topics))
            for _, n in best.plan.names
        ],
    )
