"""The search's SQL expressions, in the style of django.contrib.postgres.search: each a small
Func whose SQL is its template. The stored vector itself (`UrduSearchVector`) and the fold
(`UrduNormalize`) live in statements/models.py, where the migrations find them."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQueryField, SearchVectorField
from django.db.models import BooleanField, F, FloatField, Func


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


class NarrativeVector(Func):
    """The search vector of a passage's narrative: its text outside the claims it holds
    (rejected claims count as narrative: they are never listed), the stretches between claims
    joined by spaces. Claims are listed as results of their own; a passage is one only for what
    its narrative holds. Computed on the rows the stored vector's index already picked."""

    output_field = SearchVectorField()
    template = """to_tsvector('simple'::regconfig, urdu_normalize(coalesce((
        SELECT string_agg(substr({text}, g.a - {start} + 1, g.b - g.a), ' ' ORDER BY g.a)
          FROM (SELECT coalesce(max(c."end") OVER w, {start}) AS a, c."start" AS b
                  FROM statements_claim c
                 WHERE c.passage_id = {id} AND c.review_status <> 'rejected'
                WINDOW w AS (ORDER BY c."start", c."end"
                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                UNION ALL
                SELECT coalesce(max(c."end"), {start}), {end}
                  FROM statements_claim c
                 WHERE c.passage_id = {id} AND c.review_status <> 'rejected') g
         WHERE g.b > g.a), '')))"""

    def __init__(self):
        super().__init__(F("id"), F("text"), F("start"), F("end"))

    def as_sql(self, compiler, connection, **extra_context):
        columns = {}
        for name, expression in zip(
            ("id", "text", "start", "end"), self.source_expressions, strict=True
        ):
            sql, params = compiler.compile(expression)
            assert not params  # plain columns of the passage row
            columns[name] = sql
        return self.template.format(**columns), []
