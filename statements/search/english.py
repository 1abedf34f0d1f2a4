"""English words in a query, searched as the Urdu the archive holds: `nuclear deal` becomes
جوہری معاہدہ | ایٹمی معاہدہ (and their inflections), through the bilingual glossary
(the GlossaryTerm table, loaded from search/data/glossary/ and extended by editors).

How a query's English is read (plan.py calls `find` after the names, so `Putin`, `Syria`,
`Qureshi` still go through the cross-script name matching first):
- the English words are stemmed with the Snowball English stemmer (`talks` and `talk`,
  `condemned` and `condemn` are one), as the glossary's entries were when they were stored;
- runs of English words are matched to entries longest first, left to right, up to
  MAX_TERM_WORDS words (`joint statement` before `joint` and `statement`); words of no entry that
  are English function words (`the`, `of`, `on`) are left out; other words of no entry are
  `unknown` (the page says so) and stay in the query as typed;
- senses: an English word with several entries of different senses (`power`: electricity /
  authority) gives all their renderings, unless another word of the query is a word of one
  sense's description (`power electricity`), which then picks that sense alone;
- each entry's Urdu renderings become one OR group; plan.py writes each rendering's words with
  their forms in the archive, exactly as it writes a typed Urdu word (search/vocabulary.py), and
  a multi-word rendering as a phrase of those forms. A rendering the researcher dropped
  (`without`, search/request.py) is left out.

Why Snowball in Python (snowballstemmer, the Snowball project's own generated code) rather than
PostgreSQL's `english` configuration: the same algorithm, but a key is computed where the
entry is saved and where the query is parsed without a round trip per word, it can be unit
tested without a database, and PostgreSQL's `english` configuration would also drop stopwords
inside terms (`prisoner of war` -> `prison war`) and depend on the server's snowball files.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from statements.search import syntax

MAX_TERM_WORDS = 6  # the longest glossary terms looked up ("weapons of mass destruction")

# English function words: left out of a query when no glossary term holds them.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "about",
        "into",
        "over",
        "under",
        "between",
        "against",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "their",
        "his",
        "her",
        "he",
        "she",
        "they",
        "them",
        "we",
        "our",
        "us",
        "you",
        "your",
        "i",
        "me",
        "my",
        "not",
        "no",
        "than",
        "then",
        "so",
        "such",
        "also",
        "very",
        "more",
        "most",
        "any",
        "all",
        "some",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "said",
        "says",
        "say",
    ]
)

_TOKEN = re.compile(r"[a-z0-9]+")
_stemmer = snowballstemmer.stemmer("english")
_lock = threading.Lock()  # a Snowball stemmer object keeps state while it stems


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    with _lock:
        return _stemmer.stemWord(word)


def tokens(text: str) -> list[str]:
    """The lower-case English words of `text` (a possessive 's is no word of its own)."""
    text = re.sub(r"['’]s\b", "", text.lower())
    return _TOKEN.findall(text)


def english_key(text: str) -> str:
    """The key an English term is stored and looked up by: its words stemmed."""
    return " ".join(stem(w) for w in tokens(text))


def is_english(words: tuple[str, ...]) -> bool:
    """Latin-script words (and not only digits): candidates for the glossary."""
    return (
        bool(words)
        and all(w.isascii() and w.isalnum() for w in words)
        and not all(w.isdigit() for w in words)
    )


@dataclass(frozen=True)
class Rendering:
    """One Urdu rendering of an entry: as written in the glossary, and its folded words."""

    urdu: str
    words: tuple[str, ...]


@dataclass
class English:
    """A run of English query words and what it is searched as."""

    words: tuple[str, ...]  # as typed (folded: lower case)
    entries: list[str] = field(default_factory=list)  # the glossary's English ("nuclear deal")
    renderings: list[Rendering] = field(default_factory=list)  # searched
    dropped: list[Rendering] = field(default_factory=list)  # left out by the researcher
    # a term of several words: its words' own entries, all of which a text may hold apart
    # (`permanent ceasefire`: جنگ بندی کو مستقل), besides the term's renderings as phrases
    parts: list[English] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.words)

    def urdu_query(self) -> str:
        """The renderings as a typed Urdu query would write them (`a or "b c"`)."""
        return " or ".join(
            r.urdu if len(r.words) == 1 else '"' + " ".join(r.words) + '"' for r in self.renderings
        )


@dataclass
class Found:
    """What `find` made of a sequence of query items."""

    matches: dict[int, tuple[int, English]] = field(default_factory=dict)  # start: (n, English)
    stopwords: set[int] = field(default_factory=set)  # items that are English function words
    unknown: list[str] = field(default_factory=list)  # English words of no entry


def find(
    sequence: list[tuple[str, ...] | None],
    without: frozenset[str] = frozenset(),
    *,
    runs: bool = True,
) -> Found:
    """English terms in a sequence of query items (each: the words of one item, or None when
    the item is no English). `without`: folded Urdu renderings the researcher dropped. With
    `runs` off, each item is a term of its own (alternatives: `peace or ceasefire`)."""
    units = {i: ws for i, ws in enumerate(sequence) if ws}
    found = Found()
    if not units:
        return found
    keys = {i: tuple(stem(w) for w in ws) for i, ws in units.items()}
    candidates: list[tuple[int, int, str]] = []  # (start, items, key), longest first
    for i in units:
        for n in range(MAX_TERM_WORDS if runs else 1, 0, -1):
            run = [keys.get(j) for j in range(i, i + n)]
            if None not in run and sum(len(k) for k in run) <= MAX_TERM_WORDS:
                candidates.append((i, n, " ".join(s for k in run for s in k)))
    wanted = {key for _, _, key in candidates}
    for k in keys.values():  # a quoted or hyphenated term's own words, for its parts
        wanted |= {" ".join(k[a:b]) for a in range(len(k)) for b in range(a + 1, len(k))}
    rows = _entries(list(wanted))
    query_stems = {s for k in keys.values() for s in k}
    taken: set[int] = set()
    for i, n, key in candidates:
        if key not in rows or taken & set(range(i, i + n)):
            continue
        if all(w in STOPWORDS for j in range(i, i + n) for w in units[j]):
            continue  # `its` is no "IT", `us` no "US": function words alone are never a term
        entries = _by_sense(rows[key], query_stems - set(key.split()))
        english = English(tuple(w for j in range(i, i + n) for w in units[j]))
        for entry in entries:
            english.entries.append(entry["english"])
            for form in entry["forms"]:
                rendering = Rendering(form, tuple(syntax.words(form)))
                if not rendering.words or rendering in english.renderings + english.dropped:
                    continue
                dropped = " ".join(rendering.words) in without
                (english.dropped if dropped else english.renderings).append(rendering)
        english.entries = list(dict.fromkeys(english.entries))
        if len(english.words) > 1:
            english.parts = _parts(english.words, rows, query_stems, without)
        found.matches[i] = (n, english)
        taken |= set(range(i, i + n))
    for i, ws in units.items():
        if i in taken:
            continue
        if len(ws) > 1:  # a hyphenated or quoted run of no entry: its words' entries, all
            inner = find([(w,) for w in ws], without)
            if inner.matches:
                parts = [m for _, (_, m) in sorted(inner.matches.items())]
                found.matches[i] = (1, English(ws, parts=parts) if len(parts) > 1 else parts[0])
                found.unknown += inner.unknown
                continue
        if all(w in STOPWORDS for w in ws):
            found.stopwords.add(i)
        else:
            found.unknown += [w for w in ws if w not in STOPWORDS]
    return found


def _parts(words, rows, query_stems, without) -> list[English]:
    """A multi-word term's words as terms of their own (longest first), when every content
    word is an entry; else none."""
    keys = [stem(w) for w in words]
    parts, i = [], 0
    while i < len(words):
        for n in range(len(words) - 1 if i == 0 else len(words) - i, 0, -1):
            key = " ".join(keys[i : i + n])
            if key in rows:
                sub = English(tuple(words[i : i + n]))
                for entry in _by_sense(rows[key], query_stems - set(key.split())):
                    sub.entries.append(entry["english"])
                    for form in entry["forms"]:
                        r = Rendering(form, tuple(syntax.words(form)))
                        if r.words and r not in sub.renderings and " ".join(r.words) not in without:
                            sub.renderings.append(r)
                parts.append(sub)
                i += n
                break
        else:
            if words[i] not in STOPWORDS:
                return []
            i += 1
    return parts if len(parts) > 1 else []


def _by_sense(entries: list[dict], other_stems: set[str]) -> list[dict]:
    """The entries of one English term: all of them, or the senses the query's other words
    name (`power electricity` picks "power" in the sense of electricity)."""
    senses = {e["sense"] for e in entries}
    if len(senses) < 2:
        return entries
    chosen = [
        e for e in entries if e["sense"] and set(english_key(e["sense"]).split()) & other_stems
    ]
    return chosen or entries


def _entries(keys: list[str]) -> dict[str, list[dict]]:
    """The glossary entries in use whose key is one of `keys` (one query)."""
    from statements.models import GlossaryTerm

    out: dict[str, list[dict]] = {}
    rows = GlossaryTerm.objects.filter(enabled=True, key__in=keys).order_by("domain", "pk")
    for row in rows.values("key", "english", "sense", "urdu"):
        forms = [f.strip() for f in row["urdu"].split("|") if f.strip()]
        out.setdefault(row["key"], []).append({**row, "forms": forms})
    return out


def glosses(words: set[str], items: list[English], forms: dict[str, list[str]]) -> list[tuple]:
    """(Urdu rendering, English) for each rendering of `items` that a text holds, given the
    text's folded `words` and the archive forms of each rendering word (`forms`): the
    renderings the text holds as written, else those it holds in another form."""
    out = []
    for item in items:
        english = ", ".join(item.entries) or item.text
        exact, inflected = [], []
        for r in item.renderings:
            content = [w for w in r.words if w not in syntax.FUNCTION_WORDS] or list(r.words)
            if all(w in words for w in content):
                exact.append((r.urdu, english))
            elif all(words & {w, *forms.get(w, ())} for w in content):
                inflected.append((r.urdu, english))
        out += exact or inflected[:1]
    return list(dict.fromkeys(out))
