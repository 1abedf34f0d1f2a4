"""Names in a query, in any script: `Putin`, `Syria`, `Khamenei` typed in English or Roman Urdu
become the Urdu forms of that speaker or topic, and a speaker's name also finds the claims that
speaker made.

First through the Alias table (translations live there: `شام` is "shaam", never "Syria");
then, for the words no alias holds, by transliteration (statements/speakers/names.py): a run
of Latin words is matched against every speaker's and topic's names in Urdu and English
(`Sergey Lavrov` finds سرگئی لاوروف, provisional speakers too), and a run of two or more Urdu
words against the other spellings of names (ولادیمیر پوتن finds the record spelt پیوٹن).

Claims match a name through their speaker (said by them) and through the topics the extractor
tagged them with or the unambiguous Urdu forms of the name in their text (mentioning them;
forms with exclusions only through the tags: `آج شام` is "this evening", not Syria); passages
match through the claims they hold and through those forms as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from statements.models import Alias, Topic
from statements.search import syntax, tsquery
from statements.speakers import names as people

MAX_NGRAM = 6  # words of a name looked up as an alias ("Prime Minister's Office of Pakistan")
MAX_SOUND_NGRAM = 4  # words of a name looked up by sound
LATIN_MIN_SCORE = 0.82  # a Latin word's transliteration must fit this well to be a name
URDU_MIN_SCORE = 0.9  # another Urdu spelling of a name of two words
MIN_LATIN_WORD = 4  # shorter single Latin words are not looked up by sound ("US", "and")


@dataclass
class Name:
    """A run of query words that names a speaker or topic."""

    words: tuple[str, ...]
    speakers: set[int] = field(default_factory=set)
    topics: set[int] = field(default_factory=set)
    urdu_forms: list[tuple[tuple[str, ...], list[str], list[str]]] = field(default_factory=list)
    # (words, excluded words before, excluded words after) per Urdu form

    def tsquery(self) -> str:
        """Text alternatives: the typed words and each unambiguous Urdu form of the name.

        A form with exclusions (شام: Syria, but also "evening") is left to the topics the
        extractor tagged claims with, applying those exclusions in context: a passage then
        matches through the claims it holds, never through `آج شام` alone.
        """
        forms = [self.words] + [ws for ws, before, after in self.urdu_forms if not before + after]
        # A form holding another as a run adds no row to an OR, only work for the index: every
        # phrase part makes GIN intersect its words' posting lists and recheck the rows.
        kept = [ws for ws in forms if not any(o != ws and _holds(ws, o) for o in forms)]
        return tsquery.any_of([tsquery.phrase(ws) for ws in kept])

    def highlight_words(self) -> list[str]:
        return [w for ws, _, _ in self.urdu_forms for w in ws if w not in syntax.FUNCTION_WORDS]


def _holds(words: tuple[str, ...], run: tuple[str, ...]) -> bool:
    """Whether `run` occurs in `words` as consecutive words."""
    n = len(run)
    return any(words[i : i + n] == run for i in range(len(words) - n + 1))


def _is_latin(words: tuple[str, ...]) -> bool:
    return all(w.isascii() for w in words)


def find(sequence: list[tuple[str, ...]]) -> dict[int, tuple[int, Name]]:
    """Names in a sequence of query terms (each item: the words of one term, or None).

    Returns {start index: (number of items, Name)}, longest match first, left to right. Names
    typed in Latin script match any alias and bring the Urdu forms; Urdu words match speakers'
    aliases only (their text is searched as typed, and the speaker's claims are added).
    """
    # Runs of consecutive terms (a hyphenated name, "Al-Aiban", is one term of two words).
    terms = {i: ws for i, ws in enumerate(sequence) if ws}
    candidates: dict[str, tuple[int, int]] = {}
    for i in terms:
        for n in range(MAX_NGRAM, 0, -1):
            run = [terms.get(j) for j in range(i, i + n)]
            if None not in run:
                candidates.setdefault(" ".join(w for ws in run for w in ws), (i, n))
    if not candidates:
        return {}
    aliases = list(
        Alias.objects.filter(normalized__in=list(candidates)).values(
            "normalized", "speaker_id", "topic_id"
        )
    )
    by_text: dict[str, list[dict]] = {}
    for a in aliases:
        by_text.setdefault(a["normalized"], []).append(a)
    found: dict[int, tuple[int, Name]] = {}
    taken: set[int] = set()
    for text, (i, n) in sorted(candidates.items(), key=lambda kv: (-kv[1][1], kv[1][0])):
        if taken & set(range(i, i + n)):
            continue
        name = _by_alias(tuple(text.split()), by_text.get(text, []))
        if name is None and n <= MAX_SOUND_NGRAM:
            name = _by_sound(tuple(text.split()))
        if name is not None:
            found[i] = (n, name)
            taken |= set(range(i, i + n))
    return found


def _by_alias(words: tuple[str, ...], rows: list[dict]) -> Name | None:
    """The speakers and topics with an alias of exactly these words (Urdu words: speakers'
    aliases only; their text is searched as typed)."""
    if not _is_latin(words):
        rows = [r for r in rows if r["speaker_id"]]
    if not rows:
        return None
    name = Name(words)
    for r in rows:
        if r["speaker_id"]:
            name.speakers.add(r["speaker_id"])
        if r["topic_id"]:
            name.topics.add(r["topic_id"])
    _complete(name, with_forms=_is_latin(words))
    return name


def _by_sound(words: tuple[str, ...]) -> Name | None:
    """A name no alias holds, found by how it sounds: Latin words transliterated against every
    speaker's and topic's names, or two or more Urdu words as another spelling of a name."""
    latin = _is_latin(words)
    if latin and len(words) == 1 and len(words[0]) < MIN_LATIN_WORD:
        return None
    if not latin and len(words) < 2:
        return None
    # More words are more evidence: a run of several words may fit a little less well.
    floor = (LATIN_MIN_SCORE if latin else URDU_MIN_SCORE) - 0.04 * min(len(words) - 1, 2)
    text = " ".join(words)
    best = {}
    for owner in ("speaker", "topic"):
        found = [c for c in people.candidates(text, owner=owner, min_score=floor)]
        if found:
            best[owner] = [c for c in found if c.score >= found[0].score - 0.02]
    if not best:
        return None
    top = max(c.score for group in best.values() for c in group)
    name = Name(words)
    name.speakers = {c.id for c in best.get("speaker", []) if c.score >= top - 0.05}
    name.topics = {c.id for c in best.get("topic", []) if c.score >= top - 0.05}
    _complete(name, with_forms=True)
    return name


def _complete(name: Name, *, with_forms: bool) -> None:
    """Link a person's speaker and topic records, and collect the Urdu forms of the name."""
    linked = Topic.objects.filter(_owned_by(name, "speaker_id", "id"), speaker__isnull=False)
    for speaker_id, topic_id in linked.values_list("speaker_id", "id"):
        name.speakers.add(speaker_id)
        name.topics.add(topic_id)
    if not with_forms:
        return
    rows = Alias.objects.filter(
        _owned_by(name, "speaker_id", "topic_id"), language=Alias.Language.URDU
    )
    for alias in rows.values("text", "exclude_before", "exclude_after"):
        ws = tuple(syntax.words(alias["text"]))
        if not ws:
            continue
        before = [tuple(syntax.words(x)) for x in alias["exclude_before"].split(",")]
        after = [tuple(syntax.words(x)) for x in alias["exclude_after"].split(",")]
        name.urdu_forms.append((ws, [b for b in before if b], [a for a in after if a]))


def _owned_by(name: Name, speaker_field: str, topic_field: str) -> Q:
    return Q(**{f"{speaker_field}__in": name.speakers}) | Q(**{f"{topic_field}__in": name.topics})
