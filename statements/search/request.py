"""A search request: the URL state of a search, both ways.

    request = SearchRequest.from_params(request.GET)   # raises SearchError (-> a 400) on bad input
    request.to_params()                                 # the canonical parameters back
    query_string(request.to_params())                   # "?q=...&speaker=3"

Pages, the API and the feeds read a search from the URL here and write links to it here, so
the state a researcher sees in the address bar is the state that was searched.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import QueryDict

from statements.models import Claim, Meeting, Speaker, Topic
from statements.search import field_values, fields
from statements.search.syntax import words

SORTS = ("relevance", "date", "-date")
MAX_QUERY_LENGTH = 500  # longer queries are cut here (and the result says so), not refused
FILTERS = ("speaker", "meeting", "topic", "country", "kind", "review_status")
MAX_WITHOUT = 40  # renderings of English words a researcher may drop in one search


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
    kinds: tuple[str, ...] = ()
    sort: str = "relevance"
    truncated: bool = False  # the typed query was longer than MAX_QUERY_LENGTH and was cut
    exact_count: bool = False  # count=exact: count every matching claim, past COUNT_LIMIT too
    # The query held field terms (speaker:..., date:...), now filters: the canonical URL differs
    # from the one typed (pages redirect to it).
    fielded: bool = False
    unknown_fields: tuple[
        str, ...
    ] = ()  # `name:` in the query that is no field (searched as words)
    # without=: Urdu renderings of the query's English words left out (folded, sorted)
    without: tuple[str, ...] = ()

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
        request = cls(
            q=q,
            speakers=_resolve("speaker", values("speaker"), Speaker.objects.public()),
            meetings=_resolve("meeting", values("meeting"), Meeting.objects.public()),
            topics=_resolve("topic", values("topic"), Topic.objects.public()),
            countries=countries,
            date_from=_date("date_from", values("date_from")),
            date_to=_date("date_to", values("date_to")),
            review_statuses=statuses,
            kinds=_kinds(values("kind")),
            sort=sort,
            exact_count=_exact_count(values("count")),
            without=_without(params),
            truncated=truncated,
        )
        return with_fields(request)

    def to_params(self) -> dict[str, list[str]]:
        """The canonical query parameters of this search (ids, codes, ISO dates)."""
        params = {
            "q": [self.q] if self.q else [],
            "speaker": [str(i) for i in self.speakers],
            "meeting": [str(i) for i in self.meetings],
            "topic": [str(i) for i in self.topics],
            "country": list(self.countries),
            "date_from": [self.date_from.isoformat()] if self.date_from else [],
            "date_to": [self.date_to.isoformat()] if self.date_to else [],
            "review_status": list(self.review_statuses),
            "kind": list(self.kinds),
            "sort": [self.sort] if self.sort != "relevance" else [],
            "count": ["exact"] if self.exact_count else [],
            "without": list(self.without) if self.q else [],
        }
        return {k: v for k, v in params.items() if v}


def query_string(params: dict[str, list[str]]) -> str:
    """`?a=1&b=2` of canonical parameters (`?` alone when there are none)."""
    return "?" + urlencode(params, doseq=True) if params else "?"


def clean_params(query: QueryDict) -> QueryDict:
    """The query string without NUL characters, which PostgreSQL text cannot hold."""
    params = QueryDict(mutable=True)
    for name, values in query.lists():
        params.setlist(name.replace("\x00", ""), [v.replace("\x00", "") for v in values])
    return params


def _resolve(name: str, raw: list[str], queryset: QuerySet) -> tuple[int, ...]:
    """Ids of the rows `raw` names (ids or slugs), among the public ones only: a row that exists
    but is not public is refused exactly as one that does not exist, so that filters never
    reveal (or confirm) what drafts hold."""
    ids = []
    for value in raw:
        lookup = {"pk": int(value)} if value.isdecimal() and len(value) < 19 else {"slug": value}
        found = queryset.filter(**lookup).values_list("pk", flat=True).first()
        if found is None:
            raise SearchError(name, f"there is no {name} {value!r}")
        ids.append(found)
    return tuple(ids)


def _kinds(raw: list[str]) -> tuple[str, ...]:
    for kind in raw:
        if kind not in Claim.Kind.values:
            raise SearchError("kind", f"kind must be one of {', '.join(Claim.Kind.values)}")
    return tuple(dict.fromkeys(raw))


def with_fields(request: SearchRequest) -> SearchRequest:
    """The request with the field terms of its query (statements/search/fields.py) made
    filters, as if they had come as URL parameters: speaker, topic, country and meeting values
    are added to the request's own (any of them), a date narrows its range."""
    try:
        extracted = fields.extract(request.q)
    except fields.FieldError as error:
        raise SearchError(error.field, error.message) from None
    unknown = tuple(extracted.unknown)
    if not extracted.terms:
        return replace(request, unknown_fields=unknown) if unknown else request
    found: dict[str, list] = {"speaker": [], "topic": [], "country": [], "meeting": [], "kind": []}
    date_from, date_to = request.date_from, request.date_to
    for term in extracted.terms:
        try:
            if term.field == "date":
                first, last = fields.date_range(term.value)
                date_from = max(filter(None, (date_from, first)), default=None)
                date_to = min(filter(None, (date_to, last)), default=None)
            else:
                found[term.field] += field_values.resolve(term.field, term.value)
        except fields.FieldError as error:
            raise SearchError(error.field, error.message) from None
    merged = lambda own, new: tuple(dict.fromkeys([*own, *new]))  # noqa: E731
    return replace(
        request,
        q=extracted.rest,
        speakers=merged(request.speakers, found["speaker"]),
        topics=merged(request.topics, found["topic"]),
        countries=merged(request.countries, found["country"]),
        meetings=merged(request.meetings, found["meeting"]),
        kinds=merged(request.kinds, found["kind"]),
        date_from=date_from,
        date_to=date_to,
        fielded=True,
        unknown_fields=unknown,
    )


def _without(params: Mapping) -> tuple[str, ...]:
    """The renderings to leave out, folded as the search folds Urdu, each once, sorted: one
    canonical URL for one search. (Not split on commas: a rendering may hold the Urdu comma.)"""
    raw = params.getlist("without") if hasattr(params, "getlist") else params.get("without", [])
    raw = [raw] if isinstance(raw, str) else list(raw)
    folded = {" ".join(words(str(r))) for r in raw} - {""}
    if len(folded) > MAX_WITHOUT:
        raise SearchError("without", f"at most {MAX_WITHOUT} renderings can be left out")
    if any(len(f) > 200 for f in folded):
        raise SearchError("without", "a rendering to leave out is at most 200 characters")
    return tuple(sorted(folded))


def _exact_count(raw: list[str]) -> bool:
    if not raw:
        return False
    if raw != ["exact"]:
        raise SearchError("count", "count must be 'exact' (count every matching claim)")
    return True


def _date(name: str, raw: list[str]) -> datetime.date | None:
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw[0])
    except ValueError:
        raise SearchError(name, f"{name} must be a date as YYYY-MM-DD, not {raw[0]!r}") from None
