"""The name pairs made harder, and the cost of matching: each English name of a pair file is
ranked against the file's Urdu names plus Urdu spellings of other people of the reference data
(distractors: never a spelling of a person with that English name), as search would meet
them; prints top-1/top-5 and the time per comparison.

    .venv/bin/python bench/names.py tests/data/names/pairs_dev.tsv [--distractors 1500]

`manage.py evaluate_names` prints the figures the issue asks for (ranking within the file);
this one shows how they hold in a larger crowd of names. No database needed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from statements.speakers import pairs, refdata, translit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--distractors", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rows = pairs.read(args.file)
    gold = defaultdict(set)
    for row in rows:
        gold[row["english"]].add(row["urdu"])
    crowd = [
        (urdu, {translit.latin(e) for e in [p["name_en"], *p["names_en"]]})
        for p in refdata.people()
        for urdu in p["names_ur"][:2]
    ]
    random.Random(args.seed).shuffle(crowd)
    crowd = crowd[: args.distractors]
    own = sorted({row["urdu"] for row in rows})
    top1 = top5 = compared = 0
    started = time.perf_counter()
    for row in rows:
        english = translit.latin(row["english"])
        candidates = sorted(set(own) | {u for u, names in crowd if english not in names})
        ranked = [c for _, c in translit.rank(row["english"], candidates)]
        rank = next(i for i, c in enumerate(ranked) if c in gold[row["english"]])
        top1 += rank == 0
        top5 += rank < 5
        compared += len(candidates)
        if rank:
            print(f"  {row['english']} -> {row['urdu']}: rank {rank + 1} (first: {ranked[0]})")
    elapsed = time.perf_counter() - started
    n = len(rows)
    print(
        f"{args.file.name}: {n} pairs against {len(own)} + {len(crowd)} names: "
        f"top-1 {top1 / n:.1%}, top-5 {top5 / n:.1%}; "
        f"{elapsed / compared * 1e6:.0f} µs a comparison"
    )


if __name__ == "__main__":
    main()
