"""The English-query evaluation (manage.py evaluate_english) keeps working: a few queries of
the set over the documents they name, ingested through the real ingest (not timed)."""

import io

import pytest
from django.core.management import call_command

from statements.search import evaluation

pytestmark = pytest.mark.django_db


def test_the_query_set_is_well_formed():
    queries = evaluation.load_queries()
    assert len(queries) >= 150
    assert {q["set"] for q in queries} == {"dev", "test"}
    assert all(q["query"].strip() and q["must"] for q in queries)
    docs = {p.stem for p in evaluation.CORPUS.glob("*.txt")} | {
        p.stem for p in evaluation.SEEDS.glob("*.txt")
    }
    assert {m["doc"] for q in queries for m in q["must"]} <= docs


def test_a_few_queries_run_and_are_scored(glossary):
    queries = [q for q in evaluation.load_queries("dev") if q["must"][0]["doc"].startswith("0")]
    queries = queries[:5]
    meetings = evaluation.ingest_corpus({m["doc"] for q in queries for m in q["must"]})
    outcomes = evaluation.evaluate(queries, meetings)
    assert sum(o.wanted for o in outcomes) >= 5
    assert sum(o.found for o in outcomes) >= 1
    lines = evaluation.report(outcomes, verbose=True)
    assert lines[0].split()[-1] == "recall@10"


def test_the_command_prints_recall_in_place(glossary):
    out = io.StringIO()
    call_command("evaluate_english", "--set", "dev", "--id", "q017", "--in-place", stdout=out)
    assert "dev    all" in out.getvalue()
