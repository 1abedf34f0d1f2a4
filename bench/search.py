"""Search latency over the archive as it is (build one with `manage.py make_corpus --claims N
--seed S --publish`): for a fixed query mix, led by three words of the archive's vocabulary chosen
by how many rows hold them (about 20, 200 and 2000 claims and passages), p50 and p95 of

- search(): the whole search as a page runs it (query plan, vocabulary, facets, first 20 claims
  and 10 passages), with the facet cache emptied before each run (cold),
- the same search with its facet counts in the cache (what a repeated search costs until the
  archive changes),
- the same search without facets,
- bare SQL: the SQL statements search() sends (vocabulary look-ups, facets, first 20 claims, first
  10 passages) replayed by themselves on the same indexes; and the claims statement alone,
- count floor: `SELECT count(*)` of the matching claims alone (Django's .count() of the result),
  the least any exact total can cost, before ranking, facets or passages,
- naive ILIKE: the typed words as '%word%' over the claim text, first 20 by date,

and the ratios. Run: `.venv/bin/python bench/search.py [--repeat 15]`. Prints a table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from statements.models import Claim  # noqa: E402
from statements.search import SearchRequest, search  # noqa: E402
from statements.search import engine as search_module  # noqa: E402

MIX = [
    ("rare word", {"q": "گھونپیں"}),  # "stab": once in the seed
    ("common word", {"q": "تعاون"}),
    ("phrase", {"q": '"روس کے صدر"'}),
    ("two-word AND", {"q": "تہران ماسکو"}),
    ("English alias", {"q": "Putin"}),
    ("typo", {"q": "نظر"}),
    ("common + speaker", {"q": "شام", "speaker": "vladimir-putin"}),
    ("common + dates", {"q": "تعاون", "date_from": "2010-01-01", "date_to": "2012-12-31"}),
    ("alias + country", {"q": "Syria", "country": "IR"}),
]


# How the cost grows with the number of matches: the words of the archive's own vocabulary held
# by the number of rows (claims and passages) nearest to each figure, chosen at run time; the
# hits column counts the claims they find with their word forms.
BY_FREQUENCY = (20, 200, 2000)


def by_frequency() -> list[tuple[str, dict]]:
    out = []
    with connection.cursor() as cursor:
        for ndoc in BY_FREQUENCY:
            cursor.execute(
                "SELECT word, ndoc FROM search_vocabulary WHERE ndoc > 0 "
                "ORDER BY abs(ndoc - %s), word LIMIT 1",
                [ndoc],
            )
            row = cursor.fetchone()
            if row:
                out.append((f"word in {row[1]} rows", {"q": row[0]}))
    return out


def timed(fn, repeat: int) -> list[float]:
    fn()  # warm the caches once
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    public = Claim.objects.public().count()
    print(f"public claims: {public}; repeat {args.repeat}; times in ms")
    header = (
        f"{'query':18} {'hits':>6} | {'search p50':>10} {'p95':>6} | {'cached p95':>10} | "
        f"{'no facets p95':>13} | "
        f"{'bare SQL p50':>12} {'p95':>6} | {'claims SQL p95':>14} | {'count floor p95':>15} | "
        f"{'ILIKE p50':>9} "
        f"{'p95':>7} | {'search/bare':>11} {'ILIKE/search':>12}"
    )
    print(header)
    print("-" * len(header))
    real_facets = search_module.count_facets
    for label, params in by_frequency() + MIX:
        request = SearchRequest.from_params(params)

        def full(request=request):
            cache.clear()  # cold: facets counted, not taken from the facet cache
            r = search(request)
            list(r.claims[:20])
            list(r.passages[:10])
            return r

        def warm(request=request):
            r = search(request)  # facets from the cache (same search, same archive version)
            list(r.claims[:20])
            list(r.passages[:10])

        def no_facets(request=request):
            search_module.count_facets = lambda claims: {"speaker": [], "topic": [], "country": [],
                                                    "year": [search_module.Facet("", "", 99)]}  # fmt: skip
            try:
                r = search(request)
                list(r.claims[:20])
                list(r.passages[:10])
            finally:
                search_module.count_facets = real_facets

        result = full()
        hits = sum(f.count for f in result.facets["year"])
        sql, sql_params = result.claims[:20].query.sql_with_params()
        with CaptureQueriesContext(connection) as captured:
            full()
        statements = [q["sql"] for q in captured.captured_queries]
        with CaptureQueriesContext(connection) as counted:
            result.claims.count()
        count_sql = counted.captured_queries[-1]["sql"]

        def count_floor(count_sql=count_sql):
            with connection.cursor() as cursor:
                cursor.execute(count_sql)
                cursor.fetchall()

        def bare_claims(sql=sql, sql_params=sql_params):
            with connection.cursor() as cursor:
                cursor.execute(sql, sql_params)
                cursor.fetchall()

        def bare(statements=statements):
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
                    cursor.fetchall()

        words = [w for t in search_module.syntax.parse(params["q"]).terms for w in t.words]
        like = " AND ".join(["c.text ILIKE %s"] * len(words))
        like_sql = (
            "SELECT c.id FROM statements_claim c JOIN statements_meeting m ON m.id = c.meeting_id "
            f"WHERE m.status = 'published' AND c.review_status <> 'rejected' AND {like} "
            "ORDER BY m.date DESC LIMIT 20"
        )

        def ilike(words=words, like_sql=like_sql):
            with connection.cursor() as cursor:
                cursor.execute(like_sql, [f"%{w}%" for w in words])
                cursor.fetchall()

        t_full = timed(full, args.repeat)
        t_warm = timed(warm, args.repeat)
        t_nof = timed(no_facets, args.repeat)
        t_bare = timed(bare, args.repeat)
        t_claims = timed(bare_claims, args.repeat)
        t_count = timed(count_floor, args.repeat)
        t_like = timed(ilike, max(3, args.repeat // 3))
        print(
            f"{label:18} {hits:>6} | {p(t_full, 50):>10.1f} {p(t_full, 95):>6.1f} | "
            f"{p(t_warm, 95):>10.1f} | "
            f"{p(t_nof, 95):>13.1f} | {p(t_bare, 50):>12.1f} {p(t_bare, 95):>6.1f} | "
            f"{p(t_claims, 95):>14.1f} | {p(t_count, 95):>15.1f} | "
            f"{p(t_like, 50):>9.1f} {p(t_like, 95):>7.1f} | "
            f"{p(t_full, 95) / p(t_bare, 95):>10.1f}x {p(t_like, 50) / p(t_full, 50):>11.1f}x"
        )


if __name__ == "__main__":
    main()
