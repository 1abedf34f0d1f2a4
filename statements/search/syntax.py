"""The query language: what a researcher typed, parsed into web-search syntax over folded Urdu
words. Pure functions, no database (tsquery text is built from the result by search/tsquery.py).

Syntax (as web search engines and `websearch_to_tsquery`): words are ANDed; `"quoted words"`
form an exact phrase; `or` between two items offers either; `-word` or `-"a phrase"` excludes;
a trailing `*` searches a prefix. Anything else is text: a lone quote, `&|!():<>`, backslashes
or control characters never reach PostgreSQL as syntax, because the tsquery text is built
from quoted lexemes only (search/tsquery.py).

Function words (postpositions, auxiliaries, pronouns, conjunctions) are left out of the query
when other words remain, so that they neither decide nor dominate ranking; inside a quoted phrase
they stay, so phrases stay exact. The index keeps every word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from statements.urdu import fold

MAX_TERMS = 32  # more words than this are ignored (a 10 kB paste is not a query)

# Curated Urdu function words, each with its meaning. Content words (حضرت, شکریہ, درمیان, امن)
# are deliberately absent: researchers search for them.
FUNCTION_WORDS_GLOSSED = {
    "کا": "of (m.)",
    "کی": "of (f.)",
    "کے": "of (obl./pl.)",
    "کو": "to, object marker",
    "نے": "ergative marker",
    "سے": "from, with, than",
    "میں": "in; I",
    "پر": "on",
    "تک": "until, up to",
    "اور": "and",
    "یا": "or",
    "لیکن": "but",
    "مگر": "but",
    "کہ": "that",
    "تو": "then",
    "بھی": "also",
    "ہی": "only, emphatic",
    "نہ": "not, neither",
    "نہیں": "not",
    "ہے": "is",
    "ہیں": "are",
    "تھا": "was (m.)",
    "تھی": "was (f.)",
    "تھے": "were",
    "ہو": "be",
    "ہوا": "became",
    "ہوئے": "having become, became (pl.)",
    "ہوئی": "became (f.)",
    "گا": "will (m.)",
    "گی": "will (f.)",
    "گے": "will (pl.)",
    "رہا": "continuous (m.)",
    "رہی": "continuous (f.)",
    "رہے": "continuous (pl.)",
    "یہ": "this, he/she",
    "وہ": "that, he/she",
    "اس": "this (obl.)",
    "ان": "these (obl.)",
    "اسے": "him, it",
    "انہیں": "them",
    "جو": "who, which",
    "جس": "which (obl.)",
    "جن": "whom (pl.)",
    "ہم": "we",
    "اپنے": "own (obl./pl.)",
    "اپنا": "own (m.)",
    "اپنی": "own (f.)",
    "لئے": "for",
    "لیے": "for",
    "ساتھ": "with",
    "بارے": "about",
    "کر": "having done",
    "کرتے": "doing",
    "ایک": "a, one",
}
FUNCTION_WORDS = frozenset(fold(w) for w in FUNCTION_WORDS_GLOSSED)

# A word: letters, digits and the marks the fold keeps; everything else separates words, as
# PostgreSQL's parser does in a UTF-8 locale.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_ITEM = re.compile(r'-?"[^"]*"?|[^\s"]+')
_OR = {"or", "OR", "Or", "oR", "|"}


def words(text: str) -> list[str]:
    """The folded words of `text`."""
    return _WORD.findall(fold(text))


@dataclass(frozen=True)
class Term:
    """One item of a query: a word, or an exact phrase (several words in a row)."""

    words: tuple[str, ...]
    phrase: bool = False  # typed in quotes: exact, no word forms
    prefix: bool = False  # trailing *: any word beginning so
    negated: bool = False
    joined_from: tuple[str, ...] = ()  # two typed words the archive writes as this one word

    @property
    def text(self) -> str:
        body = " ".join(self.words) + ("*" if self.prefix else "")
        body = f'"{body}"' if self.phrase and len(self.words) > 1 else body
        return ("-" if self.negated else "") + body

    @property
    def is_function_word(self) -> bool:
        return (
            not self.phrase
            and not self.prefix
            and len(self.words) == 1
            and self.words[0] in FUNCTION_WORDS
        )


@dataclass
class ParsedQuery:
    """AND of groups; a group is an OR of terms."""

    groups: list[list[Term]] = field(default_factory=list)

    @property
    def terms(self) -> list[Term]:
        return [t for g in self.groups for t in g]

    @property
    def positive(self) -> list[list[Term]]:
        return [g for g in self.groups if not all(t.negated for t in g)]

    def text(self) -> str:
        return " ".join(" or ".join(t.text for t in g) for g in self.groups)


def parse(q: str) -> ParsedQuery:
    """Parse what was typed; never fails (anything unusable is dropped)."""
    q = q.replace("\x00", " ")
    groups: list[list[Term]] = []
    join_next = False
    count = 0
    for m in _ITEM.finditer(q):
        item = m.group()
        if item in _OR:
            join_next = bool(groups)
            continue
        negated = item.startswith("-")
        if negated:
            item = item[1:]
        quoted = item.startswith('"')
        prefix = not quoted and item.endswith("*")
        ws = tuple(words(item.strip('"*')))
        if not ws or count >= MAX_TERMS:
            join_next = False
            continue
        count += len(ws)
        term = Term(
            ws, phrase=quoted or len(ws) > 1, prefix=prefix and len(ws) == 1, negated=negated
        )
        if join_next and not negated and not any(t.negated for t in groups[-1]):
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    return ParsedQuery(groups)
