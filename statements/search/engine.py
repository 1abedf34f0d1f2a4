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
   them; when no row holds every word, rows holding any of them. Each correction is written as
   a query (`corrected_query`) and that query is searched as if it had been typed, so a
   corrected search returns exactly what searching the corrected words returns (names,
   compounds and word forms included);
4. the claims are counted exactly up to COUNT_LIMIT (10,000) and beyond that the result says
   "more than 10,000" (`count_is_exact`), unless the request asks for the exact count; past
   the limit, the first page is the relevance order of the COUNT_LIMIT + 1 claims the text index
   yields first (in the table's order: the earliest added), not of all of them;
5. search/facets.py counts speaker, topic, country and year over the filtered result, exactly:
   with `facets="auto"` (pages, the API) only when the counts are in the cache or the result is
   small enough (FACETS_INLINE claims) to count within the first response; otherwise
   `facets_complete` is false and the facets endpoint counts them (and caches them);
6. what the researcher should know (a correction, nothing found and what to try instead) is
   a list of `Notice`s, which pages put into words in the interface's language.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connection, connections, router
from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils.safestring import SafeString

from statements.models import Claim, Passage, Speaker, Topic
from statements.search import english, names, syntax, tsquery, vocabulary
from statements.search import plan as planner
from statements.search.expressions import InArray, Matches, NarrativeVector, Rank, TsQuery
from statements.search.facets import Facet, cached_facets
from statements.search.facets import facets as count_facets
from statements.search.highlight import highlight
from statements.search.plan import Plan
from statements.search.request import MAX_QUERY_LENGTH, SearchRequest

THIN = 3  # fewer claims than this: near spellings from the archive's vocabulary join the words
COUNT_LIMIT = 10_000  # claims counted exactly up to this many (Elasticsearch's default)
FACETS_INLINE = 500  # "auto" facets are counted in the first response up to this many claims
FIRST_PAGE = 20  # claims whose ids come with the count (the pages' and the API's first page)
PASSAGE_CANDIDATES = 5_000  # matching paragraphs whose rank decides which narrative is checked
# Why a claim matched a name of the query: said by that speaker, or mentioning the name.
SAID_BY, MENTIONS = "by", "mentions"
# Corrections run as queries, which may be corrected in turn (a misspelt name, then too few
# claims, then no claim with every word): at most this many in a row.
MAX_CORRECTIONS = 4
# Paragraphs whose narrative is checked, the best-matching first (see _in_narrative).
NARRATIVE_CAP = 500


@dataclass(frozen=True)
class Notice:
    """Something the researcher should know about a search, in data: pages word it in the
    interface's language, the API and tests read `SearchResult.message` (English)."""

    TRUNCATED = "truncated"  # the query was cut to MAX_QUERY_LENGTH characters
    NO_WORDS = "no_words"  # nothing searchable in what was typed
    CORRECTED = "corrected"  # near spellings searched: `query` is what was searched
    SOME_WORDS = "some_words"  # no row holds every word: `query` (an or) was searched
    NOTHING = "nothing"  # no claim or passage matches
    DID_YOU_MEAN = "did_you_mean"  # `query`: a name spelt nearly so, which finds something
    INSIDE_WORDS = "inside_words"  # `words` hold the word inside them; `query` finds them
    LATIN_WORDS = "latin_words"  # `words`: English or Roman words the names do not know
    UNKNOWN_FIELDS = "unknown_fields"  # `words`: `name:` in the query that is no field
    NOT_IN_GLOSSARY = "not_in_glossary"  # `words`: English words searched without (no entry)
    # too few rows hold every item: those holding all but one (`query`: the items) are shown
    MOST_WORDS = "most_words"

    kind: str
    query: str = ""
    words: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        english = {
            self.TRUNCATED: f"the query was cut to its first {MAX_QUERY_LENGTH} characters",
            self.NO_WORDS: "the query has no words to search for",
            self.CORRECTED: f"showing results for {self.query}",
            self.SOME_WORDS: "no claim or passage holds all the words; these hold some of them "
            f"(showing results for {self.query})",
            self.MOST_WORDS: "too few claims hold all the words; these hold all but one of "
            f"them ({self.query})",
            self.NOTHING: "no claims or passages match the query",
            self.DID_YOU_MEAN: f"did you mean {self.query}?",
            self.INSIDE_WORDS: f"the word occurs only inside {', '.join(self.words)}: "
            f"search {self.query} to find them",
            self.LATIN_WORDS: f"{', '.join(self.words)}: no name is known in this spelling; "
            "try the Urdu spelling",
            self.UNKNOWN_FIELDS: f"{', '.join(w + ':' for w in self.words)} is no field (speaker, "
            "topic, country, meeting, kind, date): searched as words",
            self.NOT_IN_GLOSSARY: f"{', '.join(self.words)}: not in the glossary, so not searched",
        }
        return english[self.kind]


@dataclass
class SearchResult:
    request: SearchRequest
    claims: QuerySet  # Claim rows, filtered, ordered; annotated with `rank` when q
    passages: QuerySet  # Passage rows matching q (empty without q)
    facets: dict[str, list[Facet]] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)  # folded words the query matched on
    corrected_query: str = ""  # the query searched instead of the typed one, when corrected
    notices: list[Notice] = field(default_factory=list)
    total: int = 0  # number of claims: exact when count_is_exact, else COUNT_LIMIT ("more than")
    count_is_exact: bool = True
    facets_complete: bool = True  # False: facets were left to the facets endpoint
    first_ids: list[int] | None = None  # the first FIRST_PAGE claims' ids, read with the count
    ranked_among: int | None = None  # past COUNT_LIMIT: the first matches ranked, not all
    plan: Plan = field(default_factory=Plan)  # what was searched (names, words)
    # The speakers and topics the query named (statements/search/names.py); each claim then
    # carries `matched_as`: SAID_BY when one of those speakers said it, else MENTIONS.
    names: list[NameMatch] = field(default_factory=list)
    matched_passages: QuerySet | None = None  # every paragraph the query matches (narrative or not)

    def headline(self, text: str) -> SafeString:
        return highlight(text, self.terms)

    def glosses(self, text: str) -> list[tuple[str, str]]:
        """(Urdu rendering, the glossary's English) for the query's English words that `text`
        matched: what an English reader is shown under a result."""
        if not self.plan.english:
            return []
        return english.glosses(set(syntax.words(text)), self.plan.english, self.plan.forms)

    @property
    def narrative_capped(self) -> bool:
        """Whether more paragraphs matched than the NARRATIVE_CAP whose narrative was checked
        (the passages are then those of the best-matching ones)."""
        if self.matched_passages is None:
            return False
        return self.matched_passages.order_by()[NARRATIVE_CAP : NARRATIVE_CAP + 1].exists()

    @property
    def message(self) -> str:
        """The notices in English, one line (logs, tests; pages translate the notices)."""
        return "; ".join(n.text for n in self.notices)

    @cached_property
    def found(self) -> bool:
        """Any claim, or any passage (asked of the database once)."""
        return bool(self.total) or self.passages.exists()

    def paginator(self, per_page: int, rows: QuerySet | None = None) -> Paginator:
        """Pages of the claims, counted as `total` says (no second count of every match), each
        read as PagedClaims reads it; `rows`: the claims queryset to read a page's rows with
        (the API's, with its prefetches)."""
        paged = PagedClaims(self.claims, rows, self.ranked_among, self.first_ids)
        paginator = Paginator(paged, per_page)
        # a cached_property, set once and never queried: the pages there are to turn
        if self.ranked_among is None:
            paginator.count = self.total
        elif self.count_is_exact:
            paginator.count = min(self.total, self.ranked_among)
        else:
            paginator.count = self.ranked_among  # there are at least that many
        return paginator


class PagedClaims:
    """The ordered claims of a search as a sequence that pages are cut from.

    A page is read in two steps: the ids of its claims, in order, from the ids, ranks and dates
    of the matching claims alone (a narrow sort: sorting whole rows, text and search vector
    included, cost three times as much at 10,000 matches), then the rows of those ids. Past
    COUNT_LIMIT matches the order is that of the first `candidates` the index yields."""

    ordered = True  # for Django's Paginator

    def __init__(self, claims, rows=None, candidates=None, first_ids=None):
        self.claims, self.candidates, self.first_ids = claims, candidates, first_ids
        self.rows = claims if rows is None else rows

    def __getitem__(self, window: slice) -> list:
        offset = window.start or 0
        ids = self.ids(offset, window.stop - offset)
        found = {c.pk: c for c in self.rows.filter(pk__in=ids).order_by()}
        return [found[i] for i in ids if i in found]

    def ids(self, offset: int, limit: int) -> list[int]:
        if offset == 0 and self.first_ids is not None and limit <= FIRST_PAGE:
            return self.first_ids[:limit]
        order = [name for name in self.claims.query.order_by if isinstance(name, str)]
        if order[0] != "-rank":  # by date: the date index walks to the page
            return list(self.claims.values_list("pk", flat=True)[offset : offset + limit])
        return [pk for pk, _ in ordered_ids(self.claims, order, self.candidates, offset, limit)]


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
    matched_passages: QuerySet | None = None
    exact: bool = True
    facets_complete: bool = True
    first_ids: list[int] | None = None
    ranked_among: int | None = None

    @cached_property
    def found(self) -> bool:
        """Any claim, or any passage (asked of the database once)."""
        return bool(self.total) or self.passages.exists()


def search(
    request: SearchRequest,
    *,
    claims: QuerySet | None = None,
    passages: QuerySet | None = None,
    facets: str = "auto",
) -> SearchResult:
    """Search `claims` and `passages` (default: the public ones) as `request` says.

    `facets`: "all" counts every facet; "auto" only what is cached or cheap (see
    `facets_complete`); "none" (the admin's lists) nothing."""
    claims = Claim.objects.public() if claims is None else claims
    passages = Passage.objects.public() if passages is None else passages
    limit = None if request.exact_count else COUNT_LIMIT
    return _Search(claims, passages, facets, limit, request.sort).run(request, MAX_CORRECTIONS)


@dataclass
class _Search:
    """The starting rows and options of one search, through the corrections it runs."""

    claims: QuerySet
    passages: QuerySet
    facets: str
    count_limit: int | None = COUNT_LIMIT
    sort: str = "relevance"

    def attempt(self, plan, claims, passages, matched=None) -> _Attempt:
        order = claim_order(self.sort, plan)
        return _attempt(plan, claims, passages, self.facets, self.count_limit, order, matched)

    def run(self, request: SearchRequest, corrections: int, suggest: bool = True) -> SearchResult:
        """The search of `request`, correcting its words up to `corrections` times; with
        `suggest`, a search that finds nothing says what to try (a suggestion itself is run
        without, so it cannot suggest again)."""
        base = _filtered(request, self.claims, self.passages)
        parsed = syntax.parse(request.q)
        notices = [Notice(Notice.TRUNCATED)] if request.truncated else []
        if request.unknown_fields:
            notices.append(Notice(Notice.UNKNOWN_FIELDS, words=request.unknown_fields))
        if not request.q:
            plain = self.attempt(Plan(), base[0], base[1].none())
            return _result(request, plain, notices)
        current = planner.build(parsed, without=frozenset(request.without))
        if current.empty:
            empty = self.attempt(current, base[0].none(), base[1].none())
            return _result(request, empty, [*notices, Notice(Notice.NO_WORDS)])
        if corrections:
            replaced = {
                w: self.attested(vocabulary.near_spellings(w))
                for w in dict.fromkeys(current.unknown)
            }
            replaced = {w: c for w, c in replaced.items() if c}
            if replaced:
                corrected = _understood(parsed, replaced)
                return self.corrected(request, corrected, corrections, notices)
        if current.text_apart and _fewer_than(THIN, _apply(current, *base)[0]):
            # A multi-word English term finds too few claims as its renderings' phrases: its
            # words apart too (`permanent ceasefire`: جنگ بندی کو مستقل), a superset, decided
            # by a bounded count so that only one plan is ranked and counted in full.
            current = replace(current, text=current.text_apart)
        claims, passages, matched = _apply(current, *base)
        best = self.attempt(current, claims, passages, matched)
        if corrections and best.total < THIN and current.plain_words:
            # Thin: the archive's own misspellings of the words join them (sound-alike letters,
            # dotless skeleton, swapped letters; no looser edits while the exact word is found).
            typed = {t.words[0] for t in parsed.terms if len(t.words) == 1}
            added = {
                w: self.attested(vocabulary.near_spellings(w, edits=False))
                for w in current.plain_words
                if w in typed
            }
            added = {w: [w, *c] for w, c in added.items() if c}
            if added:
                wider = self.corrected(request, _understood(parsed, added), corrections, notices)
                if wider.total > best.total:
                    return wider
        if corrections and best.total < THIN and len(best.plan.parts) > 1:
            # Last step of the cascade: too few rows hold every item, so rows holding all but
            # one of them, then any; those holding more items rank first.
            wider = self.widened(request, best.plan, best.total, base, notices)
            if wider is not None:
                return wider
        result = _result(request, best, notices)
        if not result.found and suggest:
            steps = self.next_steps(request, parsed, current)
            result.notices += [Notice(Notice.NOTHING), *steps]
        return result

    def widened(self, request, plan: Plan, found: int, base, notices) -> SearchResult | None:
        """The search of `plan`'s items, `least` of them at a time: all but one (from three
        items), then any one. Each name and each glossary term stays one item, searched as it
        was; negations still exclude. When every item together `found` a claim or two, only
        all but one (of three or more items). The first widening that finds THIN claims is the
        result, else the widest that finds more; None when none finds more than `found`."""
        n = len(plan.parts)
        best, least_of_best = None, 0
        # a query of two items that finds a claim is never cut to one item: that is half of it
        widenings = [n - 1, 1] if n > 2 else [1]
        for least in widenings if not found else widenings[: 1 if n > 2 else 0]:
            attempt = self.attempt(plan, *_apply_widened(plan, least, *base))
            if attempt.total > found and (best is None or attempt.total > best.total):
                best, least_of_best = attempt, least
            if attempt.total >= THIN:
                break
        if best is None:
            return None
        kind = Notice.SOME_WORDS if least_of_best == 1 else Notice.MOST_WORDS
        query = " or ".join(p.label for p in plan.parts)
        result = _result(request, best, [*notices, Notice(kind, query)])
        result.corrected_query = query if kind == Notice.SOME_WORDS else ""
        return result

    def corrected(self, request, query, corrections, notices, kind=Notice.CORRECTED):
        """The search of `query` instead of `request.q`, as if it had been typed."""
        result = self.run(replace(request, q=query, truncated=False), corrections - 1)
        result.request = request
        result.corrected_query = result.corrected_query or query
        said = {n.kind for n in result.notices} & {Notice.CORRECTED, Notice.SOME_WORDS}
        kind = Notice.SOME_WORDS if Notice.SOME_WORDS in {kind, *said} else Notice.CORRECTED
        own = [n for n in result.notices if n.kind not in (Notice.CORRECTED, Notice.SOME_WORDS)]
        result.notices = [*notices, Notice(kind, result.corrected_query), *own]
        return result

    def attested(self, words: list[str]) -> list[str]:
        return _attested(words, self.claims, self.passages)

    def next_steps(self, request, parsed: syntax.ParsedQuery, plan: Plan) -> list[Notice]:
        """When nothing is found: a name spelt nearly so, the longer words a word hides in, or
        a hint that English words are only names. Each suggestion finds something."""
        steps = []
        named = {w for _, name in plan.names for w in name.words}
        named |= {w for term in plan.english for w in term.words}
        latin = [w for t in parsed.terms if not t.negated for w in t.words if w.isascii()]
        latin = list(dict.fromkeys(w for w in latin if not w.isdigit() and w not in named))
        if latin:
            meant = {w: names.near_name(w) for w in latin}
            meant = {w: m for w, m in meant.items() if m}
            suggestion = request.q  # as typed, the misspelt words replaced (Latin: fold = lower)
            for word, name in meant.items():
                suggestion = re.sub(rf"\b{re.escape(word)}\b", name, suggestion, flags=re.I)
            if meant and self.run(replace(request, q=suggestion), 0, suggest=False).found:
                steps.append(Notice(Notice.DID_YOU_MEAN, suggestion))
            else:
                steps.append(Notice(Notice.LATIN_WORDS, words=tuple(latin)))
        for word in plan.plain_words:
            longer = self.attested(vocabulary.longer_words(word))
            if longer:
                steps.append(Notice(Notice.INSIDE_WORDS, f"{word}*", tuple(longer)))
        return steps


def _attempt(
    plan: Plan, claims: QuerySet, passages: QuerySet, facets: str, limit, order, matched=None
) -> _Attempt:
    """Count `claims` (up to `limit`, or all when it is None), read the first page's ids in
    `order` with the same statement, and count their facets as asked (facets in the cache
    give the exact count for free)."""
    counted = count_facets(claims) if facets == "all" else None
    if facets == "auto":
        counted = cached_facets(claims)
    known = None if counted is None else sum(f.count for f in counted["year"])
    first_ids, ranked_among = None, None
    if claims.query.is_empty():
        total, exact = 0, True
    elif order[0] != "-rank":
        # By date: the newest (or oldest) of every match, which the date index walks to; the
        # count stops at limit + 1 rows.
        total, exact = (known, True) if known is not None else bounded_count(claims, limit)
    else:
        # Past `limit`, the first page is ranked among the first limit + 1 matches.
        rows = ordered_ids(claims, order, None if limit is None else limit + 1, 0, FIRST_PAGE)
        seen = rows[0][1] if rows else 0
        first_ids = [pk for pk, _ in rows]
        if limit is not None and seen > limit:
            ranked_among = limit + 1
        if known is not None:
            total, exact = known, True
        else:
            total, exact = (seen, True) if ranked_among is None else (limit, False)
    if facets == "auto" and counted is None and exact and total <= FACETS_INLINE:
        counted = count_facets(claims)
    complete = counted is not None or facets == "none"
    return _Attempt(
        plan, claims, passages, counted or {}, total, matched, exact, complete, first_ids,
        ranked_among,
    )  # fmt: skip


def ordered_ids(claims: QuerySet, order: list[str], candidates, offset: int, limit: int):
    """[(id, number of rows)] of `claims` in `order`, from `offset`: one statement that reads
    the matching rows once (at most `candidates` of them when given), sorting only their ids,
    ranks and dates, and counts them on the way (window count over the same rows)."""
    columns = list(dict.fromkeys(name.lstrip("-") for name in order))
    inner = claims.order_by().values(*columns)
    if candidates:
        inner = inner[:candidates]
    sql, params = inner.query.sql_with_params()
    quote = connection.ops.quote_name
    by = ", ".join(
        quote(name.lstrip("-")) + (" DESC" if name.startswith("-") else "") for name in order
    )
    with connections[router.db_for_read(Claim)].cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('pk')}, count(*) OVER () FROM ({sql}) c "
            f"ORDER BY {by} LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return cursor.fetchall()


def bounded_count(claims: QuerySet, limit: int | None) -> tuple[int, bool]:
    """(how many claims, exactly?): exact up to `limit`; past it, (limit, False). Counting
    stops at limit + 1 rows, so a word in half the archive costs what one in `limit` does."""
    if limit is None:
        return claims.order_by().count(), True
    n = claims.order_by().values("pk")[: limit + 1].count()
    return (n, True) if n <= limit else (limit, False)


def _apply(plan: Plan, claims: QuerySet, passages: QuerySet) -> tuple[QuerySet, ...]:
    """Rows that match the plan: its text, and for each name its text or its speaker/topic.
    Passages match in their narrative only (the text around their claims, which are results
    of their own): the stored vector's index picks them, the narrative is checked on those.
    Returns the claims, those passages, and every passage the query matches."""
    narrative = []
    if plan.text:
        match = Matches(F("search_vector"), TsQuery(Value(plan.text)))
        claims, passages = claims.filter(match), passages.filter(match)
        narrative.append(plan.text)
    for text, name in plan.names:
        # A claim matches a name when it was said by them (its speaker), or mentions them: the
        # topics the extractor tagged it with (through the same aliases, with their
        # exclusions), the words as typed (an ambiguous Urdu word keeps its other senses), or
        # the unambiguous Urdu forms of the name in its text (speakers with no topic,
        # provisional ones included). Passages, which carry no tags, match on the forms.
        owned = _owned(name.speakers, name.topics)
        typed = Matches(F("search_vector"), TsQuery(Value(name.tsquery())))
        claims = claims.filter(owned | Q(typed))
        # As an array, not `IN (...)`: the planner cannot estimate the index's rows and,
        # expecting a few, would rank every passage of the archive to stop early.
        by_text = _matching(Passage, text).order_by().values("pk")
        passages = passages.filter(InArray(F("pk"), Subquery(by_text)))
        narrative.append(text)
    if plan.rank:
        rank = Rank(F("search_vector"), TsQuery(Value(plan.rank)))
        claims, passages = claims.annotate(rank=rank), passages.annotate(rank=rank)
    if plan.names:
        said_by = sorted({s for _, name in plan.names for s in name.speakers})
        claims = claims.annotate(
            matched_as=Case(When(speaker__in=said_by, then=Value(SAID_BY)), default=Value(MENTIONS))
        )
    matched = passages
    if narrative:
        passages = _in_narrative(passages, tsquery.all_of(narrative), plan.rank)
    return claims, passages, matched


def _fewer_than(n: int, claims: QuerySet) -> bool:
    """Whether fewer than `n` of `claims` match (reads at most `n` rows' ids)."""
    return claims.order_by().values("pk")[:n].count() < n


def _apply_widened(plan: Plan, least: int, claims: QuerySet, passages: QuerySet):
    """Rows that hold at least `least` of the plan's parts (Plan.parts: a name, an English
    term with its words apart, a group of alternatives) and none of its negations, as _apply
    returns them. A claim's rank is the number of parts it holds plus its ts_rank scaled
    below one, so more parts come first and, among equals, the usual ranking decides."""
    texts = [p.tsquery(apart=True) for p in plan.parts]
    combos = list(itertools.combinations(range(len(texts)), least))
    negations = [tsquery.negate(n) for n in plan.negations]
    passage_text = tsquery.all_of(
        [tsquery.any_of([tsquery.all_of([texts[i] for i in c]) for c in combos]), *negations]
    )

    def holds(i: int) -> Q:
        part = plan.parts[i]
        typed = Q(Matches(F("search_vector"), TsQuery(Value(texts[i]))))
        return typed | _owned(part.name.speakers, part.name.topics) if part.name else typed

    if any(p.name for p in plan.parts):
        held = [holds(i) for i in range(len(texts))]
        match = functools.reduce(
            operator.or_, (functools.reduce(operator.and_, (held[i] for i in c)) for c in combos)
        )
        if negations:
            match &= Q(Matches(F("search_vector"), TsQuery(Value(tsquery.all_of(negations)))))
        claims = claims.filter(match)
    else:
        held = [Q(Matches(F("search_vector"), TsQuery(Value(t)))) for t in texts]
        claims = claims.filter(Matches(F("search_vector"), TsQuery(Value(passage_text))))
    passages = passages.filter(Matches(F("search_vector"), TsQuery(Value(passage_text))))
    count = sum((Case(When(h, then=Value(1.0)), default=Value(0.0)) for h in held), Value(0.0))
    score = Rank(F("search_vector"), TsQuery(Value(plan.rank)))
    claims = claims.annotate(rank=count + score / (score + Value(1.0)))
    passages = passages.annotate(rank=Rank(F("search_vector"), TsQuery(Value(plan.rank))))
    if plan.names:
        said_by = sorted({s for _, name in plan.names for s in name.speakers})
        claims = claims.annotate(
            matched_as=Case(When(speaker__in=said_by, then=Value(SAID_BY)), default=Value(MENTIONS))
        )
    return claims, _in_narrative(passages, passage_text, plan.rank), passages


def _in_narrative(passages: QuerySet, text: str, rank: str) -> QuerySet:
    """The passages whose narrative matches `text`, among the NARRATIVE_CAP that match best:
    the narrative is built per row (about 20 µs), so it is checked on a bounded set, not on the
    tens of thousands of paragraphs a common word is in. (`SearchResult.narrative_capped` says
    when more paragraphs matched than were checked.) The best are chosen among the first
    PASSAGE_CANDIDATES matching paragraphs the index yields, so a word in half the archive is
    not ranked in all of them. The best ids come first, as an array the rows are then read by,
    so the planner cannot check every matching row before the cap."""
    order = ["-rank", "-pk"] if rank else ["-pk"]
    candidates = passages.order_by().values("pk")[:PASSAGE_CANDIDATES]
    best = passages.filter(InArray(F("pk"), Subquery(candidates)))
    best = best.order_by(*order).values("pk")[:NARRATIVE_CAP]
    checked = Passage.objects.filter(InArray(F("pk"), Subquery(best)))
    checked = checked.filter(Matches(NarrativeVector(), TsQuery(Value(text))))
    if rank:
        checked = checked.annotate(rank=Rank(F("search_vector"), TsQuery(Value(rank))))
    return checked


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
        claims = claims.filter(date__gte=request.date_from)
        passages = passages.filter(meeting__date__gte=request.date_from)
    if request.date_to:
        claims = claims.filter(date__lte=request.date_to)
        passages = passages.filter(meeting__date__lte=request.date_to)
    if request.review_statuses:
        claims = claims.filter(review_status__in=request.review_statuses)
    if request.kinds:
        claims = claims.filter(kind__in=request.kinds)
    if (
        request.speakers
        or request.topics
        or request.countries
        or request.review_statuses
        or request.kinds
    ):
        # Passages carry no speaker, topic, kind or status: they follow the claims they hold.
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
    """The query to search instead: each typed word of `spellings` replaced by its spellings
    (the word itself among them when it stays), as web-search syntax."""
    out = []
    for group in parsed.groups:
        texts = []
        for t in group:
            word = t.words[0] if len(t.words) == 1 and not t.phrase and not t.prefix else None
            if word in spellings:
                texts += [("-" if t.negated else "") + s for s in spellings[word]]
            else:
                texts.append(t.text)
        out.append(" or ".join(dict.fromkeys(texts)))
    return " ".join(out)


def claim_order(sort: str, plan: Plan) -> list[str]:
    """The order of a search's claims (then by id)."""
    if sort == "date":
        order = ["date", "meeting_id", "start"]
    elif sort == "-date" or not plan.rank:
        order = ["-date", "meeting_id", "start"]
    else:
        order = ["-rank", "-date", "meeting_id", "start"]
    return [*order, "pk"]


def _result(request: SearchRequest, best: _Attempt, notices: list[Notice]) -> SearchResult:
    order = claim_order(request.sort, best.plan)
    left_out = [w for w in best.plan.english_unknown if best.plan.rank]
    if left_out and not any(n.kind == Notice.NOT_IN_GLOSSARY for n in notices):
        notices = [*notices, Notice(Notice.NOT_IN_GLOSSARY, words=tuple(left_out))]
    claims = best.claims
    # The stored vectors stay in the database: ranking reads them there, pages never need them.
    claims = claims.select_related("speaker", "meeting").defer("search_vector")
    claims = claims.order_by(*order)
    passages = (
        best.passages.select_related("meeting")
        .defer("search_vector")
        .order_by(*(o.replace("date", "meeting__date") for o in order if o != "start"), "position")
    )
    return SearchResult(
        request,
        claims,
        passages,
        best.facets,
        best.plan.terms,
        notices=list(notices),
        total=best.total,
        count_is_exact=best.exact,
        facets_complete=best.facets_complete,
        first_ids=best.first_ids,
        ranked_among=best.ranked_among,
        plan=best.plan,
        matched_passages=best.matched_passages,
        names=[
            NameMatch(" ".join(n.words), sorted(n.speakers), sorted(n.topics))
            for _, n in best.plan.names
        ],
    )
