"""Names in a query, through the Alias table: `Putin`, `Syria`, `Khamenei` typed in English or
Roman Urdu, or `ایران`, `پیوٹن` in Urdu, become that speaker or topic with its Urdu forms
(transliteration is not translation: `شام` is "shaam", never "Syria"), and a speaker's name
also finds the claims that speaker made.

Claims match a name through their speaker, the topics the extractor tagged them with (through
the same aliases, with their exclusions: `آج شام` is "this evening", not Syria), and the words
as typed; so a name finds the same claims typed in English or in an unambiguous Urdu form
(`Iran`, `ایران`), while an ambiguous Urdu word keeps all its senses (`شام` also finds "this
evening", `Syria` does not). Passages match through the claims they hold and through the
unambiguous Urdu forms of the name as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q

from statements.models import Alias, Speaker, Topic
from statements.search import syntax, tsquery

MAX_NGRAM = 4


@dataclass
class Name:
    """A run of query words that names a speaker or topic."""

    words: tuple[str, ...]
    speakers: set[int] = field(default_factory=set)
    topics: set[int] = field(default_factory=set)
    urdu_forms: list[tuple[tuple[str, ...], list[str], list[str]]] = field(default_factory=list)
    # (words, excluded words before, excluded words after) per Urdu form

    def typed_tsquery(self) -> str:
        """The words as typed, in a row."""
        return tsquery.phrase(self.words)

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


def find(sequence: list[tuple[str, ...]]) -> dict[int, tuple[int, Name]]:
    """Names in a sequence of query terms (each item: the words of one term, or None).

    Returns {start index: (number of items, Name)}, longest match first, left to right. Words
    in any script match any alias of a speaker or topic and bring the name's Urdu forms.
    """
    single = {i: ws[0] for i, ws in enumerate(sequence) if len(ws) == 1}
    candidates: dict[str, tuple[int, int]] = {
        " ".join(ws): (i, 1) for i, ws in enumerate(sequence) if len(ws) > 1
    }
    for i in single:
        for n in range(MAX_NGRAM, 0, -1):
            run = [single.get(j) for j in range(i, i + n)]
            if None not in run:
                candidates.setdefault(" ".join(run), (i, n))
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
        if text not in by_text or taken & set(range(i, i + n)):
            continue
        words = tuple(text.split())
        rows = by_text[text]
        name = Name(words)
        for r in rows:
            if r["speaker_id"]:
                name.speakers.add(r["speaker_id"])
            if r["topic_id"]:
                name.topics.add(r["topic_id"])
        _complete(name)
        found[i] = (n, name)
        taken |= set(range(i, i + n))
    return found


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
