"""How well the extractor does on the development corpus (tests/data/extraction/): the figures
`manage.py evaluate_extraction` prints.

Every report is ingested as an editor would add it (`ingest_document`, with the gold's date when
the report has no date line) and what was saved is compared with its gold annotations:

- A found claim **matches** a gold claim when their words overlap with a Jaccard index of at
  least MATCH_JACCARD (words in both spans / words in either); each gold claim matches at most
  one found claim (best overlap first). Precision = matched / found, recall = matched / gold;
  "exact" counts matches with the very same span.
- **Attribution** is right when the claim's speaker is the gold speaker (`speaker_right`):
  the same English name, or for a person or an organisation the same Urdu name (folded and
  reduced to its consonants, so spelling variants such as پوتن/پیوٹن agree, one within the
  other at word boundaries: "صدر آصف علی زرداری" holds "آصف علی زرداری"; a shorter name only
  counts when it has a word that is not a title); for an organisation the subject as the report
  names it counts too ("وزیراعظم ہاؤس"); "participants" is a group whose members are the
  meeting's participants; "unnamed officials" is a group with no members named by a word such
  as ذرائع or حکام.
- **Narrative inside claims**: gold narrative sentences with any word inside a found claim.
- **Spurious claims**: found claims matching no gold claim. **Junk speakers**: speakers given
  a claim in a report who are none of that report's gold speakers.
- **Kind**: matched claims whose kind is the gold kind. **Subject as named**: matched claims
  whose subject_text is the gold speaker_named.
- **Split speakers**: gold speakers of a report given claims under more than one record.

Nothing here is a pass mark: the figures are printed, per style and overall, for the
development files (01-30) and the held-out files (31-44) apart.
"""

from __future__ import annotations

import datetime
import json
import re
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from statements import urdu
from statements.ingest import lexicon

CORPUS = Path(settings.BASE_DIR) / "tests" / "data" / "extraction"
MATCH_JACCARD = 0.7
SPLITS = {"dev": range(1, 31), "held-out": range(31, 45)}

_WORDS = re.compile(r"[\w\u064B-\u065F\u0670]+")


@dataclass
class GoldDoc:
    name: str
    number: int
    style: str
    date: datetime.date
    text: str
    gold: dict

    @property
    def split(self) -> str:
        return next((s for s, r in SPLITS.items() if self.number in r), "other")


def load_corpus(folder: Path = CORPUS, split: str = "all", numbers: Iterable[int] = ()) -> list:
    """The reports of `split` ("dev", "held-out" or "all"), or only those `numbers`."""
    wanted = set(numbers)
    docs = []
    for path in sorted(folder.glob("*.json")):
        number = int(path.name[:2])
        if wanted and number not in wanted:
            continue
        if not wanted and split != "all" and number not in SPLITS[split]:
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        docs.append(
            GoldDoc(
                name=path.stem,
                number=number,
                style=gold["style"],
                date=datetime.date.fromisoformat(gold["date"]),
                text=path.with_suffix(".txt").read_text(encoding="utf-8"),
                gold=gold,
            )
        )
    return docs


# -- names ------------------------------------------------------------------------------------

_SKELETON = str.maketrans(
    {"ٹ": "ت", "ڈ": "د", "ڑ": "ر", "ژ": "ز", "ذ": "ز", "ض": "ز", "ظ": "ز", "ث": "س",
     "ص": "س", "ط": "ت", "ح": "ہ", "ھ": "ہ", "غ": "غ", "ا": "", "و": "", "ی": "", "ے": "",
     "ء": "", "ع": ""}
)  # fmt: skip
_GENITIVES = {urdu.fold(w) for w in lexicon.GENITIVES}
_TITLES = {
    w
    for table in (lexicon.ROLES, lexicon.ROLE_MODIFIERS, lexicon.HONORIFICS, lexicon.PORTFOLIOS)
    for entry in table
    for w in urdu.words(entry)
}
_UNNAMED = {urdu.fold(w) for w in lexicon.UNNAMED}
_DOCUMENT_WORDS = {
    w
    for table in (lexicon.DOCUMENTS, lexicon.JOINT, lexicon.ISSUED)
    for entry in table
    for w in urdu.words(entry)
} | {urdu.fold(w) for w in ("سے", "میں", "ایک")}


def skeleton(word: str) -> str:
    """A word reduced to its consonants, for comparing spellings of one name."""
    folded = urdu.fold(word)
    bare = folded.translate(_SKELETON)
    if len(bare) > 1 and bare.endswith("ہ"):
        bare = bare[:-1]
    return bare or folded


def _name_words(name: str) -> list[str]:
    return [w for w in urdu.words(name) if w not in _GENITIVES]


def _distance(a: str, b: str) -> int:
    if abs(len(a) - len(b)) > 2:
        return 3
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    allowed = 2 if min(len(a), len(b)) >= 10 else 1 if min(len(a), len(b)) >= 3 else 0
    return _distance(a, b) <= allowed


def contains(big: list[str], small: list[str]) -> bool:
    """`small` is a run of `big` (words joined or spaced alike: شہبازشریف, شہباز شریف)."""
    if not small:
        return False
    target = "".join(skeleton(w) for w in small)
    for i in range(len(big)):
        joined = ""
        for j in range(i, len(big)):
            joined += skeleton(big[j])
            if _same(joined, target):
                return True
            if len(joined) > len(target) + 2:
                break
    return False


def names_agree(name: str, gold_name: str) -> bool:
    """One name holds the other; the shorter must have a word that is not a title."""
    mine, theirs = _name_words(name), _name_words(gold_name)
    if not mine or not theirs:
        return False
    if contains(mine, theirs):
        return True
    return any(w not in _TITLES for w in mine) and contains(theirs, mine)


def speaker_right(speaker, claim: dict, participant_ids: set[int]) -> bool:
    """Is `speaker` (a Speaker, members prefetched) the speaker gold `claim` gives?"""
    kind = claim["speaker_type"]
    members = {m.pk for m in speaker.members.all()}
    if claim["speaker"] == "participants":
        return speaker.kind == "group" and bool(members) and members == participant_ids
    if kind == "unnamed":
        return (
            speaker.kind == "group"
            and not members
            and bool(_UNNAMED & set(urdu.words(speaker.name)))
        )
    if speaker.name_en and speaker.name_en.casefold() == claim["speaker"].casefold():
        return True
    if speaker.kind == "group":
        return False
    if names_agree(speaker.name, claim["speaker_ur"]):
        return True
    if kind == "organisation":
        named = " ".join(w for w in urdu.words(claim["speaker_named"]) if w not in _DOCUMENT_WORDS)
        return bool(named) and names_agree(speaker.name, named)
    return False


# -- scoring ----------------------------------------------------------------------------------


@dataclass
class Found:
    start: int
    end: int
    kind: str
    speaker: object
    subject_text: str
    attribution: str


@dataclass
class Score:
    docs: int = 0
    gold: int = 0
    found: int = 0
    matched: int = 0
    exact: int = 0
    attributed: int = 0
    kind: int = 0
    subject: int = 0
    narrative: int = 0
    narrative_inside: int = 0
    spurious: int = 0
    junk: int = 0
    split: int = 0
    participants_gold: int = 0
    participants_found: int = 0
    participants_right: int = 0
    seconds: float = 0.0
    extract_seconds: float = 0.0
    words: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                setattr(self, name, getattr(self, name) + value)


def _word_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORDS.finditer(text)]


def _words_in(spans: list[tuple[int, int]], start: int, end: int) -> set[int]:
    return {i for i, (a, b) in enumerate(spans) if a >= start and b <= end}


def _locate(text: str, needle: str, occurrence: int | None) -> tuple[int, int]:
    at = -1
    for _ in range(occurrence or 1):
        at = text.find(needle, at + 1)
    return at, at + len(needle)


def score(doc: GoldDoc, found: list[Found], participants: list) -> Score:
    text, gold = doc.text, doc.gold
    spans = _word_spans(text)
    result = Score(docs=1, gold=len(gold["claims"]), found=len(found), words=len(spans))
    gold_words = []
    for claim in gold["claims"]:
        start, end = _locate(text, claim["text"], claim.get("occurrence"))
        gold_words.append(_words_in(spans, start, end))
    found_words = [_words_in(spans, f.start, f.end) for f in found]
    pairs = []
    for i, fw in enumerate(found_words):
        for j, gw in enumerate(gold_words):
            union = fw | gw
            if union and len(fw & gw) / len(union) >= MATCH_JACCARD:
                pairs.append((len(fw & gw) / len(union), i, j))
    used_found, used_gold = set(), set()
    participant_ids = {p.pk for p in participants}
    by_gold_speaker = defaultdict(set)
    for _, i, j in sorted(pairs, reverse=True):
        if i in used_found or j in used_gold:
            continue
        used_found.add(i)
        used_gold.add(j)
        f, g = found[i], gold["claims"][j]
        result.matched += 1
        result.exact += found_words[i] == gold_words[j]
        if found_words[i] != gold_words[j]:
            result.notes.append(
                f"inexact span: found {text[f.start : f.end][:60]!r} for {g['text'][:60]!r}"
            )
        right = speaker_right(f.speaker, g, participant_ids)
        result.attributed += right
        result.kind += f.kind == g["kind"]
        if f.kind != g["kind"]:
            result.notes.append(f"kind {f.kind}, gold {g['kind']}: {g['text'][:50]!r}")
        result.subject += urdu.fold(f.subject_text or "") == urdu.fold(g["speaker_named"])
        if right:
            by_gold_speaker[g["speaker"]].add(f.speaker.pk)
        else:
            result.notes.append(
                f"wrong speaker {f.speaker.name!r} (subject {f.subject_text!r}, "
                f"{f.attribution}) for {g['speaker']} [{g['speaker_named']}]: "
                f"{text[f.start : f.end][:50]!r}"
            )
    result.split = sum(len(ids) - 1 for ids in by_gold_speaker.values())
    for j, claim in enumerate(gold["claims"]):
        if j not in used_gold:
            result.notes.append(f"missed ({claim['speaker_named']}): {claim['text'][:60]!r}")
    for i, f in enumerate(found):
        if i not in used_found:
            result.spurious += 1
            result.notes.append(
                f"spurious ({f.subject_text!r} -> {f.speaker.name!r}): "
                f"{text[f.start : f.end][:70]!r}"
            )
    claimed = set().union(*found_words) if found_words else set()
    for sentence in gold["narrative"]:
        result.narrative += 1
        start, end = _locate(text, sentence, None)
        if _words_in(spans, start, end) & claimed:
            result.narrative_inside += 1
            result.notes.append(f"narrative inside a claim: {sentence[:60]!r}")
    speakers = {f.speaker.pk: f.speaker for f in found}
    for speaker in speakers.values():
        if not any(speaker_right(speaker, g, participant_ids) for g in gold["claims"]):
            result.junk += 1
            result.notes.append(f"junk speaker {speaker.name!r} ({speaker.kind})")
    result.participants_gold = len(gold["participants"])
    result.participants_found = len(participants)
    for person in gold["participants"]:
        if any(
            names_agree(p.name, person["ur"]) or p.name_en.casefold() == person["en"].casefold()
            for p in participants
        ):
            result.participants_right += 1
    return result


# -- running ----------------------------------------------------------------------------------


def evaluate(docs: list[GoldDoc]) -> dict[str, Score]:
    """Ingest `docs` into the current database and score each: {report name: Score}."""
    from statements.ingest.extract import extract, participants
    from statements.ingest.parse import parse_document
    from statements.ingest.service import ingest_document, load_alias_index

    scores = {}
    for doc in docs:
        began = time.perf_counter()
        result = ingest_document(
            doc.text.encode("utf-8"),
            origin=f"evaluation/{doc.name}.txt",
            publish=True,
            date=doc.date,
        )
        seconds = time.perf_counter() - began
        meeting = result.meeting
        claims = meeting.claims.select_related("speaker").prefetch_related("speaker__members")
        found = [
            Found(c.start, c.end, c.kind, c.speaker, c.subject_text, c.attribution)
            for c in claims.order_by("start")
        ]
        scores[doc.name] = score(doc, found, list(meeting.participants.all()))
        scores[doc.name].seconds = seconds
        aliases = load_alias_index()
        began = time.perf_counter()  # the same document again, without the database
        parsed = parse_document(doc.text, date=doc.date)
        extract(parsed, aliases, participants(parsed, aliases))
        scores[doc.name].extract_seconds = time.perf_counter() - began
    return scores


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


HEADER = (
    f"{'':<18}{'docs':>5}{'gold':>6}{'found':>6}{'prec':>8}{'recall':>8}{'exact':>7}"
    f"{'attrib':>8}{'kind':>8}{'subject':>9}{'narr-in':>9}{'spur':>6}{'junk':>6}{'split':>6}"
)


def row(label: str, s: Score) -> str:
    return (
        f"{label:<18}{s.docs:>5}{s.gold:>6}{s.found:>6}{_percent(s.matched, s.found):>8}"
        f"{_percent(s.matched, s.gold):>8}{s.exact:>7}{_percent(s.attributed, s.matched):>8}"
        f"{_percent(s.kind, s.matched):>8}{_percent(s.subject, s.matched):>9}"
        f"{s.narrative_inside:>4}/{s.narrative:<4}{s.spurious:>6}{s.junk:>6}{s.split:>6}"
    )


def report(docs: list[GoldDoc], scores: dict[str, Score]) -> list[str]:
    """The table: for each split present, its styles and its total; then all together."""
    lines = [HEADER]
    total = Score()
    splits = [s for s in (*SPLITS, "other") if any(d.split == s for d in docs)]
    for split in splits:
        part = Score()
        styles: dict[str, Score] = defaultdict(Score)
        for doc in docs:
            if doc.split == split:
                styles[doc.style].add(scores[doc.name])
                part.add(scores[doc.name])
        lines += [row(f"  {style}", styles[style]) for style in sorted(styles)]
        lines.append(row(f"{split} (all)", part))
        total.add(part)
    if len(splits) > 1:
        lines.append(row("overall", total))
    lines.append(
        f"narrative inside claims: {_percent(total.narrative_inside, total.narrative).strip()} "
        f"of {total.narrative} narrative sentences; participants found "
        f"{total.participants_right} of {total.participants_gold} "
        f"({total.participants_found} recorded)"
    )
    words = max((scores[d.name].words for d in docs), default=0)
    slowest = max((scores[d.name].seconds for d in docs), default=0.0)
    lines.append(
        f"speed: {total.docs} reports in {total.seconds:.2f} s ingested "
        f"({total.docs / total.seconds if total.seconds else 0:.1f} documents/s, parse + extract "
        f"+ database writes); slowest {slowest * 1000:.0f} ms; longest report {words} words"
    )
    if total.extract_seconds:
        per_1000 = 1000 * total.extract_seconds / total.words * 1000 if total.words else 0
        lines.append(
            f"parse + extract alone: {total.docs / total.extract_seconds:.1f} documents/s, "
            f"{per_1000:.0f} ms per 1,000 words"
        )
    return lines
