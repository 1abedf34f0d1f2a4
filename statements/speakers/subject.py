"""A speaker's noun phrase, as a report writes it, taken apart: "روس کے وزیر خارجہ سرگئی لاوروف"
is the country RU, the office `foreign_minister` and the name "سرگئی لاوروف";
"چین کی وزارت خارجہ کی ترجمان" is CN, the spokesperson, and no name.

The phrase is read from its right end (next to نے) leftwards, and stops at a word that cannot
belong to it (a postposition, an adverbial, punctuation: statements/speakers/lexicon.py
BOUNDARIES), so "اس ملاقات میں چینی صدر" is read as "چینی صدر". Titles, honorifics, countries
(names and nisba adjectives, statements/speakers/data/countries) and organisations are matched
longest first; what is left at the right end is the name. Pure functions: no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from statements import urdu
from statements.speakers import lexicon
from statements.speakers import refdata as reference

_PUNCT = "،؛؟۔,;:!?.\"'()[]{}«»“”‘’-–—…"
MAX_WORDS = 10  # a longer run before نے is a clause, not a speaker


@dataclass
class Unit:
    """A run of the phrase's words with what it is."""

    start: int  # index of the first word
    end: int  # index after the last word
    kind: str  # name, honorific, modifier, office, role, country, organisation, institution,
    # genitive, and
    value: object = None  # the office code(s), country code, organisation key, ...


@dataclass
class Subject:
    text: str  # the phrase as read (the left boundary cut off)
    words: list[str]  # its words, as written
    units: list[Unit]
    parts: list[Subject] = field(default_factory=list)  # "X اور Y": two speakers

    def _words(self, kinds) -> str:
        return " ".join(
            w for u in self.units if u.kind in kinds for w in self.words[u.start : u.end]
        )

    @property
    def name(self) -> str:
        """The name: the last run of name words (honorifics and role words removed)."""
        runs = [u for u in self.units if u.kind == "name"]
        if not runs:
            return ""
        last = runs[-1]
        return " ".join(self.words[last.start : last.end])

    @property
    def role(self) -> str:
        """The phrase without its name and honorifics ("روس کے وزیر خارجہ")."""
        return self._words({"modifier", "office", "role", "country", "organisation",
                            "institution", "genitive"})  # fmt: skip

    @property
    def offices(self) -> set[str]:
        return {o for u in self.units if u.kind == "office" for o in u.value}

    @property
    def countries(self) -> list[str]:
        """Countries named by a name or adjective, or inside a title ("چینی صدر")."""
        named = [u.value for u in self.units if u.kind == "country"]
        forms = country_forms()
        for unit in self.units:
            if unit.kind == "office":
                named += [forms[k] for k in map(urdu.fold, self.words[unit.start : unit.end])
                          if k in forms]  # fmt: skip
        return list(dict.fromkeys(named))

    @property
    def organisations(self) -> list[str]:
        return [u.value for u in self.units if u.kind == "organisation"]

    @property
    def institution(self) -> str:
        return next((u.value for u in self.units if u.kind == "institution"), "")

    @property
    def collective(self) -> bool:
        return any(u.kind == "collective" for u in self.units)

    @property
    def has_role(self) -> bool:
        return any(u.kind in ("office", "role") for u in self.units)


# --- the phrase table ------------------------------------------------------------------------


def _key(text: str) -> tuple[str, ...]:
    return tuple(urdu.fold(w.strip(_PUNCT)) for w in text.split() if w.strip(_PUNCT))


@cache
def phrase_table() -> dict[tuple[str, ...], tuple[str, object]]:
    """Folded word runs -> (kind, value), for longest-first matching."""
    table: dict[tuple[str, ...], tuple[str, object]] = {}

    def put(text, kind, value=None):
        key = _key(text)
        if key and key not in table:
            table[key] = (kind, value)

    for text in lexicon.HONORIFICS:
        put(text, "honorific")
    for text in lexicon.GENITIVES:
        put(text, "genitive")
    for text in lexicon.CONJUNCTIONS:
        put(text, "and", text)
    for text, meaning in lexicon.INSTITUTIONS.items():
        put(text, "institution", meaning)
    for text, meaning in lexicon.COLLECTIVE.items():
        put(text, "collective", meaning)
    offices: dict[tuple[str, ...], set] = {}
    for office, spec in reference.offices().items():
        for title in spec.get("ur", []):
            if office == "un_ambassador" and len(_key(title)) == 1:
                continue  # سفیر, مندوب alone: any ambassador (a role word), not the UN's
            offices.setdefault(_key(title), set()).add((office, None))
        for country, local in spec.get("by_country", {}).items():
            for title in local.get("ur", []):
                if office == "un_ambassador" and len(_key(title)) == 1:
                    continue
                offices.setdefault(_key(title), set()).add((office, country))
    for key, value in offices.items():
        table.setdefault(key, ("office", frozenset(value)))
    for text in lexicon.ROLE_MODIFIERS:
        put(text, "modifier")
    for text, meaning in lexicon.ROLE_WORDS.items():
        put(text, "role", meaning)
    for country in reference.countries():
        for text in country["names_ur"] + country.get("adjectives_ur", []):
            put(text, "country", country["code"])
    for org in reference.organisations():
        for text in org["names_ur"]:
            put(text, "organisation", org["key"])
    return table


@cache
def country_forms() -> dict[str, str]:
    """Folded single-word country names and adjectives -> ISO code."""
    return {
        urdu.fold(text): c["code"]
        for c in reference.countries()
        for text in c["names_ur"] + c.get("adjectives_ur", [])
        if len(text.split()) == 1
    }


@cache
def _longest() -> int:
    return max(len(k) for k in phrase_table())


_BOUNDARY = {urdu.fold(w) for w in lexicon.BOUNDARIES}
_NAME_LIKE = {urdu.fold(w) for w in lexicon.NAME_LIKE_TITLES}


# --- reading a phrase ------------------------------------------------------------------------


def parse(text: str) -> Subject:
    """The speaker's phrase at the end of `text` (everything before نے), taken apart."""
    raw = text.split()
    words, keys, cut = [], [], 0
    for i, token in enumerate(raw):
        core = token.strip(_PUNCT)
        words.append(core)
        keys.append(urdu.fold(core))
        if token != token.rstrip(_PUNCT) and i < len(raw) - 1:
            cut = i + 1  # punctuation after a word ends a clause
        if re.search(r"\d", core):
            cut = i + 1
    units = _units(keys, cut)
    start = _phrase_start(keys, units, cut)
    units = [u for u in units if u.start >= start]
    start = max(start, len(words) - MAX_WORDS)
    units = [u for u in units if u.start >= start]
    subject = Subject(" ".join(words[start:]), words[start:], _shift(units, start))
    _name_like_titles(subject)
    _genitives_inside_names(subject)
    _name_units(subject)
    subject.parts = _parts(subject)
    return subject


def _units(keys: list[str], cut: int) -> list[Unit]:
    """Known runs of words, longest first from the left; other words are single "word" units."""
    table = phrase_table()
    units, i = [], cut
    while i < len(keys):
        for n in range(min(_longest(), len(keys) - i), 0, -1):
            hit = table.get(tuple(keys[i : i + n]))
            if hit:
                units.append(Unit(i, i + n, *hit))
                i += n
                break
        else:
            kind = "boundary" if keys[i] in _BOUNDARY or not keys[i] else "word"
            units.append(Unit(i, i + 1, kind))
            i += 1
    return units


def _phrase_start(keys: list[str], units: list[Unit], cut: int) -> int:
    """Where the phrase begins: after the last boundary word."""
    start = cut
    for unit in units:
        if unit.kind == "boundary":
            start = unit.end
    return start


def _shift(units: list[Unit], by: int) -> list[Unit]:
    return [Unit(u.start - by, u.end - by, u.kind, u.value) for u in units]


def _name_like_titles(subject: Subject) -> None:
    """شاہ, امیر, ملکہ are titles after a country or a genitive ("سعودی شاہ"), before a
    country ("امیر قطر") or at the end; before a name they begin it ("شاہ محمود قریشی",
    "امیر خان متقی"), also after another title ("وزیر خارجہ شاہ محمود قریشی")."""
    units = subject.units
    for i, unit in enumerate(units):
        if unit.kind not in ("office", "role", "honorific") or unit.end - unit.start != 1:
            continue
        if urdu.fold(subject.words[unit.start]) not in _NAME_LIKE:
            continue
        before = units[i - 1].kind if i > 0 else ""
        after = units[i + 1].kind if i + 1 < len(units) else ""
        title = before in ("country", "genitive", "modifier", "organisation") or after in (
            "country",
            "organisation",
            "",
        )
        if not title:
            unit.kind = "word"


def _genitives_inside_names(subject: Subject) -> None:
    """A genitive between two plain words is a syllable of a name (Chinese لی کی چیانگ)."""
    units = subject.units
    for i in range(1, len(units) - 1):
        if units[i].kind == "genitive" and units[i - 1].kind == units[i + 1].kind == "word":
            units[i].kind = "word"


@cache
def common_words() -> frozenset[str]:
    """Single Urdu words of the bilingual glossary (statements/search/data/glossary: سیاسی,
    امور, خارجہ): ordinary words of diplomatic copy, which do not begin a name."""
    words = set()
    folder = Path(__file__).resolve().parent.parent / "search" / "data" / "glossary"
    for path in sorted(folder.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            cells = line.split("\t")
            for form in cells[1].split("|") if len(cells) > 1 else []:
                if len(form.split()) == 1:
                    words.add(urdu.fold(form))
    return frozenset(words - _NAME_LIKE)


def _name_units(subject: Subject) -> None:
    """Runs of plain words become names; after برائے ("for": نمائندہ خصوصی برائے سیاسی امور)
    the ordinary words of diplomatic copy are the role's complement, not a name."""
    common = common_words()
    units = subject.units
    for i in range(1, len(units)):
        after_for = units[i - 1].kind in ("role", "office") and urdu.fold(
            subject.words[units[i - 1].end - 1]
        ) == urdu.fold("برائے")
        j = i
        while (
            after_for
            and j + 1 < len(units)
            and units[j].kind == "word"
            and units[j + 1].kind == "word"
            and urdu.fold(subject.words[units[j].start]) in common
        ):
            units[j].kind = "role"
            j += 1
    merged: list[Unit] = []
    for unit in subject.units:
        if unit.kind == "word":
            if merged and merged[-1].kind == "name" and merged[-1].end == unit.start:
                merged[-1].end = unit.end
                continue
            unit = Unit(unit.start, unit.end, "name")
        merged.append(unit)
    subject.units = merged


def _parts(subject: Subject) -> list[Subject]:
    """ "X اور Y" names two speakers when both sides hold a name or a role."""
    ands = [u for u in subject.units if u.kind == "and" and u.value == "اور"]
    if not ands:
        return []
    parts, start = [], 0
    for unit in [*ands, Unit(len(subject.words), len(subject.words), "end")]:
        words = subject.words[start : unit.start]
        units = [
            Unit(u.start - start, u.end - start, u.kind, u.value)
            for u in subject.units
            if start <= u.start and u.end <= unit.start
        ]
        parts.append(Subject(" ".join(words), words, units))
        start = unit.end
    if all(p.name or p.has_role for p in parts):
        return parts
    return []
