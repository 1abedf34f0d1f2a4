"""How well English and mixed queries find Urdu claims: the figures `manage.py evaluate_english`
prints, over the extraction corpus (tests/data/extraction/) and the seed.

The queries (tests/data/english_queries.jsonl, described in english_queries.md) were written by
someone who saw the Urdu claims but not the glossary: each names the claims it must return in
its top K, by the document ("doc", a file stem) and the opening of the gold claim's text.
Every document is ingested through the real ingest (`ingest_document`, as an editor adds one),
each must-claim is mapped to the extracted claim holding the place where its gold text begins
(or, when none holds it, the one overlapping the gold opening most), and each query runs
through the one search the site uses (statements.search.search). Recall@K is the share of
must-claims found in the top K, per set (dev, test) and per kind (english, name+topic, mixed).
A must-claim the extractor did not produce counts as a miss ("not extracted").
"""

from __future__ import annotations

import datetime
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
QUERIES = BASE / "tests" / "data" / "english_queries.jsonl"
CORPUS = BASE / "tests" / "data" / "extraction"
SEEDS = BASE / "seeds"
K = 10


@dataclass
class Outcome:
    query: dict
    found: int = 0  # must-claims in the top K
    wanted: int = 0
    misses: list[str] = field(default_factory=list)  # why each missing one is missing
    searched_as: str = ""


def load_queries(which: str = "all", path: Path = QUERIES) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if which == "all" or r["set"] == which]


def ingest_corpus(stems: set[str] | None = None) -> dict[str, object]:
    """Ingest the corpus reports and the seed (or only `stems`): {file stem: Meeting}."""
    from statements.ingest.service import ingest_document

    meetings = {}
    for path in sorted(CORPUS.glob("*.txt")) + sorted(SEEDS.glob("*.txt")):
        if stems is not None and path.stem not in stems:
            continue
        gold = path.with_suffix(".json")
        date = None
        if gold.exists():
            date = datetime.date.fromisoformat(json.loads(gold.read_text("utf-8"))["date"])
        origin = path.name if path.parent == SEEDS else f"evaluation/{path.name}"
        result = ingest_document(path.read_bytes(), origin=origin, publish=True, date=date)
        meetings[path.stem] = result.meeting
    return meetings


def must_claim(meeting, opening: str):
    """(claim id or None, why none): the extracted claim of `meeting` holding the place where
    the gold text `opening` begins, else the one overlapping the opening most."""
    text = meeting.source.text
    pattern = r"\s+".join(re.escape(w) for w in opening.split())
    m = re.search(pattern, text)
    if m is None:
        return None, "opening not in the source"
    start, end = m.start(), max(m.end(), m.start() + 1)
    best, overlap = None, 0
    for pk, a, b in meeting.claims.values_list("pk", "start", "end"):
        if a <= start < b:
            return pk, ""
        common = min(b, end) - max(a, start)
        if common > overlap:
            best, overlap = pk, common
    return (best, "") if best else (None, "not extracted")


def evaluate(queries: list[dict], meetings: dict[str, object]) -> list[Outcome]:
    from statements.search import SearchRequest, search

    outcomes = []
    for q in queries:
        result = search(SearchRequest(q=q["query"]))
        top = [c.pk for c in result.claims[:K]]
        out = Outcome(q, wanted=len(q["must"]))
        out.searched_as = "; ".join(
            f"{e.text} → {' | '.join(r.urdu for r in e.renderings)}" for e in result.plan.english
        )
        if result.plan.english_unknown:
            out.searched_as += f"; not in the glossary: {', '.join(result.plan.english_unknown)}"
        if result.corrected_query:
            out.searched_as += f"; searched for: {result.corrected_query}"
        for must in q["must"]:
            meeting = meetings.get(must["doc"])
            pk, why = must_claim(meeting, must["claim"]) if meeting else (None, "no such doc")
            if pk is not None and pk in top:
                out.found += 1
            else:
                rank = why or f"not in the top {K} ({result.total} claims)"
                out.misses.append(f"{must['doc'][:28]} «{must['claim'][:30]}»: {rank}")
        outcomes.append(out)
    return outcomes


def report(outcomes: list[Outcome], verbose: bool = False) -> list[str]:
    lines = []
    groups: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for o in outcomes:
        groups[(o.query["set"], "all")].append(o)
        groups[(o.query["set"], o.query["kind"])].append(o)
    lines.append(f"{'set':<6} {'kind':<12} {'queries':>7} {'claims':>7} {'recall@' + str(K):>10}")
    for (which, kind), group in sorted(
        groups.items(), key=lambda kv: (kv[0][0], kv[0][1] != "all", kv[0][1])
    ):
        found, wanted = sum(o.found for o in group), sum(o.wanted for o in group)
        recall = found / wanted if wanted else 0.0
        lines.append(f"{which:<6} {kind:<12} {len(group):>7} {wanted:>7} {recall:>10.3f}")
    if verbose:
        for o in outcomes:
            for miss in o.misses:
                lines.append(
                    f"MISS {o.query['id']} [{o.query['set']}] {o.query['query']!r}: {miss}"
                )
                lines.append(f"     searched as: {o.searched_as or '(no English term)'}")
    return lines
