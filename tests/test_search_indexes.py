"""Every query shape the search runs can use the GIN indexes over the stored search vectors."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from statements.search import SearchRequest, search

pytestmark = pytest.mark.django_db

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
    ("filters", {"q": "شام", "speaker": "vladimir-putin", "date_from": "2015-01-01"}),
    ("country", {"q": "تعاون", "country": "RU"}),
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
        cursor.execute("SET LOCAL enable_seqscan = off")
        for sql in text_queries:
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(r[0] for r in cursor.fetchall())
            if '"statements_claim"."search_vector" @@' in sql:
                assert "claim_search_gin" in plan, (shape, sql, plan)
            if '"statements_passage"."search_vector" @@' in sql:
                assert "passage_search_gin" in plan, (shape, sql, plan)
            assert "Seq Scan on statements_claim " not in plan.replace('"', ""), plan
