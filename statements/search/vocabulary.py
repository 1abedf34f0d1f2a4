"""The archive's own vocabulary: every folded word of the public text, with how many documents
(claims and passages) hold it, and the keys that find near spellings of a word.

The table `search_vocabulary` is kept exact by statement-level triggers on claims and passages
(migration 0005_search_vocabulary), so word forms and near spellings always come from the corpus,
never from a fixed list of sentences. The keys exist twice, here and as SQL functions generated
from the same tables; tests/test_search_vocabulary.py pins the two together.

- sound key: letters that sound alike in Urdu fold to one (ذ ض ظ -> ز, ث ص -> س, ط -> ت, ح ھ -> ہ),
- skeleton: the dotless letter shapes (نطر and نظر share one),
- letters: the word's letters sorted (catches swapped letters: سایسی / سیاسی).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from statements.urdu import fold

# Letters that sound alike: each group folds to its first letter.
SOUND_ALIKE: dict[str, str] = {
    "ذضظ": "ز",
    "ثص": "س",
    "ط": "ت",
    "حھ": "ہ",
}

# Letters that differ only by their dots (the rasm): each group folds to one shape.
SKELETON: dict[str, str] = {
    "بپتٹث": "ٮ",  # beh family
    "جچحخ": "ح",
    "دڈذ": "د",
    "رڑزژ": "ر",
    "سش": "س",
    "صض": "ص",
    "طظ": "ط",
    "عغ": "ع",
    "فق": "ف",
    "کگ": "ک",
    "نں": "ں",
    "ی": "ى",
    "ھ": "ہ",
}


def _table(groups: dict[str, str]) -> dict[int, str]:
    return {ord(c): target for chars, target in groups.items() for c in chars}


_SOUND = _table(SOUND_ALIKE)
_SKELETON = _table(SKELETON)


def sound_key(word: str) -> str:
    return word.translate(_SOUND)


def skeleton(word: str) -> str:
    return word.translate(_SKELETON)


def letters(word: str) -> str:
    return "".join(sorted(word))


def _translate_sql(name: str, groups: dict[str, str]) -> str:
    source = "".join(chars for chars in groups)
    target = "".join(t * len(chars) for chars, t in groups.items())
    lit = lambda s: "U&'" + "".join(f"\\{ord(c):04X}" for c in s) + "'"  # noqa: E731
    return (
        f"CREATE OR REPLACE FUNCTION {name}(t text) RETURNS text\n"
        "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE\n"
        f"RETURN translate(t, {lit(source)}, {lit(target)});"
    )


def sql_functions() -> str:
    """The SQL twins of sound_key, skeleton and letters (written into the migration)."""
    return "\n".join(
        [
            _translate_sql("urdu_sound_key", SOUND_ALIKE),
            _translate_sql("urdu_skeleton", SKELETON),
            "CREATE OR REPLACE FUNCTION urdu_letters(t text) RETURNS text\n"
            "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE\n"
            "RETURN array_to_string(ARRAY(SELECT c FROM regexp_split_to_table(t, '') AS c "
            "ORDER BY c COLLATE \"C\"), '');",
        ]
    )


# Endings that make plural and oblique forms of a stem (URDU.md): a query word also matches the
# forms of its stem that occur in the archive.
ENDINGS = tuple(fold(e) for e in ("وں", "یں", "ات", "یاں", "یوں", "ے", "ہ", "ا", "ی"))
# Arabic broken plurals (singular, plural): their forms are not made by endings.
BROKEN_PLURALS = (
    ("ملک", "ممالک"),  # country, countries
    ("مسئلہ", "مسائل"),  # issue, issues
    ("قوم", "اقوام"),  # nation, nations
    ("موقف", "مواقف"),  # position, positions
    ("ہدف", "اہداف"),  # target, targets
    ("دلیل", "دلائل"),  # argument, arguments
    ("قدر", "اقدار"),  # value, values
    ("حکم", "احکام"),  # order, orders
    ("شخص", "اشخاص"),  # person, persons
    ("خبر", "اخبار"),  # news item, news
)
_BROKEN: dict[str, set[str]] = {}
for _a, _b in ((fold(a), fold(b)) for a, b in BROKEN_PLURALS):
    _BROKEN.setdefault(_a, set()).add(_b)
    _BROKEN.setdefault(_b, set()).add(_a)

# Verbs. A glossary rendering is written in the infinitive (مذمت کرنا, بڑھانا) and copy writes
# every other form (مذمت کی، مذمت کرتے ہیں، بڑھا دیا، بڑھائے گا): an infinitive also matches
# the forms of its stem the archive holds. The light verbs of Urdu's noun + verb constructions
# are irregular and short, so their forms are listed; other verbs take the regular endings.
LIGHT_VERBS = {
    "کرنا": "کر کرنا کرنے کرنی کرتا کرتے کرتی کرتیں کیا کیے کئے کی کیں کریں کرے کرو کروں کرکے",
    "ہونا": "ہو ہونا ہونے ہونی ہوتا ہوتے ہوتی ہوا ہوئے ہوئی ہوئیں ہوں ہوگا ہوگی ہوگے",
    "دینا": "دے دینا دینے دینی دیتا دیتے دیتی دیا دیے دئے دیئے دی دیں دو دوں دیجئے",
    "لینا": "لے لینا لینے لینی لیتا لیتے لیتی لیا لیے لئے لی لیں لو لوں",
    "جانا": "جا جانا جانے جانی جاتا جاتے جاتی گیا گئے گئی گئیں جائے جائیں جاؤ",
    "آنا": "آ آنا آنے آنی آتا آتے آتی آیا آئے آئی آئیں",
    "رکھنا": "رکھ رکھنا رکھنے رکھنی رکھتا رکھتے رکھتی رکھا رکھے رکھی رکھیں",
    "پانا": "پا پانا پانے پاتا پاتے پاتی پایا پائے پائی",
}
LIGHT = {fold(k): {fold(f) for f in v.split()} for k, v in LIGHT_VERBS.items()}
# The endings of a regular verb's stem (بڑھا-نا): infinitive, imperfective, perfective,
# subjunctive; after a stem ending in a vowel the perfective takes یا and the subjunctive ئے.
VERB_ENDINGS = tuple(
    fold(e)
    for e in [
        "نا",
        "نے",
        "نی",
        "تا",
        "تے",
        "تی",
        "ا",
        "ے",
        "ی",
        "یں",
        "و",
        "وں",
        "یا",
        "ئے",
        "ئی",
        "ئیں",
        "یے",
        "ئیے",
    ]
)
MIN_VERB_STEM = 3  # shorter stems are words of their own (تمنا is no verb of تم)


def verb_forms(word: str) -> set[str]:
    """The forms of an infinitive (`بڑھانا`: بڑھا، بڑھائے، بڑھانے، بڑھاتے ...), or none."""
    if word in LIGHT:
        return set(LIGHT[word])
    if not word.endswith(fold("نا")) or len(word) - 2 < MIN_VERB_STEM:
        return set()
    stem = word[:-2]
    return {stem} | {stem + e for e in VERB_ENDINGS}


_ENDING_SET = frozenset(ENDINGS) | {fold(e) for e in ("اں", "وں", "یں", "ات", "یاں", "یوں")}
MIN_STEM = 2
MAX_WORD = 60  # longer "words" are pastes, not typos (and levenshtein() stops at 255)


def candidate_forms(word: str) -> set[str]:
    """Forms of `word` to look for: its stems with every ending, broken plurals, and a verb's
    forms."""
    forms = {word}
    if len(word) < 3:
        return forms | verb_forms(word)
    stems = {word}
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            stems.add(word[: -len(ending)])
    for stem in stems:
        forms.add(stem)
        forms.update(stem + ending for ending in ENDINGS)
    for form in list(forms):
        forms.update(_BROKEN.get(form, ()))
    return forms | verb_forms(word)


def known(words: Iterable[str]) -> dict[str, int]:
    """The words of `words` that occur in the archive, with their document counts."""
    words = sorted(set(words))
    if not words:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, ndoc FROM search_vocabulary WHERE word = ANY(%s)", [list(words)]
        )
        return dict(cursor.fetchall())


def forms(words: Iterable[str]) -> dict[str, list[str]]:
    """For each word, the forms of it that occur in the archive (the word itself first if it
    occurs), most frequent first; one query for all the words."""
    words = list(dict.fromkeys(words))
    wanted = {w: candidate_forms(w) for w in words}
    found = known(f for fs in wanted.values() for f in fs)
    return {
        w: sorted((f for f in wanted[w] if f in found), key=lambda f: (f != w, -found[f], f))
        for w in words
    }


def compounds(pairs: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """Adjacent query words whose joined form, or a form of it, is an archive word
    (دو طرفہ -> دوطرفہ, دہشت گرد -> دہشتگردوں)."""
    pairs = list(pairs)
    wanted = {(a, b): candidate_forms(a + b) for a, b in pairs}
    found = known(f for fs in wanted.values() for f in fs)
    return {pair for pair, fs in wanted.items() if fs & found.keys()}


MAX_SPLITS = 3  # two-word writings of one query word searched at most (the most balanced)


def splits(words: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """For joined query words, the ways the archive writes them, or a form of them, as two
    words (اسکے -> اس کے, دہشتگردوں -> دہشت گردوں): pairs of archive words, in a row.

    A half that is only an ending (وں، ات، یں ...) is no word of its own, and forms the archive
    does not hold are not split: in a vocabulary of tens of thousands of words almost any word
    cuts into two archive words somewhere, and each pair is a phrase every matching row must be
    read to check. The MAX_SPLITS most balanced pairs are kept."""
    words = [w for w in words if len(w) >= 4]
    forms_of = {w: sorted(candidate_forms(w)) for w in words}
    held = known(f for fs in forms_of.values() for f in fs)
    options = {
        w: {
            (f[:i], f[i:])
            for f in forms_of[w]
            if f == w or f in held
            for i in range(2, len(f) - 1)
            if f[:i] not in _ENDING_SET and f[i:] not in _ENDING_SET
        }
        for w in words
    }
    found = known(part for opts in options.values() for pair in opts for part in pair)
    out = {}
    for w, opts in options.items():
        pairs = [(a, b) for a, b in opts if a in found and b in found]
        pairs.sort(key=lambda ab: (-min(len(ab[0]), len(ab[1])), ab))
        if pairs:
            out[w] = sorted(pairs[:MAX_SPLITS])
    return out


def near_spellings(word: str, *, edits: bool = True, limit: int = 3) -> list[str]:
    """Archive words that are probably `word` misspelt (or `word` a misspelling of them).

    First the words sharing its sound key, dotless skeleton or sorted letters; then, with
    `edits`, those at Levenshtein distance 1 (words of 4+ letters) or 2 (7+ letters). The
    closest come first, then the most frequent.
    """
    n = len(word)
    if n < 3 or n > MAX_WORD:
        return []
    distance = 2 if n >= 7 else 1 if n >= 4 else 0
    if not edits:
        distance = 0
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT word FROM (
                SELECT word, ndoc, 0 AS d FROM search_vocabulary
                 WHERE word <> %(w)s AND length BETWEEN %(lo)s AND %(hi)s
                   AND (sound = urdu_sound_key(%(w)s) OR skeleton = urdu_skeleton(%(w)s)
                        OR letters = urdu_letters(%(w)s))
                UNION ALL
                SELECT word, ndoc, levenshtein(word, %(w)s) AS d FROM search_vocabulary
                 WHERE %(dist)s > 0 AND word <> %(w)s
                   AND length BETWEEN %(n)s - %(dist)s AND %(n)s + %(dist)s
                   AND levenshtein(word, %(w)s) <= %(dist)s
            ) c
            GROUP BY word ORDER BY min(d), max(ndoc) DESC, word LIMIT %(limit)s
            """,
            {"w": word, "n": n, "lo": n - 1, "hi": n + 1, "dist": distance, "limit": limit},
        )
        rows = [r[0] for r in cursor.fetchall()]
    return rows


def longer_words(word: str, limit: int = 5) -> list[str]:
    """Archive words that begin with `word` and go on for at least two letters (دہشت in
    دہشتگرد, دہشتگردوں): where a word the archive lacks on its own is written joined to
    another. The most frequent first. Only for words of 3+ letters."""
    if len(word) < 3 or len(word) > MAX_WORD:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM search_vocabulary WHERE starts_with(word, %s) "
            "AND length(word) >= length(%s) + 2 ORDER BY ndoc DESC, word LIMIT %s",
            [word, word, limit],
        )
        return [r[0] for r in cursor.fetchall()]
