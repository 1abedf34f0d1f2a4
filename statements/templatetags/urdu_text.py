"""Urdu marked as Urdu wherever it appears: `{{ value|urdu }}`.

Names, titles, roles and queries may be Urdu, English or both ("Meeting of Ali Khamenei and
چین کے صدر"). Each run of Arabic-script words (with the spaces and punctuation between them)
is wrapped in `<span lang="ur" dir="rtl">`, so the browser sets it in the Nastaliq face and
lays it out right to left, in either interface; the rest is escaped and left as it is.
"""

from __future__ import annotations

import re

from django import template
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_LETTERS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
# A run: Arabic-script letters, and whatever joins them up to the next such letter (spaces,
# digits, punctuation, zero-width joiners), but never Latin letters.
_RUN = re.compile(f"[{_LETTERS}](?:[^A-Za-z]*[{_LETTERS}])?")


# A bracket a run opens is closed inside it ("دفتر (اردو سروس)"): left outside, the closing
# one would take the direction around the run and be drawn at its other end.
_PAIRS = {"(": ")", "[": "]", "«": "»", "“": "”"}


def _run_end(text: str, start: int, end: int) -> int:
    run = text[start:end]
    for opening, closing in _PAIRS.items():
        missing = run.count(opening) - run.count(closing)
        if missing > 0 and text[end : end + missing] == closing * missing:
            end += missing
            run = text[start:end]
    return end


def mark_urdu(text) -> SafeString:
    """`text` escaped, each run of Urdu in its own Urdu-language element."""
    text = "" if text is None else str(text)
    out, pos = [], 0
    for m in _RUN.finditer(text):
        if m.start() < pos:  # inside the brackets a run already closed
            continue
        end = _run_end(text, m.start(), m.end())
        out.append(escape(text[pos : m.start()]))
        out.append(f'<span lang="ur" dir="rtl">{escape(text[m.start() : end])}</span>')
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))


register.filter("urdu", mark_urdu, is_safe=True)


def _field(obj, name: str) -> str:
    value = obj.get(name, "") if isinstance(obj, dict) else getattr(obj, name, "")
    return value or ""


@register.filter(is_safe=True)
def localized(obj, field: str = "name") -> SafeString:
    """`obj.<field>` (the Urdu form) in the Urdu interface and `obj.<field>_en` in English,
    each falling back to the other, with its Urdu marked: `{{ claim.speaker|localized }}`,
    `{{ meeting|localized:"title" }}`."""
    urdu, english = _field(obj, field), _field(obj, f"{field}_en")
    if (translation.get_language() or "en").startswith("ur"):
        return mark_urdu(urdu or english)
    return mark_urdu(english or urdu)
