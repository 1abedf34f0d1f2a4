"""The name key: a coarse consonant skeleton shared by both scripts, to find the candidates of a
name quickly before statements/speakers/translit.py scores them.

`Sergey Lavrov` and `سرگئی لاوروف` both become `SRK LRF`: consonants fold to one class letter
per sound group (ت ٹ ط t -> T, س ص ث ش s sh -> S, ...), vowels and the letters that are vowels
as often as consonants (ا و ی ع ہ ح ے, a e i o u y w h v) are left out, doubled letters count
once. Candidates are the names whose key (without spaces) is within a small edit distance of
the query's, or one of whose words has the query's key.

The key exists twice, here and as the SQL function `speaker_name_key(text)` behind the stored
`Alias.name_key`, generated from the same tables below; tests/speakers/test_keys.py pins the
two together.
"""

from __future__ import annotations

import re
import unicodedata

from statements import urdu

# Latin letter groups read as one sound, replaced in this order (regular expressions, the same
# in Python and PostgreSQL): the class letters are upper case, so no rule sees another's output.
LATIN_RULES: list[tuple[str, str]] = [
    (r"\b([aeu])l[ -]", r"\1l"),  # the Arabic article is written joined: al-Aiban, العیبان
    (r"(v|ff)\b", "F"),  # Russian -ov/-ev is written with ف
    (r"s?sch|sh", "S"),
    (r"ch|zh|tch", "J"),
    (r"kh", "K"),
    (r"gh", "K"),
    (r"ph", "F"),
    (r"th", "T"),
    (r"dh", "D"),
    (r"bh", "B"),
    (r"ck|qu", "K"),
    (r"x", "KS"),
]
LATIN_CLASSES: dict[str, str] = {
    "bp": "B", "td": "T", "j": "J", "kqcg": "K", "s": "S", "z": "Z", "f": "F",
    "l": "L", "m": "M", "n": "N", "r": "R",
}  # fmt: skip
URDU_CLASSES: dict[str, str] = {
    "بپ": "B", "تٹطدڈ": "T", "جچژ": "J", "کقخگغ": "K", "سصثش": "S", "زذضظ": "Z",
    "ف": "F", "ل": "L", "م": "M", "نں": "N", "رڑ": "R",
}  # fmt: skip
# t and d share a class: Urdu copy writes English t and d with ٹ ت ڈ د alike, often
# interchangeably in the same name across outlets. k, q and g too: Persian ق is romanised gh
# or q (Moghadam, Ghasemi), Turkish ğ is written غ, گ or nothing.

_SOURCE = "".join(LATIN_CLASSES) + "".join(URDU_CLASSES)
_TARGET = "".join(t * len(k) for k, t in LATIN_CLASSES.items()) + "".join(
    t * len(k) for k, t in URDU_CLASSES.items()
)
_TABLE = str.maketrans(_SOURCE, _TARGET)
_COMBINING_MARKS = "[\u0300-\u036f]"  # Latin accents, once decomposed
_COMBINING = re.compile(_COMBINING_MARKS)


def name_key(text: str) -> str:
    """The key of `text` in either script (same result as SQL `speaker_name_key(text)`)."""
    t = urdu.fold(text)
    t = _COMBINING.sub("", unicodedata.normalize("NFD", t))
    for pattern, repl in LATIN_RULES:
        t = re.sub(pattern, repl, t)
    t = t.translate(_TABLE)
    t = re.sub(r"[^A-Z\s]+", "", t)
    t = re.sub(r"([A-Z])\1+", r"\1", t)
    return " ".join(t.split())


def _literal(text: str) -> str:
    return (
        "U&'" + "".join(f"\\{ord(c):04X}" if ord(c) > 127 or c in "'\\" else c for c in text) + "'"
    )


def sql_function() -> str:
    """The SQL twin of name_key (written into the migration that creates it)."""
    marks = _literal(_COMBINING_MARKS)
    expr = f"regexp_replace(normalize(urdu_normalize(t), NFD), {marks}, '', 'g')"
    for pattern, repl in LATIN_RULES:
        # \b is a word's start at the front of a pattern (\m in PostgreSQL), its end after
        pg = pattern.replace(r"\b", r"\m", 1) if pattern.startswith(r"\b") else pattern
        pg = pg.replace(r"\b", r"\M")
        expr = f"regexp_replace({expr}, '{pg}', '{repl}', 'g')"
    expr = f"translate({expr}, {_literal(_SOURCE)}, {_literal(_TARGET)})"
    expr = f"regexp_replace({expr}, '[^A-Z[:space:]]+', '', 'g')"
    expr = f"regexp_replace({expr}, '([A-Z])\\1+', '\\1', 'g')"
    expr = f"btrim(regexp_replace({expr}, '[[:space:]]+', ' ', 'g'))"
    return (
        "CREATE OR REPLACE FUNCTION speaker_name_key(t text) RETURNS text\n"
        "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE\n"
        f"RETURN {expr};"
    )
