"""Search latency over the archive as it is (build one with `manage.py make_corpus --claims N
--seed S --publish`), against SQLite FTS5 (Datasette's engine) over the same claims.

    .venv/bin/python bench/search.py [--repeat 11] [--fts5 bench/results/fts5.sqlite]

For a mix of query classes (a word in about 10, 100, 1k, 10k and 80k claims, chosen from the
archive's own vocabulary at run time; two words; a phrase; a typo; an English name; a name with
a topic; a common word with a speaker, with dates, with a country; and the stress words of the
synthetic corpus), each round measures, with every cache emptied first (facet counts and the
response cache: cold):

- first page: the search page as the server renders it (Django's test client, the whole view
  and template) with its first 20 claims; facets and narrative come with it when cheap, else
  later;
- facets complete: the facets fragment the page's script then fetches;
- FTS5: count + the top 10 by bm25 + the speaker facet over the same claims' folded text, in a
  SQLite FTS5 table this script builds (and keeps) beside the results; its query is built from
  the same words and word forms the archive's plan searches.

Rounds go through every class in turn (interleaved), the order rotating. It prints p50 and p95
of each, the ratio of FTS5's p95 to the first page's p95 (above 1: the archive is faster), how
the vocabulary is spread, and, for words in more than COUNT_LIMIT claims, how often the first
page (ranked among the first COUNT_LIMIT + 1) differs from the ranking of every match.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from statements import urdu  # noqa: E402
from statements.models import Claim, Speaker, Topic  # noqa: E402
from statements.search import SearchRequest, search, syntax  # noqa: E402
from statements.search import plan as planner  # noqa: E402
from statements.search.engine import COUNT_LIMIT  # noqa: E402

TARGETS = (10, 100, 1_000, 10_000, 80_000)
STRESS = ("شام", "تعاون", "امریکہ")  # ambiguous (Syria / evening) and the commonest content words


def claims_holding(word: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM statements_claim WHERE is_public AND search_vector @@ %s::tsquery",
            [f"'{word}'"],
        )
        return cursor.fetchone()[0]


def word_near(target: int) -> tuple[str, int]:
    """A word of the archive held by about `target` public claims (rows of the vocabulary count
    claims and passages: a claim's words are in its paragraph too, so about twice)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM search_vocabulary WHERE length(word) >= 4 AND word !~ '[0-9]' "
            "ORDER BY abs(ndoc - %s), word LIMIT 8",
            [2 * target],
        )
        words = [row[0] for row in cursor.fetchall()]
    held = [(w, claims_holding(w)) for w in words]
    return min(held, key=lambda wh: (abs(wh[1] - target), wh[0]))


def typo_of(word: str) -> str:
    """`word` with two letters in its middle swapped: a misspelling the archive does not hold."""
    i = len(word) // 2
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def phrase_near(word: str) -> str:
    """Two words in a row from a claim holding `word`: a phrase the archive holds."""
    claim = Claim.objects.public().filter(text__contains=f" {word} ").first()
    words = claim.text.split()
    i = words.index(word)
    return f'"{words[i]} {words[i + 1]}"' if i + 1 < len(words) else f'"{words[i - 1]} {words[i]}"'


def classes() -> list[tuple[str, dict]]:
    chosen = {t: word_near(t) for t in TARGETS}
    mid, common = chosen[1_000][0], chosen[10_000][0]
    speaker = (
        Claim.objects.public().filter(speaker__slug__startswith="synthetic-").first().speaker
        or Speaker.objects.first()
    )
    topic = Topic.objects.filter(kind=Topic.Kind.COUNTRY).order_by("name_en").first()
    out = [(f"word in {n:,} claims", {"q": w}) for w, n in chosen.values()]
    out += [
        ("two words", {"q": f"{mid} {common}"}),
        ("phrase", {"q": phrase_near(common)}),
        ("typo", {"q": typo_of(mid)}),
        ("English name", {"q": "Putin"}),
        ("name + topic", {"q": "Putin", "topic": topic.slug}),
        ("common + speaker", {"q": common, "speaker": speaker.slug}),
        ("common + dates", {"q": common, "date_from": "2005-01-01", "date_to": "2009-12-31"}),
        ("common + country", {"q": common, "country": "IR"}),
    ]
    out += [(f"stress: {w}", {"q": w}) for w in STRESS]
    return out


# --- SQLite FTS5 over the same claims ------------------------------------------------------


def build_fts5(path: Path) -> sqlite3.Connection:
    """An FTS5 table of the public claims' folded text (with speaker, date and country), made
    once per archive size and kept."""
    public = Claim.objects.public().count()
    db = sqlite3.connect(path)
    have = (
        db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'claims_fts'").fetchone()[0]
        and db.execute("SELECT count(*) FROM claims").fetchone()[0]
    )
    if have == public:
        return db
    print(f"building the FTS5 table of {public:,} claims in {path} ...", flush=True)
    db.executescript(
        "DROP TABLE IF EXISTS claims; DROP TABLE IF EXISTS claims_fts;"
        "CREATE TABLE claims (id INTEGER PRIMARY KEY, speaker_id INTEGER, date TEXT,"
        " country TEXT, topics TEXT);"
        "CREATE VIRTUAL TABLE claims_fts USING fts5(text, tokenize = 'unicode61');"
    )
    countries = dict(Speaker.objects.values_list("pk", "country"))
    rows = Claim.objects.public().values_list("pk", "speaker_id", "date", "topic_ids", "text")
    batch = []
    for pk, speaker_id, date, topics, text in rows.iterator(chunk_size=20_000):
        batch.append(
            (pk, speaker_id, date.isoformat(), countries.get(speaker_id, ""), topics, text)
        )
        if len(batch) == 20_000:
            _insert(db, batch)
            batch = []
    _insert(db, batch)
    db.commit()
    return db


def _insert(db, batch) -> None:
    db.executemany(
        "INSERT INTO claims VALUES (?, ?, ?, ?, ?)",
        [(pk, s, d, c, " ".join(map(str, t))) for pk, s, d, c, t, _ in batch],
    )
    db.executemany(
        "INSERT INTO claims_fts (rowid, text) VALUES (?, ?)",
        [(pk, " ".join(urdu.words(text))) for pk, *_, text in batch],
    )


def fts5_query(q: str) -> str:
    """The FTS5 MATCH of a query: the archive plan's words and word forms, as FTS5 syntax."""
    parsed = syntax.parse(q)
    plan = planner.build(parsed)
    groups = []
    for group in parsed.positive:
        alternatives = []
        for term in group:
            if term.phrase:
                alternatives.append('"' + " ".join(term.words) + '"')
                continue
            forms = [t for t in plan.terms if t == term.words[0] or t.startswith(term.words[0])]
            alternatives += [f'"{f}"' for f in dict.fromkeys(forms or term.words)]
        groups.append("(" + " OR ".join(alternatives) + ")")
    for _, name in plan.names:
        forms = [" ".join(ws) for ws, *_ in name.urdu_forms] or [" ".join(name.words)]
        groups.append("(" + " OR ".join(f'"{f}"' for f in forms) + ")")
    return " AND ".join(g for g in groups if g != "()") or '""'


def fts5_request(db: sqlite3.Connection, params: dict) -> None:
    where, args = ["claims_fts MATCH ?"], [fts5_query(params.get("q", ""))]
    if "speaker" in params:
        where.append("c.speaker_id = ?")
        args.append(Speaker.objects.get(slug=params["speaker"]).pk)
    if "date_from" in params:
        where.append("c.date BETWEEN ? AND ?")
        args += [params["date_from"], params["date_to"]]
    if "country" in params:
        where.append("c.country = ?")
        args.append(params["country"])
    if "topic" in params:
        where.append("(' ' || c.topics || ' ') LIKE ?")
        args.append(f"% {Topic.objects.get(slug=params['topic']).pk} %")
    sql = f"FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid WHERE {' AND '.join(where)}"
    db.execute(f"SELECT count(*) {sql}", args).fetchone()
    db.execute(f"SELECT c.id {sql} ORDER BY bm25(claims_fts) LIMIT 10", args).fetchall()
    db.execute(f"SELECT c.speaker_id, count(*) {sql} GROUP BY c.speaker_id", args).fetchall()


# --- the archive ---------------------------------------------------------------------------


def cold() -> None:
    """Every cache empty: the facet counts and the response cache (which is off here anyway)."""
    cache.clear()


def page(client: Client, params: dict, **extra) -> float:
    started = time.perf_counter()
    response = client.get("/", {**params, **extra})
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (params, response.status_code)
    return elapsed


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def rank_agreement(mix) -> list[str]:
    """For words past COUNT_LIMIT: the first page ranked among the first matches against the
    ranking of every match (count=exact ranks them all)."""
    lines = []
    for label, params in mix:
        result = search(SearchRequest.from_params(params), facets="none")
        if not result.ranked_among:
            continue
        bounded = [c.pk for c in result.paginator(20).page(1).object_list]
        full = search(SearchRequest.from_params({**params, "count": "exact"}), facets="none")
        everything = [c.pk for c in full.paginator(20).page(1).object_list]
        same = len(set(bounded) & set(everything))
        lines.append(f"  {label}: {same} of 20 first-page claims are those of the full ranking")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--fts5", default=str(ROOT / "bench" / "results" / "fts5.sqlite"))
    args = parser.parse_args()
    settings.RESPONSE_CACHE = False
    settings.RATE_LIMITS = {}
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    Path(args.fts5).parent.mkdir(parents=True, exist_ok=True)
    public = Claim.objects.public().count()
    mix = classes()
    db = build_fts5(Path(args.fts5))
    client = Client()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_vocabulary")
        types = cursor.fetchone()[0]
    print(f"public claims: {public:,}; archive vocabulary: {types:,} word types")
    print(f"{args.repeat} interleaved rounds, caches cold; milliseconds")
    first = {label: [] for label, _ in mix}
    facets = {label: [] for label, _ in mix}
    fts = {label: [] for label, _ in mix}
    for _label, params in mix:  # warm the code paths and the database's buffers once
        page(client, params)
        fts5_request(db, params)
    for round_ in range(args.repeat):
        shift = round_ % len(mix)
        for label, params in mix[shift:] + mix[:shift]:
            cold()
            first[label].append(page(client, params))
            facets[label].append(page(client, params, fragment="facets"))
            started = time.perf_counter()
            fts5_request(db, params)
            fts[label].append((time.perf_counter() - started) * 1000)
    header = (
        f"| {'class':28} | {'hits':>14} | first page p50 | p95 | facets done p95 | "
        f"FTS5 p50 | p95 | FTS5/archive |"
    )
    print(header)
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, params in mix:
        result = search(SearchRequest.from_params(params), facets="none")
        hits = f"{result.total:,}" if result.count_is_exact else f">{COUNT_LIMIT:,}"
        p95 = percentile(first[label], 95)
        print(
            f"| {label:28} | {hits:>14} | {percentile(first[label], 50):.1f} | {p95:.1f} | "
            f"{percentile(facets[label], 95):.1f} | {percentile(fts[label], 50):.1f} | "
            f"{percentile(fts[label], 95):.1f} | {percentile(fts[label], 95) / p95:.2f} |",
            flush=True,
        )
    agreement = rank_agreement(mix)
    if agreement:
        print(f"ranking among the first {COUNT_LIMIT + 1:,} matches past {COUNT_LIMIT:,}:")
        print("\n".join(agreement))


if __name__ == "__main__":
    main()
