"""From a parsed query to what the database runs: tsquery text over the stored search vectors,
plus the names (speakers, topics) a query mentions.

The linguistics happen here, at query time, against the archive's own vocabulary
(search/vocabulary.py), so the index stays plain and phrases stay exact:
- a word also matches the forms of it the archive holds (endings, broken plurals),
- two adjacent words also match their joined form, and a joined word its two halves,
- function words are left out unless nothing else remains,
- names typed in English or Roman Urdu become the Urdu forms of the speaker or topic,
- near spellings replace or join a word when the caller asks (see engine.py for when).

`build` runs four steps: find the names, join compounds, drop function words, then write the
tsquery of each remaining item.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from statements.search import names, syntax, tsquery, vocabulary
from statements.search.request import MAX_QUERY_LENGTH
from statements.search.syntax import ParsedQuery, Term

MAX_RANK_LEXEMES = 24


@dataclass
class Plan:
    text: str = ""  # tsquery every row must match ('' = no text condition)
    names: list[tuple[str, names.Name]] = field(default_factory=list)  # (text, name): text or name
    rank: str = ""  # tsquery of everything positive, for ts_rank
    terms: list[str] = field(default_factory=list)  # folded words to highlight ("w*" prefixes)
    plain_words: list[str] = field(default_factory=list)  # words open to near spellings
    unknown: list[str] = field(default_factory=list)  # plain words the archive does not hold

    @property
    def empty(self) -> bool:
        return not self.rank


# An item of the plan: ("name", Name) or ("group", [Term, ...]).
Item = tuple[str, object]


def build(
    parsed: ParsedQuery,
    *,
    replaced: dict[str, list[str]] | None = None,
    added: dict[str, list[str]] | None = None,
) -> Plan:
    """The plan of `parsed`. `replaced` maps a word to the near spellings searched instead of
    it; `added` to near spellings searched as well."""
    items = _without_function_words(_join_compounds(_find_names(parsed.groups)))
    plan = Plan()
    spellings = _Spellings(items, replaced or {}, added or {})
    required, ranked = [], False
    for kind, item in items:
        if kind == "name":
            part = item.tsquery()
            plan.names.append((part, item))
            plan.terms += [*item.words, *item.highlight_words()]
            ranked = True
        else:
            alternatives, negations = [], []
            for term in item:
                part = _term_tsquery(term, plan, spellings)
                (negations if term.negated else alternatives).append(part)
            if alternatives:
                required.append(tsquery.any_of(alternatives))
                ranked = True
            required += [tsquery.negate(n) for n in negations]
    plan.text = tsquery.all_of(required)
    plan.terms = list(dict.fromkeys(plan.terms))
    plan.rank = _rank_tsquery(plan.terms) if ranked else ""
    return plan


def terms_of(q: str) -> list[str]:
    """The folded words a query marks in a text (its words, their forms in the archive, the
    Urdu forms of the names it holds): what a meeting page opened from a result marks."""
    return build(syntax.parse(q[:MAX_QUERY_LENGTH])).terms if q.strip() else []


def _find_names(groups: list[list[Term]]) -> list[Item]:
    """Step 1: runs of single-word groups that name a speaker or topic become one name item."""
    eligible = [g[0].words if len(g) == 1 and _may_name(g[0]) else () for g in groups]
    found = names.find(eligible)
    items: list[Item] = []
    i = 0
    while i < len(groups):
        if i in found:
            n, name = found[i]
            items.append(("name", name))
            i += n
        else:
            items.append(("group", groups[i]))
            i += 1
    return items


def _may_name(term: Term) -> bool:
    """Names are looked for in positive, whole words; Urdu in quotes is exact text, not a name
    (English in quotes is still a name: `"Vladimir Putin"`)."""
    latin = all(w.isascii() for w in term.words)
    return not term.negated and not term.prefix and (latin or not term.phrase)


def _join_compounds(items: list[Item]) -> list[Item]:
    """Step 2: two adjacent plain words whose joined form (or a form of it) is an archive word
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
    """Step 3: function words out, unless only they (and negations) remain."""
    content = [m for m in items if not (m[0] == "group" and all(t.is_function_word for t in m[1]))]
    return content if any(_positive(m) for m in content) else items


class _Spellings:
    """The archive's forms and splits of every plain word of the plan (one query each), and the
    near spellings the caller asked for."""

    def __init__(self, items: list[Item], replaced, added):
        plain = [t.words[0] for k, g in items if k == "group" for t in g if _expandable(t)]
        self.forms = vocabulary.forms(plain) if plain else {}
        self.splits = vocabulary.splits(plain) if plain else {}
        self.replaced, self.added = replaced, added


def _rank_tsquery(terms: list[str]) -> str:
    """Ranking looks at the content words only, as a flat OR: function words would dominate
    the score, and phrase and negation operators make ranking many times slower per row while
    the filter has already applied them. Over a flat OR, ts_rank (engine.py) counts each word
    a row holds, with diminishing returns for repeats."""
    content = [t for t in terms if t.rstrip("*") not in syntax.FUNCTION_WORDS] or terms
    return tsquery.any_of(
        [tsquery.lexeme(t.rstrip("*"), prefix=t.endswith("*")) for t in content[:MAX_RANK_LEXEMES]]
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
    """Step 4: one term's tsquery: a prefix, an exact phrase, or a word with its forms."""
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
