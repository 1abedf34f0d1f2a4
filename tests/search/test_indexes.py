"""Every query shape the search runs uses the GIN indexes over the stored search vectors, on a
synthetic corpus big enough for the planner to prefer them (made once for this module): with
the planner's alternatives switched off, that an index can serve each shape; with the planner
free, that it does serve the main ones."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from statements.search import SearchRequest, search

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def synthetic_corpus(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("make_corpus", claims=20000, seed=3, publish=True, stdout=io.StringIO())
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # statistics, as autovacuum would keep them
        yield
        call_command("make_corpus", delete=True, stdout=io.StringIO())


SHAPES = [
    ("rare word", {"q": "ایرواسپیس"}),
    ("common word", {"q": "شام"}),
    ("phrase", {"q": '"روس کے صدر"'}),
    ("two words", {"q": "تہران ماسکو"}),
    ("or", {"q": "داعش or ایرواسپیس"}),
    ("exclusion", {"q": "امریکہ -شام"}),
    ("prefix", {"q": "دہشت*"}),
    ("word forms", {"q": "ملک"}),
    ("compound", {"q": "دو طرفہ"}),
    ("English alias", {"q": "Putin"}),
    ("topic alias", {"q": "Syria"}),
    ("typo", {"q": "نظر"}),
    ("thin", {"q": "سیاسی"}),
    # With a selective filter the planner may rightly start from the filter's own index.
    ("filters: speaker", {"q": "شام", "speaker": "vladimir-putin", "date_from": "2015-01-01"}),
    ("filters: country", {"q": "تعاون", "country": "RU"}),
    ("date sort", {"q": "تعاون", "sort": "-date"}),
]


@pytest.mark.parametrize(("shape", "params"), SHAPES, ids=[s[0] for s in SHAPES])
def test_every_text_condition_uses_a_gin_index(seeded, shape, params):
    with CaptureQueriesContext(connection) as captured:
        result = search(SearchRequest.from_params(params))
        list(result.claims[:20])
        list(result.passages[:20])
    text_queries = [q["sql"] for q in captured.captured_queries if "@@" in q["sql"]]
    assert text_queries, shape
    with connection.cursor() as cursor:
        # At this size the planner may still walk a btree (or loop over meetings) and filter;
        # without sequential scans, plain index scans and nested loops, what it picks shows
        # which index serves the text condition (at 100k claims it picks it unaided).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_nestloop = off")
        for sql in text_queries:
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(r[0] for r in cursor.fetchall())
            if "filters" in shape:
                # The filter's own index (speaker, topic ids) or the text index: never a scan
                # of every claim or passage.
                assert "Seq Scan on statements_claim " not in plan, (shape, sql, plan)
                assert "Seq Scan on statements_passage " not in plan, (shape, sql, plan)
                assert "Index" in plan, (shape, sql, plan)
                continue
            if '"statements_claim"."search_vector" @@' in sql:
                assert "claim_search_gin" in plan, (shape, sql, plan)
            if '"statements_passage"."search_vector" @@' in sql:
                assert "passage_search_gin" in plan, (shape, sql, plan)


FREE_SHAPES = [s for s in SHAPES if s[0] in {"rare word", "common word", "two words", "or"}]


@pytest.mark.parametrize(("shape", "params"), FREE_SHAPES, ids=[s[0] for s in FREE_SHAPES])
def test_the_planner_left_alone_picks_the_text_index(seeded, shape, params):
    """No planner switches: on 20,000 claims with fresh statistics, the first page of claims
    is found through the GIN index (not by walking the claims in date order and filtering)."""
    with CaptureQueriesContext(connection) as captured:
        result = search(SearchRequest.from_params(params))
        list(result.claims[:20])
    page = [
        q["sql"]
        for q in captured.captured_queries
        if '"statements_claim"."search_vector" @@' in q["sql"] and "LIMIT 20" in q["sql"]
    ]
    assert page, shape
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + page[-1])
        plan = "\n".join(r[0] for r in cursor.fetchall())
    assert "claim_search_gin" in plan, (shape, plan)


@pytest.mark.parametrize("params", [{"topic": "syria"}, {"topic": "syria", "q": "تعاون"}])
def test_a_topic_filter_reads_the_claims_own_topic_ids(seeded, params):
    """The topic filter tests the claim's topic_ids (migration 0009), never the tag table; alone
    it is served by the array's GIN index, whatever the planner would pick at this size."""
    with CaptureQueriesContext(connection) as captured:
        result = search(SearchRequest.from_params(params))
        list(result.claims[:20])
    claim_queries = [q["sql"] for q in captured.captured_queries if "topic_ids" in q["sql"]]
    assert claim_queries
    assert not any("statements_claim_topics" in sql for sql in claim_queries)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        for sql in claim_queries:
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(r[0] for r in cursor.fetchall())
            # Alone, the array's index finds the topic's claims; under a query, the text index
            # picks the rows and the filter is checked on each.
            index = "claim_search_gin" if "q" in params else "claim_topic_ids_gin"
            assert index in plan, (sql, plan)
