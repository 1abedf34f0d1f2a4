"""The speaker checks on the extraction corpus (tests/data/extraction/: reports with gold
speakers), after ingesting all of it:

1. one person, one speaker: the claims of a person (their gold spans) and the record carrying
   their English name are all one speaker record;
2. no speaker's name holds a role word, an honorific or a clause;
3. every speaker the corpus names is found by a search for its English name and for each of
   its Urdu spellings (the name is understood as that speaker, and its claims come back).

`check()` returns the failures as lines, each saying what failed and why; `manage.py
check_speakers` prints them. A claim the extractor did not find, or gave to another person,
is an extraction matter (issue "Claims from real news copy"): it is counted apart, not here.
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.http import QueryDict

from statements import urdu
from statements.ingest.service import ingest_document
from statements.models import Claim, Source, Speaker
from statements.search import SearchRequest, search
from statements.speakers import subject

CORPUS = Path(__file__).resolve().parent.parent.parent / "tests" / "data" / "extraction"
NOT_PEOPLE = {"participants", "unnamed officials"}


@dataclass
class GoldSpeaker:
    name_en: str
    kind: str  # person, organisation
    spellings: set[str] = field(default_factory=set)  # Urdu names as the gold gives them
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # (origin, start, end)


@dataclass
class Report:
    failures: list[str] = field(default_factory=list)
    extraction: list[str] = field(default_factory=list)  # not found / another person's
    speakers: int = 0
    records: int = 0


def ingest(corpus: Path = CORPUS) -> int:
    """Ingest every report of the corpus (published; the gold's date where the text has no
    date line). Returns how many were new."""
    new = 0
    for text_path in sorted(corpus.glob("*.txt")):
        gold = json.loads(text_path.with_suffix(".json").read_text(encoding="utf-8"))
        date = datetime.date.fromisoformat(gold["date"])
        result = ingest_document(
            text_path.read_bytes(), origin=text_path.name, publish=True, date=date
        )
        new += result.status != "unchanged"
    return new


def gold_speakers(corpus: Path = CORPUS) -> dict[str, GoldSpeaker]:
    people: dict[str, GoldSpeaker] = {}
    for gold_path in sorted(corpus.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
        origin = gold_path.with_suffix(".txt").name
        for claim in gold["claims"]:
            if claim["speaker"] in NOT_PEOPLE or claim.get("speaker_type") == "unnamed":
                continue
            who = people.setdefault(
                claim["speaker"], GoldSpeaker(claim["speaker"], claim.get("speaker_type", "person"))
            )
            who.spellings.add(claim["speaker_ur"])
            start = _nth(text, claim["text"], claim.get("occurrence", 1))
            if start >= 0:
                who.spans.append((origin, start, start + len(claim["text"])))
        for p in gold.get("participants", []):
            if p["en"] not in NOT_PEOPLE:
                people.setdefault(p["en"], GoldSpeaker(p["en"], p["type"])).spellings.add(p["ur"])
    return people


def _nth(text: str, needle: str, n: int) -> int:
    at = -1
    for _ in range(n):
        at = text.find(needle, at + 1)
        if at < 0:
            return -1
    return at


def check(corpus: Path = CORPUS) -> Report:
    report = Report()
    people = gold_speakers(corpus)
    sources = {s.origin: s for s in Source.objects.filter(meeting__isnull=False)}
    record_of: dict[str, Speaker] = {}
    for who in people.values():
        records = _records(who, people, sources, report)
        report.speakers += 1
        if len(records) > 1:
            listed = ", ".join(f"{s} (id {s.pk}, «{s.name}»)" for s in records)
            report.failures.append(f"two speaker records for {who.name_en}: {listed}")
        if records:
            record_of[who.name_en] = records[0]
            report.records += 1
        else:
            report.extraction.append(f"{who.name_en}: no claim and no record carries the name")
    report.failures += _names_with_roles()
    for who in people.values():
        if who.name_en in record_of:
            report.failures += _searches(who, record_of[who.name_en])
    return report


def _records(who, people, sources, report) -> list[Speaker]:
    """The speaker records standing for `who`: those of their claims, and the record with their
    English name. A claim found with the speaker of another gold person is the extractor's."""
    found: dict[int, Speaker] = {}
    others = set(people) - {who.name_en}
    spelt = {urdu.fold(u): p.name_en for p in people.values() for u in p.spellings}
    for origin, start, end in who.spans:
        source = sources.get(origin)
        claim = (
            Claim.objects.filter(meeting__source=source, start__lt=end, end__gt=start)
            .select_related("speaker")
            .first()
            if source
            else None
        )
        if claim is None:
            report.extraction.append(f"{who.name_en}: claim not found in {origin} at {start}")
        elif (
            claim.speaker.name_en in others
            or spelt.get(urdu.fold(claim.speaker.name), who.name_en) != who.name_en
            or claim.speaker.slug == "unidentified"
        ):
            report.extraction.append(
                f"{who.name_en}: claim in {origin} at {start} given to {claim.speaker}"
            )
        elif claim.speaker.kind == Speaker.Kind.GROUP:
            report.extraction.append(f"{who.name_en}: claim in {origin} given to a group")
        else:
            found[claim.speaker.pk] = claim.speaker
    for speaker in Speaker.objects.filter(name_en=who.name_en):
        found[speaker.pk] = speaker
    return sorted(found.values(), key=lambda s: (s.is_provisional, s.pk))


def _names_with_roles() -> list[str]:
    """People named with a role word, an honorific or a clause (organisations' names, such as
    "وزیر اعظم آفس", may hold an office word)."""
    out = []
    people = Speaker.objects.filter(kind=Speaker.Kind.PERSON).exclude(slug="unidentified")
    used = (
        people.filter(claims__isnull=False).distinct()
        | people.filter(participation__isnull=False).distinct()
    )
    for speaker in used.distinct():
        phrase = subject.parse(speaker.name)
        extra = [u.kind for u in phrase.units if u.kind not in ("name", "genitive")]
        if extra or phrase.text != " ".join(speaker.name.split()) or len(phrase.words) > 6:
            out.append(f"speaker name holds a role word or clause: «{speaker.name}» ({extra})")
    return out


def _searches(who: GoldSpeaker, record: Speaker) -> list[str]:
    out = []
    has_claims = Claim.objects.public().filter(speaker=record).exists()
    for query in [who.name_en, *sorted(who.spellings)]:
        result = search(SearchRequest.from_params(QueryDict(mutable=True) | {"q": query}))
        named = {i for n in result.names for i in n.speakers}
        if record.pk not in named:
            out.append(f"search «{query}» does not find {who.name_en} (record {record.pk})")
        elif has_claims and not result.claims.filter(speaker=record).exists():
            out.append(f"search «{query}» finds {who.name_en} but none of their claims")
    return out


def summary(report: Report) -> list[str]:
    by_kind = defaultdict(int)
    for line in report.failures:
        by_kind[line.split(":")[0].split("«")[0].strip()] += 1
    return [
        f"{report.speakers} speakers named in the corpus, {report.records} with a record",
        f"{len(report.failures)} failures"
        + (": " + ", ".join(f"{n} {k}" for k, n in sorted(by_kind.items())) if by_kind else ""),
        f"{len(report.extraction)} extraction misses (claims not found or given to another)",
    ]
