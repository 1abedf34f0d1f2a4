"""The search's SQL expressions, in the style of django.contrib.postgres.search: each a small
Func whose SQL is its template. The stored vector itself (`UrduSearchVector`) and the fold
(`UrduNormalize`) live in statements/models.py, where the migrations find them."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQueryField
from django.db.models import BooleanField, FloatField, Func


class TsQuery(Func):
    """tsquery text built by search/tsquery.py (quoted lexemes only), cast as it is: no
    parser runs over it again, so the lexemes are exactly the folded words of the index."""

    template = "%(expressions)s::tsquery"
    output_field = SearchQueryField()


class Matches(Func):
    """`vector @@ query`."""

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
