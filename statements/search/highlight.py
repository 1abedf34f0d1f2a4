"""Matched words marked in verbatim text, for result snippets."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from statements import urdu

_TOKEN = re.compile(r"\S+")
_EDGE = "،؛؟۔,;:!?.\"'()[]{}«»“”‘’-–—…"


def highlight(text: str, terms: list[str]) -> SafeString:
    """Escape `text` and wrap in <mark> each word whose folded form is one of `terms`.

    Works on the raw text, so words the fold changed (اعلیٰ for a query اعلی) are marked too;
    nothing of the source is ever trusted as HTML.
    """
    wanted = set(terms)
    out: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        out.append(escape(text[pos : m.start()]))
        word = m.group()
        core = word.strip(_EDGE)
        key = urdu.fold(core)
        if wanted and (
            key in wanted or any(t.endswith("*") and key.startswith(t[:-1]) for t in wanted)
        ):
            i = word.find(core)
            out.append(
                escape(word[:i])
                + "<mark>"
                + escape(core)
                + "</mark>"
                + escape(word[i + len(core) :])
            )
        else:
            out.append(escape(word))
        pos = m.end()
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))


def _matches(word: str, wanted: set[str]) -> bool:
    key = urdu.fold(word.strip(_EDGE))
    return key in wanted or any(t.endswith("*") and key.startswith(t[:-1]) for t in wanted)


def narrative_snippet(
    text: str, claims: list[tuple[int, int]], terms: list[str], around: int = 8, windows: int = 2
) -> SafeString:
    """A snippet of a passage's narrative: the text outside `claims` (offsets into `text`),
    a few words either side of the first matched word of up to `windows` stretches, marked;
    "…" where words are left out. Claims are listed as results of their own, so none of their
    words appear here."""
    wanted = set(terms)
    gaps, pos = [], 0
    for start, end in sorted(claims):
        if start > pos:
            gaps.append((pos, start))
        pos = max(pos, end)
    if pos < len(text):
        gaps.append((pos, len(text)))
    pieces = []
    for a, b in gaps:
        tokens = list(_TOKEN.finditer(text, a, b))
        hit = next((i for i, t in enumerate(tokens) if _matches(t.group(), wanted)), None)
        if hit is None:
            continue
        first, last = max(0, hit - around), min(len(tokens), hit + around + 1)
        piece = highlight(text[tokens[first].start() : tokens[last - 1].end()], terms)
        lead = "… " if first > 0 or a > 0 else ""
        tail = " …" if last < len(tokens) or b < len(text) else ""
        pieces.append(lead + piece + tail)
        if len(pieces) == windows:
            break
    return mark_safe(" ".join(pieces).replace("… …", "…"))
