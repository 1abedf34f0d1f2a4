"""Urdu text normalisation: the one fold used for the search index and for queries alike.

The fold is a *match key*, never applied to stored or displayed text. It exists twice, here in
Python and as the IMMUTABLE SQL function `urdu_normalize(text)` (created by a migration from
`sql_function_body()`); a golden-vector test pins the two to each other. Changing FOLD means a
new migration that replaces the SQL function (and so regenerates every stored tsvector).

Steps, identical on both sides:
1. Unicode NFKC (presentation forms to letters, hamza composition such as ہ + ٔ -> ۂ),
2. lower case (for English and Roman-Urdu aliases),
3. the FOLD table: one canonical letter per class; characters mapped to "" are removed.
"""

from __future__ import annotations

import re
import unicodedata

# Each entry: source characters -> the canonical character ("" removes them). Comments give why.
FOLD: dict[str, str] = {
    # Arabic yeh and alef maksura are typed for Farsi yeh; the hamza-carrier yeh folds too.
    "\u064a\u0649\u0626\u06d0": "\u06cc",  # ي ى ئ ې -> ی
    "\u0643": "\u06a9",  # Arabic kaf ك -> keheh ک
    # Arabic heh, ae, teh marbuta and teh marbuta goal for heh goal; hamza-on-heh folds too.
    "\u0647\u06d5\u0629\u06c3\u06c2": "\u06c1",  # ه ە ة ۃ ۂ -> ہ
    "\u06d3": "\u06d2",  # ۓ -> ے
    "\u0622\u0623\u0625\u0671": "\u0627",  # آ أ إ ٱ -> ا
    "\u0624": "\u0648",  # ؤ -> و
    # Digits: Urdu (extended Arabic-Indic) and Arabic-Indic to ASCII.
    **{chr(0x06F0 + d): str(d) for d in range(10)},
    **{chr(0x0660 + d): str(d) for d in range(10)},
    "\u200c": " ",  # zero-width non-joiner splits a word in some builds: make it a space
    # Removed: tatweel, harakat and Quranic marks, superscript alef, hamza above/below,
    # zero-width joiner, directional marks.
    "\u0640": "",
    "".join(chr(c) for c in range(0x064B, 0x0660)): "",
    "\u0670": "",
    "\u200d\u200e\u200f\u061c\u200b\ufeff": "",
}

_TABLE = {ord(ch): target for chars, target in FOLD.items() for ch in chars}


def fold(text: str) -> str:
    """Return the search key of `text` (same result as SQL `urdu_normalize(text)`)."""
    return unicodedata.normalize("NFKC", text).lower().translate(_TABLE)


_WORD = re.compile(r"[^\s،؛؟۔,;:!?.\"'()\[\]{}«»“”‘’\-–—/|]+")


def words(text: str) -> list[str]:
    """Folded words of `text`, split as PostgreSQL's parser splits them in a UTF-8 locale."""
    return _WORD.findall(fold(text))


def sql_translate_args() -> tuple[str, str]:
    """The `from` and `to` strings of SQL translate(): mapped characters first, then removals."""
    mapped = [(ord(c), t) for chars, t in FOLD.items() if t for c in chars]
    removed = [ord(c) for chars, t in FOLD.items() if not t for c in chars]
    source = "".join(chr(c) for c, _ in mapped) + "".join(chr(c) for c in removed)
    target = "".join(t for _, t in mapped)
    return source, target


def _sql_literal(text: str) -> str:
    """An ASCII-only SQL literal (U&'...') so the migration file shows every code point."""
    return (
        "U&'" + "".join(f"\\{ord(c):04X}" if ord(c) > 127 or c in "'\\" else c for c in text) + "'"
    )


def sql_function_body() -> str:
    source, target = sql_translate_args()
    return (
        "CREATE OR REPLACE FUNCTION urdu_normalize(t text) RETURNS text\n"
        "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE\n"
        f"RETURN translate(lower(normalize(t, NFKC)), {_sql_literal(source)}, {_sql_literal(target)});"
    )
