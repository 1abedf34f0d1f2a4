"""Who a name may be: the speakers and topics whose aliases match a name typed or written in
either script, scored.

Candidates come from the database by the cross-script key (statements/speakers/keys.py, stored
as `Alias.name_key`): the same folded text, a key within a small edit distance, or, for a
one-word name (a surname), an alias holding a word with that key. statements/speakers/translit.py
then scores each against the name; the best alias of each speaker or topic counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Value

from statements import urdu
from statements.speakers import keys, translit

MIN_SCORE = 0.72  # below this a candidate is not the name


@dataclass(frozen=True)
class Candidate:
    owner: str  # "speaker" or "topic"
    id: int
    score: float
    alias: str  # the form that matched
    partial: bool = False  # the name matched one word of the form (a surname)


def _distance(key: str) -> int:
    return 0 if len(key) <= 2 else 1 if len(key) <= 4 else 2


def candidates(
    name: str, *, owner: str = "speaker", min_score: float = MIN_SCORE
) -> list[Candidate]:
    """Speakers (or topics) whose aliases may be `name`, best first, one entry each."""
    return candidates_of([name], min_score=min_score)[name][owner]


# One scan of the aliases for every name asked at once: a search query's runs of words are
# looked up together (statements/search/names.py), each run costing a few conditions per alias
# row rather than a scan of its own.
CANDIDATES_SQL = """
    WITH q AS (
        SELECT * FROM unnest(%(folded)s::text[], %(flat)s::text[], %(key)s::text[],
                             %(lo)s::int[], %(hi)s::int[], %(d)s::int[])
                      WITH ORDINALITY AS q(folded, flat, key, lo, hi, d, i)
    ), qw AS MATERIALIZED (
        SELECT q.*, string_to_array(q.key, ' ') AS words,
               cardinality(string_to_array(q.key, ' ')) AS n
          FROM q
    ), a AS MATERIALIZED (
        SELECT speaker_id, topic_id, text, normalized, replace(name_key, ' ', '') AS flat,
               string_to_array(name_key, ' ') AS words
          FROM statements_alias
         WHERE speaker_id IS NOT NULL OR topic_id IS NOT NULL
    )
    SELECT qw.i, a.speaker_id, a.topic_id, a.text, a.normalized = qw.folded AS exact,
           a.flat <> qw.flat AND a.words @> qw.words AS part,
           a.flat <> qw.flat
           AND cardinality(a.words) BETWEEN 2 AND qw.n
           AND 2 * cardinality(a.words) >= qw.n
           AND a.words <@ qw.words AS within
      FROM a CROSS JOIN qw
     WHERE a.normalized = qw.folded
        OR (length(a.flat) BETWEEN qw.lo AND qw.hi AND levenshtein(a.flat, qw.flat) <= qw.d)
        OR a.words @> qw.words
        OR (cardinality(a.words) BETWEEN 2 AND qw.n
            AND 2 * cardinality(a.words) >= qw.n
            AND a.words <@ qw.words)
"""


def candidates_of(
    names: list[str], *, min_score: float | dict[str, float] = MIN_SCORE
) -> dict[str, dict[str, list[Candidate]]]:
    """{name: {"speaker": [...], "topic": [...]}} for each of `names`, as `candidates` gives
    them (best first, one entry each), with one statement for them all. `min_score` may be
    given per name."""
    out = {name: {"speaker": [], "topic": []} for name in names}
    asked = []
    for name in dict.fromkeys(names):
        key = keys.name_key(name)
        flat = key.replace(" ", "")
        if flat:
            asked.append((name, key, flat))
    if not asked:
        return out
    with connection.cursor() as cursor:
        cursor.execute(
            CANDIDATES_SQL,
            {
                "folded": [urdu.fold(name).strip() for name, _, _ in asked],
                "flat": [flat for _, _, flat in asked],
                "key": [key for _, key, _ in asked],
                "lo": [len(flat) - _distance(flat) for _, _, flat in asked],
                "hi": [len(flat) + _distance(flat) for _, _, flat in asked],
                "d": [_distance(flat) for _, _, flat in asked],
            },
        )
        rows = cursor.fetchall()
    best: dict[tuple[str, str], dict[int, Candidate]] = {}
    for i, speaker_id, topic_id, text, exact, part, within in rows:
        name, key, _ = asked[i - 1]
        floor = min_score.get(name, MIN_SCORE) if isinstance(min_score, dict) else min_score
        for owner, owner_id in (("speaker", speaker_id), ("topic", topic_id)):
            if owner_id is None:
                continue
            found = _scored(name, key.split(), owner, owner_id, text, exact, part, within)
            if found is None or found.score < floor:
                continue
            kept = best.setdefault((name, owner), {})
            if owner_id not in kept or found.score > kept[owner_id].score:
                kept[owner_id] = found
    for (name, owner), kept in best.items():
        out[name][owner] = sorted(kept.values(), key=lambda c: (-c.score, c.id))
    return out


def _scored(name, words, owner, owner_id, text, exact, part, within) -> Candidate | None:
    """How well alias `text` fits `name` (None: a part of a name that is not its end)."""
    if part and not exact and keys.name_key(text).split()[-1:] != words[-1:]:
        return None  # a part of a name is its end (a surname), not its first names
    score = 1.0 if exact else translit.name_similarity(name, text, partial=part)
    if part and not exact:
        score = _part_score(name, text)
    elif within and not exact:  # the form is the end of the name ("امیری مقدم")
        score = max(score, 0.95 * _part_score(text, name))
        part = True
    return Candidate(owner, owner_id, round(score, 3), text, bool(part and not exact))


def _part_score(name: str, form: str) -> float:
    """A name that is some of the words of `form` (a surname, or a name without its middle
    part): each of its words scored against the best word of the form."""

    def split(text):
        if translit.is_latin(text):  # the article joined to its word, as Urdu writes it
            return re.sub(r"\b([aeu]l)[ -]", r"\1", text, flags=re.IGNORECASE).split()
        return translit.urdu_letters(text).split()

    theirs = split(form)
    mine = split(name)
    if not theirs or not mine:
        return 0.0
    return 0.97 * min(max(translit.name_similarity(w, t) for t in theirs) for w in mine)


def ensure_name_aliases(obj) -> list:
    """Make a speaker's or topic's own names (Urdu and English) aliases of it, if they are not
    yet: names are found across scripts through aliases, and an editor may type a name
    without adding it as an alias."""
    from statements.models import Alias, Speaker, UrduNormalize

    owner = "speaker" if isinstance(obj, Speaker) else "topic"
    made = []
    for text in dict.fromkeys(filter(None, [obj.name, obj.name_en])):
        text = text[:200]
        same = Alias.objects.filter(**{owner: obj}, normalized=UrduNormalize(Value(text)))
        if not same.exists():
            language = Alias.Language.ENGLISH if translit.is_latin(text) else Alias.Language.URDU
            made.append(Alias.objects.create(**{owner: obj}, text=text, language=language))
    return made
