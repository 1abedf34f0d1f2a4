"""From a parsed query to what the database runs: tsquery text over the stored search vectors,
plus the names (speakers, topics) a query mentions.

The linguistics happen here, at query time, against the archive's own vocabulary
(search/vocabulary.py), so the index stays plain and phrases stay exact:
- a word also matches the forms of it the archive holds (endings, broken plurals),
- two adjacent words also match their joined form, and a joined word its two halves,
- function words are left out unless nothing else remains,
- names typed in English or Roman Urdu become the Urdu forms of the speaker or topic,
- other English words become the Urdu renderings of the glossary (search/english.py), each
  rendering written as a typed Urdu word is (its forms, or a phrase of its words' forms),
- near spellings replace or join a word when the caller asks (see engine.py for when).

`build` runs five steps: find the names and the English terms, join compounds, drop function
words, then write the tsquery of each remaining item.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

from statements.search import english, names, syntax, tsquery, vocabulary
from statements.search.request import MAX_QUERY_LENGTH
from statements.search.syntax import ParsedQuery, Term
from statements.urdu import fold

MAX_RANK_LEXEMES = 24


@dataclass
class Plan:
    text: str = ""  # tsquery every row must match ('' = no text condition)
    names: list[tuple[str, names.Name]] = field(default_factory=list)  # (text, name): text or name
    rank: str = ""  # tsquery of everything positive, for ts_rank
    terms: list[str] = field(default_factory=list)  # folded words to highlight ("w*" prefixes)
    plain_words: list[str] = field(default_factory=list)  # words open to near spellings
    unknown: list[str] = field(default_factory=list)  # plain words the archive does not hold
    english: list[english.English] = field(default_factory=list)  # English terms, as searched
    english_unknown: list[str] = field(default_factory=list)  # English words of no entry, left out
    forms: dict[str, list[str]] = field(default_factory=dict)  # archive forms of their words
    # English words offered as alternatives (`peace or ceasefire`): each term's English
    or_english: dict[Term, english.English] = field(default_factory=dict, repr=False)
    # the positive items, each on its own (what the engine's widening counts; see Part)
    parts: list[Part] = field(default_factory=list)
    negations: list[str] = field(default_factory=list)  # tsquery of each excluded item
    # `text` with each multi-word English term also matched by its words apart (engine.py
    # searches it when `text` finds too few claims); '' when no term has words apart
    text_apart: str = ""

    @property
    def empty(self) -> bool:
        return not self.rank


@dataclass
class Part:
    """One positive item of a query, as the fallback of the cascade counts it: a name, an
    English term (all its renderings) or a group of alternatives. A claim matching more parts
    ranks higher there; a name or a glossary term of several words stays one part."""

    text: str  # tsquery of the item (a name: its text alternatives)
    label: str  # as the researcher typed it (a name or term of several words quoted)
    name: names.Name | None = None  # a name also matches by speaker and topic
    apart: str = ""  # an English term's tsquery with its words apart, when it has them

    def tsquery(self, apart: bool = False) -> str:
        return (self.apart or self.text) if apart else self.text


# An item of the plan: ("name", Name) or ("group", [Term, ...]).
Item = tuple[str, object]


def build(
    parsed: ParsedQuery,
    *,
    replaced: dict[str, list[str]] | None = None,
    added: dict[str, list[str]] | None = None,
    without: frozenset[str] = frozenset(),
) -> Plan:
    """The plan of `parsed`. `replaced` maps a word to the near spellings searched instead of
    it; `added` to near spellings searched as well; `without`: Urdu renderings of English
    words the researcher dropped (folded)."""
    plan = Plan()
    items = _find_names(parsed.groups, plan, without)
    items = _without_function_words(_join_compounds(items))
    named_terms = [item.english for kind, item in items if kind == "name" and item.english]
    spellings = _Spellings(
        items, replaced or {}, added or {}, [*plan.or_english.values(), *named_terms]
    )
    plan.forms = spellings.forms
    required, ranked, slices = [], False, []
    for kind, item in items:
        slices.append(len(plan.terms))
        if kind == "name":
            if item.english:
                also = _english_tsquery(item.english, plan, spellings, apart=False)
                item = replace(item, also=also)
                plan.english.append(item.english)
            part = item.tsquery()
            plan.names.append((part, item))
            plan.parts.append(Part(part, _label(item.words), name=item))
            plan.terms += [*item.words, *item.highlight_words()]
            ranked = True
        elif kind == "english":
            # its renderings as phrases first; its words apart only when that finds too few
            strict = _english_tsquery(item, plan, spellings, apart=False)
            loose = _english_tsquery(item, Plan(), spellings) if item.parts else ""
            required.append(strict)
            plan.parts.append(Part(strict, _label(item.words), apart=loose))
            plan.english.append(item)
            ranked = True
        else:
            alternatives, negations = [], []
            for term in item:
                slices.append(len(plan.terms))  # alternatives rank apart, too
                if term in plan.or_english and term.negated:
                    # excluded: no highlight, no rank, not "searched as"
                    negations.append(_english_tsquery(plan.or_english[term], Plan(), spellings))
                    continue
                if term in plan.or_english:
                    plan.english.append(plan.or_english[term])
                    alternatives.append(_english_tsquery(plan.or_english[term], plan, spellings))
                    continue
                part = _term_tsquery(term, plan, spellings)
                (negations if term.negated else alternatives).append(part)
            if alternatives:
                required.append(tsquery.any_of(alternatives))
                label = " or ".join(t.text for t in item if not t.negated)
                plan.parts.append(Part(required[-1], label))
                ranked = True
            required += [tsquery.negate(n) for n in negations]
            plan.negations += negations
    plan.text = tsquery.all_of(required)
    if any(p.apart for p in plan.parts):
        plan.text_apart = tsquery.all_of(
            [
                *(p.tsquery(apart=True) for p in plan.parts if not p.name),
                *map(tsquery.negate, plan.negations),
            ]
        )
    # Each item's (and alternative's) words, for ranking: one's forms must not crowd out the
    # others'.
    bounds = [*slices, len(plan.terms)]
    per_item = [plan.terms[a:b] for a, b in itertools.pairwise(bounds)]
    plan.terms = list(dict.fromkeys(plan.terms))
    plan.rank = _rank_tsquery(per_item) if ranked else ""
    return plan


def terms_of(q: str) -> list[str]:
    """The folded words a query marks in a text (its words, their forms in the archive, the
    Urdu forms of the names it holds): what a meeting page opened from a result marks."""
    return build(syntax.parse(q[:MAX_QUERY_LENGTH])).terms if q.strip() else []


def _find_names(groups: list[list[Term]], plan: Plan, without: frozenset[str]) -> list[Item]:
    """Steps 1 and 2: runs of single-word groups that name a speaker or topic become one name
    item; runs of English words (single-word groups, or a quoted or hyphenated term) that are
    glossary terms become English items, searched as their Urdu renderings.

    Names come first, but English words of a glossary term are names only through an alias,
    never by how they sound (`peace` is no one's name, however it transliterates), and a
    glossary term of more words than a name inside it wins (`nuclear deal` is the deal, not the
    topic "nuclear" and a word). English function words of no term are left out, and so are
    English words of no term while other words remain (the page says so: english_unknown)."""
    eligible = [g[0].words if len(g) == 1 and _may_name(g[0]) else () for g in groups]
    latin = [g[0].words if len(g) == 1 and _english_term(g[0]) else None for g in groups]
    found = english.find(latin, without)
    glossary = {j for i, (n, _) in found.matches.items() for j in range(i, i + n)}
    named = names.find(eligible, not_by_sound=glossary)
    longer = {
        i
        for i, (n, _) in named.items()
        for j, (m, _) in found.matches.items()
        if m > n and m > 1 and j <= i and i + n <= j + m
    }
    named = {i: v for i, v in named.items() if i not in longer}
    by_name = {j for i, (n, _) in named.items() for j in range(i, i + n)}
    items: list[Item] = []
    unknown: list[int] = []
    i = 0
    while i < len(groups):
        if i in named:
            n, name = named[i]
            same = found.matches.get(i)
            if same and same[0] == n and not name.speakers:
                # a topic named by a glossary term is also the term's words: `nuclear` finds
                # the topic's claims and every claim saying جوہری or ایٹمی
                name = replace(name, english=same[1])
            items.append(("name", name))
            i += n
        elif i in found.matches and not by_name & set(range(i, i + found.matches[i][0])):
            n, term = found.matches[i]
            items.append(("english", term))
            i += n
        elif i in found.stopwords:
            i += 1
        else:
            if latin[i] is not None and i not in glossary and not latin[i][0].isdigit():
                unknown.append(len(items))
            items.append(("group", groups[i]))
            i += 1
    alternatives = [t for g in groups if len(g) > 1 for t in g if _english_term(t)]
    # a negated English word leaves out every rendering (`-war`: neither جنگ nor لڑائی)
    alternatives += [
        t for g in groups for t in g if t.negated and not t.prefix and english.is_english(t.words)
    ]
    if alternatives:
        each = english.find([t.words for t in alternatives], without, runs=False)
        plan.or_english = {alternatives[i]: term for i, (_, term) in each.matches.items()}
    if unknown and len(unknown) < len(items):
        plan.english_unknown = [
            w for j in unknown for t in items[j][1] for w in t.words if w not in english.STOPWORDS
        ]
        items = [m for j, m in enumerate(items) if j not in unknown]
    elif not items and found.stopwords:
        items = [("group", g) for g in groups]  # only English function words: as typed
    return items


def _label(words: tuple[str, ...]) -> str:
    return " ".join(words) if len(words) == 1 else '"' + " ".join(words) + '"'


def _may_name(term: Term) -> bool:
    """Names are looked for in positive, whole words; Urdu in quotes is exact text, not a name
    (English in quotes is still a name: `"Vladimir Putin"`)."""
    latin = all(w.isascii() for w in term.words)
    return not term.negated and not term.prefix and (latin or not term.phrase)


def _english_term(term: Term) -> bool:
    return not term.negated and not term.prefix and english.is_english(term.words)


def _english_tsquery(
    item: english.English, plan: Plan, spellings: _Spellings, apart: bool = True
) -> str:
    """Step 5 for an English item: an OR of its renderings, each written as a typed Urdu
    word is (its forms in the archive, its two-word writings) or, for a rendering of several
    words, as a phrase of its content words' forms (see _rendering_phrase). A rendering with a
    word the archive does not hold cannot match and is left out of the query (all of them: the
    first is kept, which finds nothing). With `apart`, a multi-word term also matches its
    words' own entries anywhere in the text."""
    parts, marked = [], []  # marked: each rendering's words, interleaved into plan.terms
    for rendering in item.renderings:
        slots = []
        for word in rendering.words:
            if word in syntax.FUNCTION_WORDS:
                slots.append(_GENITIVE if word in _GENITIVE else [word])
            else:
                slots.append(spellings.forms.get(word) or [])
        splits = spellings.splits.get(rendering.words[0], []) if len(rendering.words) == 1 else []
        if not all(slots) and not splits:
            continue
        if len(slots) == 1:
            part = [tsquery.lexeme(f) for f in slots[0]]
            part += [tsquery.phrase([a, b]) for a, b in splits]
            marked.append([*slots[0], *(w for pair in splits for w in pair)])
            parts.append(tsquery.any_of(part))
        else:
            parts.append(_rendering_phrase(rendering.words, slots))
            # a light verb's forms (کیا، کرتے، ہوا) are in every other text: not what ranks
            # or is marked, as function words are not
            content = [
                slot
                for word, slot in zip(rendering.words, slots, strict=True)
                if word not in vocabulary.LIGHT
            ]
            marked.append([f for slot in content for f in slot if f not in syntax.FUNCTION_WORDS])
    # the renderings' first forms first: ranking takes a term's first words (_rank_tsquery)
    plan.terms += [w for column in itertools.zip_longest(*marked) for w in column if w]
    if item.parts and apart:  # a multi-word term's words, each as its own entry, anywhere
        parts.append(tsquery.all_of([_english_tsquery(p, plan, spellings) for p in item.parts]))
    if not parts and item.renderings:
        parts.append(tsquery.phrase(item.renderings[0].words))
        plan.terms += list(item.renderings[0].words)
    return tsquery.any_of(parts) or tsquery.lexeme(item.text)


def _rendering_phrase(words: tuple[str, ...], slots: list[list[str]]) -> str:
    """A rendering of several words as a phrase of its content words' forms. Its function
    words (تشویش کا اظہار) and light verbs keep their place as a distance (`<2>`), not as
    lexemes: کا، کی، کے and the forms of کرنا are in most rows, and an index search for them
    reads most of the index. A light verb that ends the rendering (مذمت کرنا) is left out: the
    noun carries the sense, and copy writes the verb in any form, tense or order (مذمت کی، مذمت
    کرتے ہیں، قابل مذمت). A rendering of function words alone stays exact."""
    content = [
        i
        for i, w in enumerate(words)
        if w not in syntax.FUNCTION_WORDS and w not in vocabulary.LIGHT
    ]
    if not content:
        return " <-> ".join(tsquery.any_of([tsquery.lexeme(f) for f in s]) for s in slots)
    out = tsquery.any_of([tsquery.lexeme(f) for f in slots[content[0]]])
    for before, i in itertools.pairwise(content):
        out += f" <{i - before}> " + tsquery.any_of([tsquery.lexeme(f) for f in slots[i]])
    return out


_GENITIVE = [fold("کا"), fold("کی"), fold("کے")]


def _join_compounds(items: list[Item]) -> list[Item]:
    """Step 3: two adjacent plain words whose joined form (or a form of it) is an archive word
    (دو طرفہ -> دوطرفہ, دہشت گرد -> دہشتگرد) become that one joined word: typed spaced or
    joined, a compound is the same query, with the same word forms and spaced forms."""
    pairs = [
        (a[1][0].words[0], b[1][0].words[0])
        for a, b in itertools.pairwise(items)
        if _plain_word(a) and _plain_word(b)
    ]
    joined = vocabulary.compounds(pairs) if pairs else set()
    merged: list[Item] = []
    for item in items:
        previous = merged[-1] if merged else None
        pair = (
            (previous[1][0].words[0], item[1][0].words[0])
            if previous is not None and _plain_word(previous) and _plain_word(item)
            else None
        )
        if pair in joined and not merged_from_pair(previous):
            merged[-1] = ("group", [Term((pair[0] + pair[1],), joined_from=pair)])
        else:
            merged.append(item)
    return merged


def merged_from_pair(item: Item) -> bool:
    """Whether a plain-word item is itself two typed words joined (never joined again)."""
    return bool(item[1][0].joined_from)


def _without_function_words(items: list[Item]) -> list[Item]:
    """Step 4: function words out, unless only they (and negations) remain."""
    content = [m for m in items if not (m[0] == "group" and all(t.is_function_word for t in m[1]))]
    return content if any(_positive(m) for m in content) else items


class _Spellings:
    """The archive's forms and splits of every plain word of the plan (one query each), and the
    near spellings the caller asked for."""

    def __init__(self, items: list[Item], replaced, added, alternatives=()):
        plain = [t.words[0] for k, g in items if k == "group" for t in g if _expandable(t)]
        # the words of English items' renderings: their forms, and a one-word rendering's splits
        terms = [e for k, e in items if k == "english"] + list(alternatives)
        terms += [p for e in terms for p in e.parts]
        rendered = [r.words for e in terms for r in e.renderings]
        plain += [w for ws in rendered for w in ws if w not in syntax.FUNCTION_WORDS]
        plain = list(dict.fromkeys(plain))
        self.forms = vocabulary.forms(plain) if plain else {}
        self.splits = vocabulary.splits(plain) if plain else {}
        self.replaced, self.added = replaced, added


def _rank_tsquery(per_item: list[list[str]]) -> str:
    """Ranking looks at the content words only, as a flat OR: function words would dominate
    the score, and phrase and negation operators make ranking many times slower per row while
    the filter has already applied them. Over a flat OR, ts_rank (engine.py) counts each word
    a row holds, with diminishing returns for repeats.

    At most MAX_RANK_LEXEMES words, taken from the query's items in turn (each item's first
    form, then each item's second, ...): a word with many forms, or an English term with many
    renderings, would otherwise fill the list alone, and the rows holding the query's later
    words (what an "any word" search ranks by) would score no higher than the rest."""
    terms = [t for ts in per_item for t in ts]
    content = [t for t in terms if t.rstrip("*") not in syntax.FUNCTION_WORDS] or terms
    wanted = set(content)
    queues = [[t for t in dict.fromkeys(ts) if t in wanted] for ts in per_item]
    chosen: list[str] = []
    for column in itertools.zip_longest(*queues):
        chosen += [t for t in column if t is not None and t not in chosen]
    return tsquery.any_of(
        [tsquery.lexeme(t.rstrip("*"), prefix=t.endswith("*")) for t in chosen[:MAX_RANK_LEXEMES]]
    )


def _plain_word(item: Item) -> bool:
    kind, group = item
    return kind == "group" and len(group) == 1 and _expandable(group[0])


def _expandable(term: Term) -> bool:
    return not term.phrase and not term.prefix and not term.negated and len(term.words) == 1


def _positive(item: Item) -> bool:
    kind, group = item
    return kind != "group" or any(not t.negated for t in group)


def _term_tsquery(term: Term, plan: Plan, spellings: _Spellings) -> str:
    """Step 5: one term's tsquery: a prefix, an exact phrase, or a word with its forms."""
    if term.prefix:
        if not term.negated:
            plan.terms.append(term.words[0] + "*")
        return tsquery.lexeme(term.words[0], prefix=True)
    if not _expandable(term):
        if not term.negated:
            plan.terms += list(term.words)
        return tsquery.phrase(term.words)
    word = term.words[0]
    plan.plain_words.append(word)
    searched = spellings.replaced.get(word, [word]) + spellings.added.get(word, [])
    forms = []
    for spelling in searched:
        forms += (
            spellings.forms.get(spelling) or vocabulary.forms([spelling])[spelling] or [spelling]
        )
    known = spellings.forms.get(word) or word in spellings.splits
    if not known and word not in spellings.replaced:
        plan.unknown.append(word)
    plan.terms += forms
    parts = [tsquery.lexeme(f) for f in dict.fromkeys(forms)]
    for a, b in spellings.splits.get(word, []):
        parts.append(tsquery.phrase([a, b]))
        plan.terms += [a, b]
    return tsquery.any_of(parts)
