"""Benchmark of a search downloaded whole (GET /api/v1/claims/download): rows per second and
peak memory (RSS) of the gunicorn worker, for searches matching about 10k and 100k claims, with
the whole-archive export (GET /api/v1/export) measured in the same run as the baseline.

    .venv/bin/python bench/download.py [--claims 100000] [--repeat 3]

Works in the export benchmark's database (`archive_bench` in the embedded cluster, or
BENCH_DATABASE_URL), grown with `manage.py make_corpus` as bench/export.py grows it. Each kind
of request is served by a fresh gunicorn worker (as `make serve-prod` runs it), so its peak RSS
(VmHWM) is that request's own; memory is flat when the 100k download peaks where the 10k one
does. Rounds are interleaved, medians printed with the range.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from export import Gunicorn, bench_env, build_corpus, public_claims, shell  # noqa: E402

WORDS = """
from django.db import connection
from statements.search.syntax import FUNCTION_WORDS
with connection.cursor() as cursor:
    cursor.execute("SELECT word FROM search_vocabulary WHERE length(word) >= 3 "
                   "AND word !~ '[0-9]' ORDER BY ndoc DESC, word LIMIT 200")
    print(" ".join(w for (w,) in cursor.fetchall() if w not in FUNCTION_WORDS))
    # a word in about 10k claims: counted, among words the vocabulary spreads so
    cursor.execute("SELECT word FROM search_vocabulary WHERE length(word) >= 4 "
                   "AND word !~ '[0-9]' ORDER BY abs(ndoc - 10000), word LIMIT 40")
    held = []
    for (word,) in cursor.fetchall():
        cursor.execute("SELECT count(*) FROM statements_claim WHERE is_public "
                       "AND search_vector @@ %s::tsquery", ["'" + word + "'"])
        held.append((abs(cursor.fetchone()[0] - 10000), word))
    print(min(held)[1])
"""


def searches(env) -> list[tuple[str, str]]:
    """(label, query string): about 10k claims (a common word), and the whole archive both by
    date (no words) and by relevance (the commonest words or-ed)."""
    commonest, ten_thousand = shell(env, WORDS).splitlines()[-2:]
    common = " or ".join(commonest.split()[:12])
    return [
        ("a word in about 10k claims, by relevance", urllib.parse.urlencode({"q": ten_thousand})),
        ("no words, newest first (every claim)", ""),
        ("12 common words or-ed, by relevance", urllib.parse.urlencode({"q": common})),
    ]


def fetch(url: str) -> tuple[float, int, bytes]:
    """Seconds, bytes, and the last line of the body (read and thrown away a MB at a time)."""
    started = time.monotonic()
    size, tail = 0, b""
    with urllib.request.urlopen(url, timeout=3600) as response:
        while chunk := response.read(1 << 20):
            size += len(chunk)
            tail = (tail + chunk)[-4096:]
    return time.monotonic() - started, size, tail


def _vm(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def measure(env, path: str, repeat: int) -> tuple[list[float], int, int, int]:
    """(seconds per round, peak RSS, RSS before, bytes) of GET `path` on a fresh worker."""
    server = Gunicorn(env)
    try:
        worker = server.worker()
        before = _vm(worker, "VmRSS")
        times, size = [], 0
        for _ in range(repeat):
            seconds, size, _tail = fetch(server.url + path)
            times.append(seconds)
        return times, _vm(worker, "VmHWM"), before, size
    finally:
        server.stop()


def count_rows(env, query: str) -> int:
    """The number of claims the search matches (an NDJSON download's end line)."""
    server = Gunicorn(env)
    try:
        _, _, tail = fetch(server.url + "claims/download?format=ndjson&" + query)
    finally:
        server.stop()
    import json

    return json.loads(tail.strip().splitlines()[-1])["count"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000, help="corpus size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    env = bench_env()
    how = build_corpus(env, args.claims, args.seed)
    total = public_claims(env)
    print(f"corpus: {total:,} public claims ({how}); {args.repeat} rounds; medians [min-max]")
    print("| what | rows | seconds | rows/s | peak RSS (idle) | file |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    plans = [
        ("GET /api/v1/export (baseline: the whole archive, json)", "export?format=json", total)
    ]
    for label, query in searches(env):
        n = count_rows(env, query)
        for fmt in ("csv", "ndjson"):
            plans.append((f"download {fmt}: {label}", f"claims/download?format={fmt}&{query}", n))
    for label, path, rows in plans:
        times, peak, idle, size = measure(env, path, args.repeat)
        median = statistics.median(times)
        print(
            f"| {label} | {rows:,} | {median:.2f} [{min(times):.2f}-{max(times):.2f}] | "
            f"{rows / median:,.0f} | {peak / 1e6:.0f} MB ({idle / 1e6:.0f} MB) | "
            f"{size / 1e6:.0f} MB |",
            flush=True,
        )


if __name__ == "__main__":
    main()
