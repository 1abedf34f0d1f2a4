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
    key = keys.name_key(name)
    flat = key.replace(" ", "")
    if not flat:
        return []
    words = key.split()
    column = "speaker_id" if owner == "speaker" else "topic_id"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT {column}, text, normalized = %(folded)s AS exact,
                   replace(name_key, ' ', '') <> %(flat)s
                   AND string_to_array(name_key, ' ') @> %(words)s::text[] AS part,
                   replace(name_key, ' ', '') <> %(flat)s
                   AND cardinality(string_to_array(name_key, ' ')) BETWEEN 2 AND %(n)s
                   AND 2 * cardinality(string_to_array(name_key, ' ')) >= %(n)s
                   AND string_to_array(name_key, ' ') <@ %(words)s::text[] AS within
              FROM statements_alias
             WHERE {column} IS NOT NULL AND (
                   normalized = %(folded)s
                OR (length(replace(name_key, ' ', '')) BETWEEN %(lo)s AND %(hi)s
                    AND levenshtein(replace(name_key, ' ', ''), %(flat)s) <= %(d)s)
                OR string_to_array(name_key, ' ') @> %(words)s::text[]
                OR (cardinality(string_to_array(name_key, ' ')) BETWEEN 2 AND %(n)s
                    AND 2 * cardinality(string_to_array(name_key, ' ')) >= %(n)s
                    AND string_to_array(name_key, ' ') <@ %(words)s::text[]))
            """,
            {
                "folded": urdu.fold(name).strip(),
                "flat": flat,
                "words": words,
                "n": len(words),
                "lo": len(flat) - _distance(flat),
                "hi": len(flat) + _distance(flat),
                "d": _distance(flat),
            },
        )
        rows = cursor.fetchall()
    best: dict[int, Candidate] = {}
    for owner_id, text, exact, part, within in rows:
        if part and not exact and keys.name_key(text).split()[-1:] != words[-1:]:
            continue  # a part of a name is its end (a surname), not its first names
        score = 1.0 if exact else translit.name_similarity(name, text, partial=part)
        if part and not exact:
            score = _part_score(name, text)
        elif within and not exact:  # the form is the end of the name ("امیری مقدم")
            score = max(score, 0.95 * _part_score(text, name))
            part = True
        if score < min_score:
            continue
        found = Candidate(owner, owner_id, round(score, 3), text, bool(part and not exact))
        if owner_id not in best or found.score > best[owner_id].score:
            best[owner_id] = found
    return sorted(best.values(), key=lambda c: (-c.score, c.id))


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
