"""From a parsed query to what the database runs: tsquery text over the stored search vectors,
plus the names (speakers, topics) a query mentions.

The linguistics happen here, at query time, against the archive's own vocabulary
(statements/vocabulary.py), so the index stays plain and phrases stay exact:
- a word also matches the forms of it the archive holds (endings, broken plurals),
- two adjacent words also match their joined form, and a joined word its two halves,
- function words are left out unless nothing else remains,
- names typed in English or Roman Urdu become the Urdu forms of the speaker or topic,
- near spellings replace or join a word when the caller asks (see search.py for when).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from statements import names, query, vocabulary
from statements.query import ParsedQuery, Term


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


def build(
    parsed: ParsedQuery,
    *,
    replaced: dict[str, list[str]] | None = None,
    added: dict[str, list[str]] | None = None,
) -> Plan:
    """The plan of `parsed`. `replaced` maps a word to the near spellings searched instead of
    it; `added` to near spellings searched as well."""
    replaced, added = replaced or {}, added or {}
    groups = parsed.groups
    eligible = [
        g[0].words if len(g) == 1 and not g[0].negated and not g[0].prefix else () for g in groups
    ]
    found_names = names.find(eligible)
    plan = Plan()

    # Walk the groups: names and compounds take several single-word groups at once.
    items: list[tuple[str, list[Term] | names.Name | tuple[str, str]]] = []
    i = 0
    pairs = []
    while i < len(groups):
        if i in found_names:
            n, name = found_names[i]
            items.append(("name", name))
            i += n
            continue
        items.append(("group", groups[i]))
        i += 1
    for k in range(len(items) - 1):
        a, b = items[k], items[k + 1]
        if _plain_word(a) and _plain_word(b):
            pairs.append((a[1][0].words[0], b[1][0].words[0]))
    joined = vocabulary.compounds(pairs) if pairs else set()
    merged: list = []
    for kind, item in items:
        if (
            kind == "group"
            and merged
            and merged[-1][0] == "group"
            and _plain_word(merged[-1])
            and _plain_word((kind, item))
            and (merged[-1][1][0].words[0], item[0].words[0]) in joined
        ):
            a = merged[-1][1][0].words[0]
            merged[-1] = ("compound", (a, item[0].words[0]))
            continue
        merged.append((kind, item))

    # Function words out, unless only they (and negations) remain.
    content = [m for m in merged if not (m[0] == "group" and all(t.is_function_word for t in m[1]))]
    if any(_positive(m) for m in content):
        merged = content

    plain = [t.words[0] for k, g in merged if k == "group" for t in g if _expandable(t)]
    plain_forms = vocabulary.forms(plain) if plain else {}
    plain_splits = vocabulary.splits(plain) if plain else {}

    required, rank_parts = [], []
    for kind, item in merged:
        if kind == "name":
            part = item.tsquery()
            plan.names.append((part, item))
            rank_parts.append(part)
            plan.terms += [*item.words, *item.highlight_words()]
            continue
        if kind == "compound":
            a, b = item
            part = query.any_of([query.phrase([a, b]), query.lexeme(a + b)])
            required.append(part)
            rank_parts.append(part)
            plan.terms += [a, b, a + b]
            continue
        alternatives, negations = [], []
        for term in item:
            part = _term_tsquery(term, plan, plain_forms, plain_splits, replaced, added)
            (negations if term.negated else alternatives).append(part)
        if alternatives:
            part = query.any_of(alternatives)
            required.append(part)
            rank_parts.append(part)
        required += [query.negate(n) for n in negations]
    plan.text = query.all_of(required)
    plan.terms = list(dict.fromkeys(plan.terms))
    plan.rank = _rank_tsquery(plan.terms) if rank_parts else ""
    return plan


MAX_RANK_LEXEMES = 24


def _rank_tsquery(terms: list[str]) -> str:
    """Ranking looks at the content words only, as a flat OR: function words would dominate
    the score, and phrase and negation operators make ranking many times slower per row while
    the filter has already applied them. Over a flat OR, ts_rank (search.py) counts each word
    a row holds, with diminishing returns for repeats."""
    content = [t for t in terms if t.rstrip("*") not in query.FUNCTION_WORDS] or terms
    return query.any_of(
        [query.lexeme(t.rstrip("*"), prefix=t.endswith("*")) for t in content[:MAX_RANK_LEXEMES]]
    )


def _plain_word(item) -> bool:
    kind, group = item
    return kind == "group" and len(group) == 1 and _expandable(group[0])


def _expandable(term: Term) -> bool:
    return not term.phrase and not term.prefix and not term.negated and len(term.words) == 1


def _positive(item) -> bool:
    kind, group = item
    return kind != "group" or any(not t.negated for t in group)


def _term_tsquery(term, plan, plain_forms, plain_splits, replaced, added) -> str:
    if term.prefix:
        if not term.negated:
            plan.terms.append(term.words[0] + "*")
        return query.lexeme(term.words[0], prefix=True)
    if not _expandable(term):
        if not term.negated:
            plan.terms += list(term.words)
        return query.phrase(term.words)
    word = term.words[0]
    plan.plain_words.append(word)
    spellings = replaced.get(word, [word]) + added.get(word, [])
    forms = []
    for spelling in spellings:
        forms += plain_forms.get(spelling) or vocabulary.forms([spelling])[spelling] or [spelling]
    if not plain_forms.get(word) and word not in plain_splits and word not in replaced:
        plan.unknown.append(word)
    plan.terms += forms
    parts = [query.lexeme(f) for f in dict.fromkeys(forms)]
    for a, b in plain_splits.get(word, []):
        parts.append(query.phrase([a, b]))
        plan.terms += [a, b]
    return query.any_of(parts)
