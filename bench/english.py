"""English queries against the Urdu queries they become, on the same database (build one with
`manage.py make_corpus --claims N --seed S --publish`; the glossary must be loaded:
`manage.py load_glossary`).

    .venv/bin/python bench/english.py [--repeat 7]

Each English or mixed query is searched through the one search (statements.search.search, the
first page of claims read as the page reads it, facets as the page asks), and so is the Urdu
query it became: each English term replaced by its renderings as a typed Urdu query writes them
(`a or b or "c d"`; for a multi-word term whose phrases find fewer than THIN claims, as the
search then does, its words apart). The response cache is emptied before every run. Prints the median of each
and their ratio; the target is an English query costing at most 1.5x its Urdu query.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402

from statements.models import Claim  # noqa: E402
from statements.search import SearchRequest, search, syntax  # noqa: E402
from statements.search import plan as planner  # noqa: E402
from statements.search.engine import THIN  # noqa: E402

QUERIES = [
    "cooperation",
    "terrorism",
    "economic cooperation",
    "nuclear deal",
    "joint statement",
    "peace talks",
    "bilateral relations",
    "express concern",
    "Putin cooperation",
    "پیوٹن security",
    "trade and investment",
    "sanctions",
]


def urdu_query(q: str) -> str:
    """The Urdu query an English query became: its English terms replaced by their renderings.

    A multi-word term is searched as its renderings' phrases, and when they find fewer than
    THIN claims also as its words apart (search/engine.py): then the Urdu query it became is
    the one a researcher would type for the words apart (`a or b c or d`), which finds the same
    claims; comparing with the phrase alone would compare two different searches."""
    plan = planner.build(syntax.parse(q))
    names = [" ".join(name.words) for _, name in plan.names if not name.english]
    phrases = " ".join([*names, *(term.urdu_query() for term in plan.english)])
    if not any(term.parts for term in plan.english):
        return phrases
    if search(SearchRequest(q=phrases)).total >= THIN:
        return phrases
    apart = [
        " ".join(p.urdu_query() for p in term.parts) if term.parts else term.urdu_query()
        for term in plan.english
    ]
    return " ".join([*names, *apart])


def timed(q: str) -> float:
    cache.clear()
    began = time.perf_counter()
    result = search(SearchRequest(q=q))
    list(result.claims[:20])
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    print(f"claims in the archive: {Claim.objects.count():,}")
    print(f"{'query':<24} {'english ms':>10} {'urdu ms':>8} {'ratio':>6}  urdu query")
    ratios = []
    for q in QUERIES:
        ur = urdu_query(q)
        english, urdu = [], []
        for _ in range(args.repeat):  # interleaved, so that load on the machine hits both
            english.append(timed(q))
            urdu.append(timed(ur))
        e, u = statistics.median(english) * 1000, statistics.median(urdu) * 1000
        ratios.append(e / u)
        print(f"{q:<24} {e:>10.1f} {u:>8.1f} {e / u:>6.2f}  {ur[:60]}")
    print(f"median ratio {statistics.median(ratios):.2f}, worst {max(ratios):.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
