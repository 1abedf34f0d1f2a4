"""Words, punctuation and sentences the way Urdu copy writes them, at exact offsets.

Punctuation glued to words (`کہا،کہ`, `ہے۔انہوں`, `(نمائندہ خصوصی)ترجمان`), doubled marks (`،،`,
`۔۔`) and a Latin full stop are separated from the words without touching the text: a token is a
pair of offsets and a folded key (statements.urdu.fold). Words written joined in web copy
(`کاکہنا`, `کہناتھا`, `کہاکہ`, `کرتےہوئے`) become two tokens at the point where they join.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from statements import urdu
from statements.ingest import lexicon

# A number (with its decimal or thousands separators), or a run of letters, digits and the
# marks that belong inside words (harakat, superscript alef, zero-width (non-)joiners).
_WORD = re.compile(
    r"\d+(?:[.,٫٬]\d+)*|[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u200C\u200D]+"
)
_SPACE = re.compile(r"\s+")

SENTENCE_ENDS = frozenset(lexicon.SENTENCE_ENDS) | {"."}
CLAUSE_MARKS = frozenset(lexicon.CLAUSE_MARKS)
OPENING_QUOTES = frozenset(lexicon.QUOTE_PAIRS)
CLOSING_QUOTES = frozenset(lexicon.QUOTE_PAIRS.values())
CLOSING_BRACKETS = frozenset(")]}")
SENTENCE_TAIL = SENTENCE_ENDS | CLOSING_QUOTES | CLOSING_BRACKETS  # what a sentence ends with


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    key: str  # the folded word; for punctuation, the mark itself
    word: bool  # False: a punctuation mark
    line_start: bool = False  # the first token of a line (a line break before it)

    def mark(self, marks: frozenset[str]) -> bool:
        return not self.word and self.key in marks


def key(text: str) -> str:
    """The folded form of one word (a zero-width non-joiner inside it joins, as in copy)."""
    return urdu.fold(text).replace(" ", "")


@lru_cache(maxsize=1)
def _glued() -> dict[str, tuple[str, str]]:
    firsts = [key(w) for w in lexicon.GLUED_FIRST]
    seconds = [key(w) for w in lexicon.GLUED_SECOND]
    return {a + b: (a, b) for a in firsts for b in seconds}


def _split_glued(raw: str, start: int, folded: str, line_start: bool) -> list[Token]:
    """`کاکہنا` -> `کا` + `کہنا`, at the offset where the folded prefix is the first word."""
    first, _second = _glued()[folded]
    for i in range(1, len(raw)):
        if key(raw[:i]) == first and key(raw[i:]) == folded[len(first) :]:
            return [
                Token(start, start + i, first, True, line_start),
                Token(start + i, start + len(raw), folded[len(first) :], True),
            ]
    return [Token(start, start + len(raw), folded, True, line_start)]


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words and punctuation marks of text[start:end], in order, at their offsets."""
    end = len(text) if end is None else end
    tokens: list[Token] = []
    pos = start
    glued = _glued()
    line_start = False
    while pos < end:
        space = _SPACE.match(text, pos, end)
        if space:
            line_start = line_start or "\n" in space.group()
            pos = space.end()
            continue
        word = _WORD.match(text, pos, end)
        if word:
            raw = word.group()
            folded = key(raw)
            if folded in glued:
                tokens += _split_glued(raw, pos, folded, line_start)
            else:
                tokens.append(Token(pos, word.end(), folded, True, line_start))
            pos = word.end()
        else:
            tokens.append(Token(pos, pos + 1, text[pos], False, line_start))
            pos += 1
        line_start = False
    return tokens


def quotations(tokens: list[Token], lo: int = 0, hi: int | None = None) -> dict[int, int]:
    """Opening quotation mark index -> its closing mark's index, for pairs inside tokens[lo:hi]
    (straight quotes pair in turn; an opening mark never closed is left out)."""
    hi = len(tokens) if hi is None else hi
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for i in range(lo, hi):
        t = tokens[i]
        if t.word:
            continue
        if stack and t.key == lexicon.QUOTE_PAIRS[tokens[stack[-1]].key]:
            pairs[stack.pop()] = i
        elif t.key in OPENING_QUOTES:
            stack.append(i)
    return pairs


def sentences(tokens: list[Token], lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """Sentences of tokens[lo:hi] as index ranges: each ends after its end marks (۔ ؟ ! and a
    Latin full stop, doubled or not) and the closing quotes and brackets right after them. An end
    mark inside a quotation does not end the sentence, unless it is the quotation's last mark
    (`انہوں نے کہا: "... ہے۔"`) and no comma follows the quotation."""
    hi = len(tokens) if hi is None else hi
    closes = quotations(tokens, lo, hi)
    result: list[tuple[int, int]] = []
    start = i = lo
    while i < hi:
        if i in closes:
            close = closes[i]
            i = close + 1
            if not tokens[close - 1].mark(SENTENCE_ENDS) or (
                i < hi and tokens[i].mark(CLAUSE_MARKS)
            ):
                continue
        elif tokens[i].mark(SENTENCE_ENDS):
            i += 1
        else:
            i += 1
            continue
        while i < hi and i not in closes and tokens[i].mark(SENTENCE_TAIL):
            i += 1
        result.append((start, i))
        start = i
    if start < hi:
        result.append((start, hi))
    return [(a, b) for a, b in result if any(t.word for t in tokens[a:b])]
