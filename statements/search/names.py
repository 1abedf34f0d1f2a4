"""Names in a query, in any script: `Putin`, `Syria`, `Khamenei` typed in English or Roman Urdu,
or `ایران`, `پیوٹن` in Urdu, become that speaker or topic with its Urdu forms, and a speaker's
name also finds the claims that speaker made.

First through the Alias table (translations live there: `شام` is "shaam", never "Syria");
then, for the words no alias holds, by transliteration (statements/speakers/names.py): a run
of Latin words is matched against every speaker's and topic's names in Urdu and English
(`Sergey Lavrov` finds سرگئی لاوروف, provisional speakers too), and a run of two or more Urdu
words against the other spellings of names (ولادیمیر پوتن finds the record spelt پیوٹن).

Claims match a name through their speaker (said by them), the topics the extractor tagged them
with (through the same aliases, with their exclusions: `آج شام` is "this evening", not Syria)
and the words as typed (mentioning them); so a name finds the same claims typed in English or
in an unambiguous Urdu form (`Iran`, `ایران`), while an ambiguous Urdu word keeps all its
senses (`شام` also finds "this evening", `Syria` does not). Passages match through the claims
they hold and through the unambiguous Urdu forms of the name as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from django.db import connection
from django.db.models import Q

from statements.models import Alias, Speaker, Topic
from statements.search import syntax, tsquery
from statements.speakers import lexicon, subject
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
    # A topic's name that is also a glossary term (`nuclear`: the topic "Nuclear issue", and the
    # word's renderings جوہری | ایٹمی): the term, and the tsquery of its renderings (plan.py).
    english: object = None
    also: str = ""

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
        return tsquery.any_of(
            [tsquery.phrase(ws) for ws in kept] + ([self.also] if self.also else [])
        )

    def highlight_words(self) -> list[str]:
        return [w for ws, _, _ in self.urdu_forms for w in ws if w not in syntax.FUNCTION_WORDS]


def _holds(words: tuple[str, ...], run: tuple[str, ...]) -> bool:
    """Whether `run` occurs in `words` as consecutive words."""
    n = len(run)
    return any(words[i : i + n] == run for i in range(len(words) - n + 1))


def find(
    sequence: list[tuple[str, ...]], not_by_sound: set[int] = frozenset()
) -> dict[int, tuple[int, Name]]:
    """Names in a sequence of query terms (each item: the words of one term, or None); a run
    holding an item of `not_by_sound` is a name only through an alias, never by its sound.

    Returns {start index: (number of items, Name)}, longest match first, left to right. Words
    in any script match any alias of a speaker or topic and bring the name's Urdu forms.
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
    # An alias keeps its punctuation ("Inter-Services", "Minister's"), which the query's terms
    # have split: each run is also looked up with its split terms joined again.
    spelt = {form: text for text in candidates for form in _punctuated(text, sequence)}
    aliases = list(
        Alias.objects.filter(normalized__in=[*candidates, *spelt]).values(
            "normalized", "speaker_id", "topic_id"
        )
    )
    by_text: dict[str, list[dict]] = {}
    for a in aliases:
        by_text.setdefault(spelt.get(a["normalized"], a["normalized"]), []).append(a)
    found: dict[int, tuple[int, Name]] = {}
    taken: set[int] = set()
    heard: dict[str, dict] = {}  # a run's candidates by sound, looked up a length at a time
    looked_up: set[int] = set()
    for text, (i, n) in sorted(candidates.items(), key=lambda kv: (-kv[1][1], kv[1][0])):
        if taken & set(range(i, i + n)):
            continue
        name = _by_alias(tuple(text.split()), by_text.get(text, []))
        if name is None:
            name = _by_institution(tuple(text.split()))
        if name is None and n <= MAX_SOUND_NGRAM and not not_by_sound & set(range(i, i + n)):
            if n not in looked_up:
                # every run of this length still free, in one scan of the aliases
                looked_up.add(n)
                runs = [
                    t
                    for t, (j, m) in candidates.items()
                    if m == n
                    and not (taken | not_by_sound) & set(range(j, j + m))
                    and _floor(tuple(t.split())) is not None
                ]
                floors = {t: _floor(tuple(t.split())) for t in runs}
                heard.update(people.candidates_of(runs, min_score=floors))
            if text in heard:
                name = _by_sound(tuple(text.split()), heard[text])
        if name is not None:
            found[i] = (n, name)
            taken |= set(range(i, i + n))
    return found


def _punctuated(text: str, sequence: list[tuple[str, ...]]) -> list[str]:
    """`text` with the words of each multi-word term in it joined by "-" or "'" (the common
    joins of names: "inter-services", "minister's"), or [] when it holds no such term."""
    forms = [text]
    for ws in {ws for ws in sequence if ws and len(ws) > 1}:
        spaced = " ".join(ws)
        if f" {spaced} " in f" {text} ":
            forms = [
                f" {form} ".replace(f" {spaced} ", f" {joiner.join(ws)} ").strip()
                for form in forms
                for joiner in ("-", "'")
            ]
    return [] if forms == [text] else forms


def _is_latin(words: tuple[str, ...]) -> bool:
    return all(w.isascii() for w in words)


def _by_alias(words: tuple[str, ...], rows: list[dict]) -> Name | None:
    """The speakers and topics with an alias of exactly these words, in any script."""
    if not rows:
        return None
    name = Name(words)
    for r in rows:
        if r["speaker_id"]:
            name.speakers.add(r["speaker_id"])
        if r["topic_id"]:
            name.topics.add(r["topic_id"])
    _complete(name)
    return name


def _floor(words: tuple[str, ...]) -> float | None:
    """The score a run of words must reach to be a name by its sound, or None when it cannot
    be one: a single Latin word shorter than MIN_LATIN_WORD, a single Urdu word."""
    latin = _is_latin(words)
    if latin and len(words) == 1 and len(words[0]) < MIN_LATIN_WORD:
        return None
    if not latin and len(words) < 2:
        return None
    # More words are more evidence: a run of several words may fit a little less well.
    return (LATIN_MIN_SCORE if latin else URDU_MIN_SCORE) - 0.04 * min(len(words) - 1, 2)


def _by_sound(words: tuple[str, ...], heard: dict[str, list]) -> Name | None:
    """A name no alias holds, found by how it sounds: Latin words transliterated against every
    speaker's and topic's names, or two or more Urdu words as another spelling of a name.
    `heard`: the candidates of the run by owner (statements/speakers/names.py candidates_of)."""
    best = {}
    for owner in ("speaker", "topic"):
        found = heard.get(owner, [])
        if found:
            best[owner] = [c for c in found if c.score >= found[0].score - 0.02]
    if not best:
        return None
    top = max(c.score for group in best.values() for c in group)
    name = Name(words)
    name.speakers = {c.id for c in best.get("speaker", []) if c.score >= top - 0.05}
    name.topics = {c.id for c in best.get("topic", []) if c.score >= top - 0.05}
    _complete(name)
    return name


def _by_institution(words: tuple[str, ...]) -> Name | None:
    """An institution named as copy names it: with its country ("ایرانی وزارت خارجہ",
    "وزارت خارجہ ہند"), that country's; without ("وزارت خارجہ", "وزیراعظم آفس"), those of
    every country (no bare form is an alias: statements/speakers/resolve.py)."""
    if _is_latin(words) or not _institution_words() & set(words):
        return None
    phrase = subject.parse(" ".join(words))
    if not phrase.institution or phrase.name or phrase.has_role:
        return None
    names_en = {phrase.institution} | {
        own for (kind, _), own in lexicon.INSTITUTION_NAMES.items() if kind == phrase.institution
    }
    starts = Q()
    for name_en in names_en:
        starts |= Q(name_en=name_en) | Q(name_en__startswith=f"{name_en} of ")
    found = Speaker.objects.filter(starts, kind=Speaker.Kind.ORGANISATION)
    if phrase.countries:
        found = found.filter(country__in=phrase.countries)
    speakers = set(found.values_list("pk", flat=True))
    if not speakers:
        return None
    name = Name(words, speakers=speakers)
    _complete(name)
    return name


@cache
def _institution_words() -> frozenset[str]:
    return frozenset(w for form in lexicon.INSTITUTIONS for w in syntax.words(form))


def _complete(name: Name) -> None:
    """Link a person's speaker and topic records, and collect the Urdu forms of the name."""
    linked = Topic.objects.filter(_owned_by(name, "speaker_id", "id"), speaker__isnull=False)
    for speaker_id, topic_id in linked.values_list("speaker_id", "id"):
        name.speakers.add(speaker_id)
        name.topics.add(topic_id)
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


def near_name(word: str) -> str:
    """The word of a name in Latin script (an English or Roman-Urdu alias of a public speaker
    or topic) that `word` (folded) is probably a misspelling of (`puttin` -> `Putin`), or ''.
    Levenshtein 1 for words of 4 to 6 letters, 2 from 7; the closest, then the shortest."""
    n = len(word)
    distance = 2 if n >= 7 else 1 if n >= 4 else 0
    if not distance or not word.isascii():
        return ""
    speakers = Speaker.objects.public().values("pk")
    aliases = Alias.objects.filter(Q(speaker__in=speakers) | Q(topic__isnull=False)).exclude(
        language=Alias.Language.URDU
    )
    sql, params = aliases.values("text").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT w FROM (SELECT DISTINCT regexp_split_to_table(text, '\\s+') AS w
                             FROM ({sql}) aliases) names
             WHERE lower(w) <> %s AND length(w) BETWEEN %s AND %s
               AND levenshtein(lower(w), %s) <= %s
             ORDER BY levenshtein(lower(w), %s), length(w), w LIMIT 1
            """,
            [*params, word, n - distance, n + distance, word, distance, word],
        )
        row = cursor.fetchone()
    return row[0] if row else ""
