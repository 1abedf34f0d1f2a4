"""How well the cross-script matching ranks real name pairs (tests/data/names/*.tsv: english,
urdu, kind, region): for each pair, every Urdu name of the file is ranked against the English
one (and every English name against the Urdu one); top-1 and top-5 say how often a right
answer (any Urdu spelling the file gives for that English name) comes first or in the first
five. Pairs whose own score is low are likely translations (Cairo / قاہرہ), not
transliterations: they are counted, and listed, apart, by that score alone."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from statements.speakers import translit

TRANSLATION_BELOW = 0.5  # a gold pair scoring under this is not a transliteration (dev: 0.39 for Khyber Pass, the lowest other 0.59)


@dataclass
class Figures:
    pairs: int = 0
    top1: int = 0
    top5: int = 0
    misses: list[tuple[str, str, int, str]] = field(default_factory=list)  # query, gold, rank, top

    def line(self, label: str) -> str:
        if not self.pairs:
            return f"{label}: no pairs"
        return (
            f"{label}: {self.pairs} pairs, top-1 {self.top1 / self.pairs:.1%}, "
            f"top-5 {self.top5 / self.pairs:.1%}"
        )


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def evaluate(rows: list[dict]) -> dict[str, Figures]:
    """Figures for English -> Urdu and Urdu -> English, over the transliterations, and for the
    pairs that look like translations."""
    urdu_of, english_of = defaultdict(set), defaultdict(set)
    for row in rows:
        urdu_of[row["english"]].add(row["urdu"])
        english_of[row["urdu"]].add(row["english"])
    all_urdu, all_english = sorted(english_of), sorted(urdu_of)
    out = {k: Figures() for k in ("en->ur", "ur->en", "translations en->ur", "translations ur->en")}
    for row in rows:
        own = translit.similarity(row["english"], row["urdu"])
        kind = "translations " if own < TRANSLATION_BELOW else ""
        _score(out[kind + "en->ur"], row["english"], row["urdu"], all_urdu, urdu_of[row["english"]])
        _score(out[kind + "ur->en"], row["urdu"], row["english"], all_english,
               english_of[row["urdu"]])  # fmt: skip
    return out


def _score(figures: Figures, query: str, gold: str, candidates: list[str], right: set[str]):
    ranked = [c for _, c in translit.rank(query, candidates)]
    rank = next(i for i, c in enumerate(ranked) if c in right)
    figures.pairs += 1
    figures.top1 += rank == 0
    figures.top5 += rank < 5
    if rank:
        figures.misses.append((query, gold, rank + 1, ranked[0]))
