"""Who met: the participants a report's title and first sentence name.

Titles: "X سے Y کی ملاقات", "X کی Y سے [فون پر] بات چیت", "X اور Y کی [ٹیلیفونی] گفتگو",
"X اور Y کے درمیان ملاقات", "X کا Y سے [ٹیلیفونک] رابطہ", "X کا دورۂ ..." (a visit: X is the
guest). First sentences: "X نے ... Y سے ... ملاقات کی / رابطہ کیا", "X اور Y نے ... گفتگو کی",
"X اور Y کے درمیان ... بات چیت ہوئی". Each participant is a noun phrase read with the same rules
as a subject: its office goes to the participation's role, the name is the speaker's; `و`
joins two offices of one person ("نائب وزیراعظم و وزیر خارجہ اسحاق ڈار"), `اور` two people; a
Chinese name may hold a کی ("لی کی چیانگ").
"""

from __future__ import annotations

from collections.abc import Sequence

from statements.ingest import lexicon
from statements.ingest.nps import NounPhrase, analyse, subject_start
from statements.ingest.tokens import CLAUSE_MARKS, Token, key


def _phrases(table) -> list[tuple[str, ...]]:
    return sorted((tuple(key(w) for w in p.split()) for p in table), key=len, reverse=True)


MEETING_WORDS = _phrases(lexicon.MEETING_WORDS)
AGREEMENT = {tuple(key(w) for w in p.split()): key(g) for p, g in lexicon.MEETING_WORDS.items()}
BETWEEN = frozenset(key(w) for w in lexicon.BETWEEN)
GENITIVES = frozenset(key(w) for w in lexicon.GENITIVES)
WITH = key(lexicon.FROM)
AND = frozenset(key(w) for w in lexicon.AND)
AND_OFFICES = frozenset(key(w) for w in lexicon.AND_OFFICES)
ERGATIVE = key(lexicon.ERGATIVE)
MEETING_VERBS = frozenset(key(w) for w in lexicon.MEETING_VERBS)
VISITS = frozenset(key(w) for w in lexicon.VISITS)
BREAKS = CLAUSE_MARKS | frozenset(":")


def _meeting_word(tokens: Sequence[Token], i: int) -> tuple[str, ...] | None:
    for words in MEETING_WORDS:
        n = len(words)
        if all(i + k < len(tokens) and tokens[i + k].key == words[k] for k in range(n)):
            return words
    return None


def _split(part: list[Token], source: str, places) -> list[list[Token]]:
    """Split a phrase naming several people at اور (and at و when both sides have a name)."""
    pieces: list[list[Token]] = [[]]
    for t in part:
        if t.key in AND or t.key in AND_OFFICES:
            pieces.append([])
            pieces[-1].append(t)  # remembered, dropped below
        else:
            pieces[-1].append(t)
    out: list[list[Token]] = []
    for piece in pieces:
        joiner = piece[0].key if piece and piece[0].key in AND | AND_OFFICES else None
        words = piece[1:] if joiner else piece
        if joiner in AND_OFFICES and out:
            left = analyse(out[-1], source, places)
            right = analyse(words, source, places) if words else None
            if not (left.name and right is not None and right.name):
                out[-1] = out[-1] + piece  # two offices of one person
                continue
        if words:
            out.append(words)
    return out


def title_parts(tokens: Sequence[Token], source: str, places=frozenset()) -> list[list[Token]]:
    """The participants' phrases of a title (or a clause of it) with a meeting word."""
    for m in range(len(tokens)):
        words = _meeting_word(tokens, m)
        if words is None:
            continue
        start = max((i + 1 for i in range(m) if tokens[i].mark(BREAKS)), default=0)
        head = [t for t in tokens[start:m] if t.word]
        agree = AGREEMENT[words]
        # modifiers of the meeting word ("ٹیلیفونی", "فون پر") after the last link word
        links = [
            i for i, t in enumerate(head) if t.key in BETWEEN or t.key == WITH or t.key == agree
        ]
        if links and len(head) - links[-1] - 1 <= 3:
            head = head[: links[-1] + 1]
        while head and (head[-1].key in GENITIVES or head[-1].key in BETWEEN):
            head.pop()
        cuts = {i for i, t in enumerate(head) if t.key == WITH}
        if head and head[-1].key == WITH:
            owner = [i for i, t in enumerate(head[:-1]) if t.key == agree]
            if owner:
                cuts.add(owner[-1])
        parts: list[list[Token]] = [[]]
        for i, t in enumerate(head):
            if i in cuts:
                parts.append([])
            else:
                parts[-1].append(t)
        out = [trimmed(p) for part in parts if part for p in _split(part, source, places)]
        out = [p for p in out if p]
        if out:
            return out
    return []


def visit_parts(tokens: Sequence[Token], source: str, places=frozenset()) -> list[list[Token]]:
    """ "X کا دورۂ امریکہ", "X کے سرکاری دورۂ": X, the guest."""
    for v, t in enumerate(tokens):
        if t.key not in VISITS:
            continue
        g = v - 1
        while g > 0 and tokens[g].word and tokens[g].key not in GENITIVES and v - g <= 3:
            g -= 1
        if g <= 0 or tokens[g].key not in GENITIVES:
            continue
        start = subject_start(tokens, g, 0)
        if start < g:
            return [list(tokens[start:g])]
    return []


def sentence_parts(tokens: Sequence[Token], lo: int, hi: int, source: str, places=frozenset()):
    """The participants a first sentence names with a meeting word or "کے درمیان"."""
    out: list[list[Token]] = []
    for i in range(lo, hi):
        t = tokens[i]
        if t.key in BETWEEN and i - 1 > lo and tokens[i - 1].key == key(lexicon.OBLIQUE_GENITIVE):
            start = subject_start(tokens, i - 1, lo)
            return _split(list(tokens[start : i - 1]), source, places)
        words = _meeting_word(tokens, i)
        if words is None:
            continue
        after = i + len(words)
        if after >= hi or tokens[after].key not in MEETING_VERBS:
            continue
        erg = max((k for k in range(lo, i) if tokens[k].key == ERGATIVE), default=None)
        if erg is not None:
            out += _split(list(tokens[subject_start(tokens, erg, lo) : erg]), source, places)
        low = erg + 1 if erg is not None else lo
        with_at = max((k for k in range(low, i) if tokens[k].key == WITH), default=None)
        if with_at is not None:
            start = subject_start(tokens, with_at, low)
            out += _split(list(tokens[start:with_at]), source, places)
        return [p for p in out if p]
    return out


PLURAL_ROLES = frozenset("".join(key(w) for w in r.split()) for r in lexicon.PLURAL_ROLES)
PRONOUNS = frozenset(key(w) for w in lexicon.CONTINUATION_PRONOUNS)


def usable(np: NounPhrase) -> bool:
    """A participant is a person named or an office held by one person (not "ان کے ہمراہ وفد",
    not "پاک بھارت وزرائے خارجہ")."""
    if np.kind not in ("person", "role") or not np.tokens or np.tokens[0].key in PRONOUNS:
        return False
    return np.kind == "person" or not any(u.canonical in PLURAL_ROLES for u in np.units)


def trimmed(part: list[Token]) -> list[Token]:
    """The participant's phrase without a place or time before it ("ماسکو میں ظریف")."""
    start = subject_start(part, len(part), 0)
    return part[start:]
