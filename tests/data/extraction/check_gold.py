"""Check the gold files of the extraction corpus against their reports (no Django needed).

    python tests/data/extraction/check_gold.py [FILE.json ...]

Every `text`, `speaker_named` and narrative sentence must be found in the report; a text found
more than once needs an `occurrence`; claims must not overlap each other or the narrative.
Prints one line per problem and a summary; exits 1 when there is a problem.
"""

from __future__ import annotations

import datetime
import itertools
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STYLES = {
    "state-visit", "phone-call", "press-conference", "fo-briefing", "joint-statement",
    "interview", "attribution", "institutional", "headline", "un-session", "wire-copy", "summit",
}  # fmt: skip
SPELLINGS = {"pakistani", "iranian", "indian", "international"}
KINDS = {"assertion", "evaluation", "commitment", "proposal", "denial", "demand", "warning"}
TYPES = {"person", "organisation", "group", "unnamed"}


def occurrences(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def locate(text: str, needle: str, occurrence: int | None) -> tuple[int, int] | str:
    """(start, end) of the occurrence meant, or a message saying why it cannot be found."""
    if not needle or needle != needle.strip():
        return f"empty or padded with spaces: {needle!r}"
    found = occurrences(text, needle)
    if not found:
        return f"not in the report: {needle[:60]!r}"
    if occurrence is None and len(found) > 1:
        return f"found {len(found)} times, give an occurrence: {needle[:60]!r}"
    n = occurrence or 1
    if n > len(found):
        return f"occurrence {n} of {len(found)}: {needle[:60]!r}"
    return found[n - 1], found[n - 1] + len(needle)


def check(path: Path) -> list[str]:
    problems = []
    report = path.with_suffix(".txt")
    if not report.exists():
        return [f"{path.name}: no report {report.name}"]
    text = report.read_text(encoding="utf-8")
    gold = json.loads(path.read_text(encoding="utf-8"))
    say = lambda message: problems.append(f"{path.name}: {message}")  # noqa: E731
    if gold.get("style") not in STYLES:
        say(f"style {gold.get('style')!r} is not one of {sorted(STYLES)}")
    if gold.get("spelling") not in SPELLINGS:
        say(f"spelling {gold.get('spelling')!r} is not one of {sorted(SPELLINGS)}")
    try:
        datetime.date.fromisoformat(gold.get("date", ""))
    except ValueError:
        say(f"date {gold.get('date')!r} is not YYYY-MM-DD")
    spans = []
    for i, claim in enumerate(gold.get("claims", []), 1):
        where = locate(text, claim.get("text", ""), claim.get("occurrence"))
        if isinstance(where, str):
            say(f"claim {i}: {where}")
            continue
        spans.append(("claim", i, *where))
        named = claim.get("speaker_named", "")
        if not named or named not in text:
            say(f"claim {i}: speaker_named not in the report: {named!r}")
        if claim.get("kind") not in KINDS:
            say(f"claim {i}: kind {claim.get('kind')!r} is not one of {sorted(KINDS)}")
        if claim.get("speaker_type") not in TYPES:
            say(f"claim {i}: speaker_type {claim.get('speaker_type')!r} not in {sorted(TYPES)}")
        for key in ("speaker", "speaker_ur"):
            if not claim.get(key):
                say(f"claim {i}: no {key}")
        if claim.get("text", "")[-1:] in "۔؟!":
            say(f"claim {i}: ends with the sentence's final mark (leave it out)")
    for i, sentence in enumerate(gold.get("narrative", []), 1):
        where = locate(text, sentence, None)
        if isinstance(where, str):
            say(f"narrative {i}: {where}")
            continue
        spans.append(("narrative", i, *where))
    spans.sort(key=lambda s: s[2])
    for a, b in itertools.pairwise(spans):
        if b[2] < a[3]:
            say(f"{a[0]} {a[1]} overlaps {b[0]} {b[1]}")
    if not gold.get("claims"):
        say("no claims")
    return problems


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or sorted(HERE.glob("*.json"))
    problems = [p for path in paths for p in check(path)]
    for problem in problems:
        print(problem)
    claims = sum(len(json.loads(p.read_text(encoding="utf-8")).get("claims", [])) for p in paths)
    print(f"{len(paths)} reports, {claims} gold claims, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
