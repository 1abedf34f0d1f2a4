"""Subject noun phrases: where a subject begins, and what it is made of.

A subject is the noun phrase that governs a verb of saying: read leftwards from its `نے` (or
`کا کہنا`, `کے مطابق`) to a word that cannot be part of a name (a postposition, a verb, an
adverbial of time or discourse, a clause mark). Its words are then tagged with the lexicon
(offices, their fields, honorifics, organisations, documents, media, places) and split into a
role phrase and a bare name: "اسلامی جمہوریہ ایران کے صدر آیت اللہ سید ابراہیم رئیسی" is the
role "اسلامی جمہوریہ ایران کے صدر", the honorifics "آیت اللہ سید" and the name "ابراہیم رئیسی".
The same rules read the participants a title names.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from statements.ingest import lexicon
from statements.ingest.tokens import CLOSING_BRACKETS, Token, key

# Categories of the units a noun phrase is made of.
ROLE, MOD, FIELD, HONORIFIC, ORG, UNNAMED, DOCUMENT, JOINT, MEDIA = (
    "role", "modifier", "field", "honorific", "organisation", "unnamed", "document", "joint",
    "media",
)  # fmt: skip
GENITIVE, AND, AND_OFFICES, GROUP, PRONOUN, PLACE, WORD = (
    "genitive", "and", "and-offices", "group", "pronoun", "place", "word",
)  # fmt: skip

KINDS = ("pronoun", "person", "role", "organisation", "unnamed", "group", "document", "media")


def _entries(table: Iterable[str], category: str) -> list[tuple[tuple[str, ...], str, str]]:
    """(words, category, canonical) for each entry, spaced and written joined."""
    out = []
    for entry in table:
        words = tuple(key(w) for w in entry.split())
        canonical = "".join(words)
        out.append((words, category, canonical))
        if len(words) > 1:
            out.append(((canonical,), category, canonical))
    return out


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """First word -> [(words, category, canonical)], longest first (lexicon entries)."""
    tables = [
        (lexicon.ROLES, ROLE),
        (lexicon.ROLE_MODIFIERS, MOD),
        (lexicon.PORTFOLIOS, FIELD),
        (lexicon.HONORIFICS, HONORIFIC),
        (lexicon.ORGANISATIONS, ORG),
        (lexicon.UNNAMED, UNNAMED),
        (lexicon.DOCUMENTS, DOCUMENT),
        (lexicon.JOINT, JOINT),
        (lexicon.NEWS_AGENCIES, MEDIA),
        (lexicon.MEDIA_WORDS, MEDIA),
        (lexicon.GENITIVES, GENITIVE),
        (lexicon.AND, AND),
        (lexicon.AND_OFFICES, AND_OFFICES),
        (lexicon.GROUP_WORDS, GROUP),
        (lexicon.CONTINUATION_PRONOUNS, PRONOUN),
    ]
    index: dict[str, list] = {}
    for table, category in tables:
        for entry in _entries(table, category):
            index.setdefault(entry[0][0], []).append(entry)
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


@dataclass(frozen=True)
class Unit:
    first: int  # index of its first word in the phrase's word list
    last: int  # index after its last word
    category: str
    canonical: str  # folded, joined: "وزیراعظم" for وزیر اعظم and وزیراعظم alike


def tag(keys: Sequence[str], places: frozenset[tuple[str, ...]] = frozenset()) -> list[Unit]:
    """The units of a phrase's folded words: lexicon entries and places (longest first), every
    other word a WORD (a name, or a word the lexicon does not know)."""
    vocabulary = _vocabulary()
    longest_place = max((len(p) for p in places), default=0)
    units: list[Unit] = []
    i = 0
    while i < len(keys):
        best = None
        for words, category, canonical in vocabulary.get(keys[i], ()):
            if tuple(keys[i : i + len(words)]) != words:
                continue
            if best is not None and len(words) < best[0]:
                break
            # a word that is an office's field and something else ("اطلاعات": information,
            # reports) is the field only right after an office ("وزیر اطلاعات")
            office_before = bool(units) and units[-1].category in (ROLE, FIELD, MOD)
            if best is None or (best[1] == FIELD and not office_before):
                best = (len(words), category, canonical)
        for n in range(min(longest_place, len(keys) - i), 0, -1):
            if (best is None or n > best[0]) and tuple(keys[i : i + n]) in places:
                best = (n, PLACE, "".join(keys[i : i + n]))
                break
        n, category, canonical = best or (1, WORD, keys[i])
        units.append(Unit(i, i + n, category, canonical))
        i += n
    return units


def stem(word: str) -> str:
    """A country's name and its adjective alike: امریکہ/امریکی, چین/چینی, ترکی/ترک."""
    for ending in ("ی", "ہ", "ا"):
        if len(word) > 3 and word.endswith(ending):
            return word[: -len(ending)]
    return word


@dataclass
class NounPhrase:
    """A subject as written: its words, what kind of speaker it names, and its parts."""

    tokens: list[Token]  # its words (brackets inside it left out)
    text: str  # verbatim, source[start:end]
    start: int
    end: int
    kind: str  # one of KINDS, or "other"
    name: tuple[str, ...] = ()  # folded words of the bare name
    name_span: tuple[int, int] | None = None
    role_span: tuple[int, int] | None = None
    signature: frozenset[str] = frozenset()  # offices, fields, organisations and places
    joint: bool = False  # a joint statement ("مشترکہ بیان")
    owner: NounPhrase | None = None  # of a document: X in "X کا بیان"
    plain: tuple[str, ...] = ()  # its words without modifiers and honorifics, for aliases
    units: list[Unit] = field(default_factory=list)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(t.key for t in self.tokens)

    def name_text(self, source: str) -> str:
        return source[self.name_span[0] : self.name_span[1]] if self.name_span else ""

    def role_text(self, source: str) -> str:
        return source[self.role_span[0] : self.role_span[1]] if self.role_span else ""

    def has(self, *categories: str) -> bool:
        return any(u.category in categories for u in self.units)


_MASCULINE_GENITIVE = key(lexicon.GENITIVES[0])  # کا: no Chinese name holds it


def _short(word: str) -> bool:
    return len(word) <= 3


def _name_first(units: list[Unit], keys: Sequence[str]) -> int:
    """Index (into units) of the first unit of the trailing name: the words at the end of the
    phrase the lexicon does not know. A genitive between two such words is inside a name when
    the word before it is short (Chinese and Korean names: "لی کی چیانگ", "بان کی مون",
    "وی کے سنگھ"); otherwise it ends the name ("روس کے صدر ...")."""
    first = len(units)
    while first > 0:
        unit = units[first - 1]
        if unit.category == WORD:
            first -= 1
            continue
        if (
            unit.category == GENITIVE
            and keys[unit.first] != _MASCULINE_GENITIVE
            and first < len(units)
            and first >= 2
            and units[first - 2].category == WORD
            and _short(keys[units[first - 2].first])
        ):
            first -= 1
            continue
        break
    return first


def analyse(tokens: list[Token], source: str, places=frozenset()) -> NounPhrase:
    """What the phrase `tokens` (words; brackets allowed) names, and its role and name parts."""
    words = [t for t in tokens if t.word]
    start, end = tokens[0].start, tokens[-1].end
    np = NounPhrase(words, source[start:end], start, end, "other")
    if not words:
        return np
    keys = [t.key for t in words]
    units = tag(keys, places)
    np.units = units
    last = units[-1]
    name_first = _name_first(units, keys)
    name_units = units[name_first:]
    # honorifics right before the name are titles, not part of it
    title_first = name_first
    while title_first > 0 and units[title_first - 1].category == HONORIFIC:
        title_first -= 1
    if name_units:
        np.name = tuple(keys[name_units[0].first :])
        np.name_span = (words[name_units[0].first].start, end)
    if title_first > 0:
        np.role_span = (start, words[units[title_first - 1].last - 1].end)
    np.signature = frozenset(
        s
        for u in units[:title_first]
        for s in (
            (u.canonical, *keys[u.first : u.last])  # "مستقل مندوب" holds "مندوب"
            if u.category in (ROLE, MOD, FIELD, ORG)
            else (stem(u.canonical), *(stem(w) for w in keys[u.first : u.last]))
            if u.category in (PLACE, WORD)
            else ()
        )
    )
    np.joint = any(u.category == JOINT for u in units)
    np.plain = tuple(
        k for u in units if u.category not in (MOD, HONORIFIC) for k in keys[u.first : u.last]
    )
    np.kind = _kind(np, units, keys, last, name_units)
    if np.kind == "document":
        np.owner = _document_owner(np, units, words, source, places)
    return np


def _kind(np, units, keys, last, name_units) -> str:
    categories = {u.category for u in units}
    roles = [i for i, u in enumerate(units) if u.category == ROLE]
    genitives = [i for i, u in enumerate(units) if u.category == GENITIVE]
    # "ترجمان دفتر خارجہ", "امیر قطر": an office before its organisation or country (no
    # genitive between them) is the head of the phrase
    office_first = bool(roles) and (not genitives or roles[-1] > genitives[-1])
    if len(units) == 1 and last.category == PRONOUN:
        return "pronoun"
    if GROUP in categories:
        return "group"
    if MEDIA in categories:
        return "media"
    if last.category == DOCUMENT:
        return "document"
    if last.category == UNNAMED:
        return "unnamed"
    if not office_first and (
        last.category in (ORG, PLACE)
        or (last.category == FIELD and len(units) > 1 and units[-2].category == ORG)
    ):
        return "organisation"
    if name_units and not (len(units) == 1 and keys[0] in _NOT_NAMES):
        return "person"
    if categories & {ROLE, FIELD, MOD}:
        return "role"
    return "other"


_NOT_NAMES = frozenset(key(w) for w in lexicon.NOT_NAMES)


def _document_owner(np, units, words, source, places) -> NounPhrase | None:
    """X in "X کا بیان", "X کے اعلامیے" (the words before the document's genitive)."""
    doc_first = next(
        (i for i in range(len(units) - 1, -1, -1) if units[i].category == DOCUMENT), None
    )
    if doc_first is None:
        return None
    i = doc_first - 1
    while i >= 0 and units[i].category in (JOINT, MOD, WORD) and i > 0:
        if units[i].category == GENITIVE:
            break
        i -= 1
    if i <= 0 or units[i].category != GENITIVE:
        return None
    owner_words = words[: units[i].first]
    return analyse(owner_words, source, places) if owner_words else None


# -- where a subject begins -------------------------------------------------------------------


@lru_cache(maxsize=1)
def _stops() -> tuple[frozenset[str], list[tuple[str, ...]], frozenset[str], frozenset[str]]:
    words = {key(w) for w in lexicon.SUBJECT_STOPS} | {key(w) for w in lexicon.TIME_WORDS}
    words |= {key(w) for w in lexicon.FRAME_ENDINGS}
    phrases = [tuple(key(w) for w in p.split()) for p in lexicon.SUBJECT_STOP_PHRASES]
    phrases += [tuple(key(w) for w in p.split()) for p in lexicon.CLAUSE_JOINERS if " " in p]
    phrases.sort(key=len, reverse=True)
    leading = {key(w) for w in lexicon.GENITIVES} | {key(w) for w in lexicon.AND}
    leading |= {key(w) for w in (*lexicon.AND_OFFICES, *lexicon.RELATIVE_PARTICIPLES)}
    leading |= {key(w) for w in lexicon.ADDITIVE}
    joiners = frozenset(key(w) for w in lexicon.CLAUSE_JOINERS if " " not in w)
    return frozenset(words), phrases, frozenset(leading), joiners


def _is_number(token: Token) -> bool:
    return token.key[:1].isdigit()


def _phrase_ends_at(tokens: Sequence[Token], i: int, phrases, lo: int) -> int | None:
    for phrase in phrases:
        n = len(phrase)
        if i - n + 1 >= lo and tuple(t.key for t in tokens[i - n + 1 : i + 1]) == phrase:
            return i - n + 1
    return None


def _bracket_open(tokens: Sequence[Token], close: int, lo: int) -> int | None:
    """The opening bracket of a short bracket inside a name ("جنرل (ریٹائرڈ) وی کے سنگھ")."""
    for i in range(close - 1, max(lo - 1, close - 6), -1):
        if not tokens[i].word:
            return i if tokens[i].key == "(" else None
    return None


def subject_start(tokens: Sequence[Token], end: int, lo: int) -> int:
    """Index of the first token of the subject whose last token is tokens[end - 1], reading
    leftwards no further than `lo`."""
    stop_words, stop_phrases, leading, _ = _stops()
    i = end - 1
    while i >= lo:
        t = tokens[i]
        if not t.word:
            opening = _bracket_open(tokens, i, lo) if t.key in CLOSING_BRACKETS else None
            if opening is None or opening == lo or not tokens[opening - 1].word:
                break
            i = opening - 1
            continue
        if t.key in stop_words and not _starts_a_name(tokens, i, end, lo):
            break
        if _is_number(t):
            break
        if _phrase_ends_at(tokens, i, stop_phrases, lo) is not None:
            break
        i -= 1
    start = i + 1
    while start < end and (tokens[start].key in leading or not tokens[start].word):
        start += 1
    return _after_a_run_on_line(tokens, start, end)


@lru_cache(maxsize=1)
def _role_ends() -> frozenset[str]:
    return frozenset(key(w.split()[-1]) for w in lexicon.ROLES)


def _starts_a_name(tokens: Sequence[Token], i: int, end: int, lo: int) -> bool:
    """A stop word right after an office and before more words is the first word of a name:
    "ترجمان ہوا چن ینگ" (the spokesperson Hua Chunying), not "... ہوا" (happened)."""
    return lo < i < end - 1 and tokens[i - 1].word and tokens[i - 1].key in _role_ends()


MAX_SUBJECT_WORDS = 14  # the longest offices and names in copy are about 13 words


def _after_a_run_on_line(tokens: Sequence[Token], start: int, end: int) -> int:
    """A subject does not run back over a line that ended with a plain word (an unmarked
    headline or standfirst merged with the body): it starts after that line. A line that ends
    inside an office ("وزیر خارجہ" / "کے") goes on; and no subject is longer than any office
    and name."""
    vocabulary = _vocabulary()
    continuing = {key(w) for w in lexicon.CONTINUING_WORDS}
    for k in range(end - 1, start, -1):
        before = tokens[k - 1]
        if not tokens[k].line_start or not before.word or before.key in continuing:
            continue
        if not any(e[1] in _OFFICE_PARTS for e in vocabulary.get(before.key, ())):
            return k
    return max(start, end - MAX_SUBJECT_WORDS)


_OFFICE_PARTS = frozenset((ROLE, MOD, FIELD, HONORIFIC, ORG, GENITIVE))


def skip_leading(tokens: Sequence[Token], lo: int, hi: int) -> int:
    """The first token after the joiners, adverbials and marks that open a sentence
    ("دریں اثنا", "دوسری جانب", "قبل ازیں", "،")."""
    stop_words, stop_phrases, leading, joiners = _stops()
    i = lo
    while i < hi:
        if not tokens[i].word or tokens[i].key in stop_words | leading | joiners:
            i += 1
            continue
        phrase = next(
            (p for p in stop_phrases if tuple(t.key for t in tokens[i : i + len(p)]) == p), None
        )
        if phrase is None:
            return i
        i += len(phrase)
    return i


@lru_cache(maxsize=1)
def _subject_end_words() -> tuple[frozenset[str], frozenset[str]]:
    """(words that end a subject read rightwards: stop words and reporting words, genitives)."""
    stop_words, _, _, _ = _stops()
    says = {key(w) for w in (*lexicon.GENITIVE_REPORTING, *lexicon.ACCORDING_TO)}
    return stop_words | says, frozenset(key(w) for w in lexicon.GENITIVES)


def subject_end(tokens: Sequence[Token], start: int, hi: int) -> int:
    """Index after the last token of a subject that begins at `start` (a sentence-initial
    mention: "وزیر خارجہ شاہ محمود قریشی منگل کو ..."), reading rightwards no further than
    `hi`: up to a stop word, or a genitive after the office ("صدر پوتن کا دورہ")."""
    ends, genitives = _subject_end_words()
    vocabulary = _vocabulary()
    office = False
    i = start
    while i < hi and tokens[i].word and tokens[i].key not in ends:
        if _is_number(tokens[i]) or (office and tokens[i].key in genitives):
            break
        office = office or any(e[1] == ROLE for e in vocabulary.get(tokens[i].key, ()))
        i += 1
    while i > start and tokens[i - 1].key in genitives:
        i -= 1
    return i
