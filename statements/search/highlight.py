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
