"""Search by field in the query box: `speaker:"Vladimir Putin"`, `topic:Syria`, `country:IR`,
`meeting:<slug or id>`, `kind:warning`, `date:2015-11`, `date:2015-01..2016-06`, among words,
phrases, `or` and `-word`. Pure functions, no database: request.py resolves the values to the
URL filters the facets make (speaker, topic, country, meeting, kind, date_from/date_to), and the
rest of the query is searched as words (syntax.py).

- A field term is `name:value` where the value is one word or a quoted phrase (`name: value`,
  with a space, also reads the next word as the value); field names are English or Urdu
  (`مقرر:`, `موضوع:`, `ملک:`, `ملاقات:`, `قسم:`, `تاریخ:`), in any case. Inside a quoted phrase
  nothing is a field.
- Several values of one field admit any of them (as facets do); different fields all apply.
  An `or` next to a field term is dropped: a filter cannot be one side of an or.
- `name:value` with a name that is no field is left in the query as words, and the request
  says so (`unknown`): `http://...`, a headline's `ترجمان:`.
- A date that cannot be read, or a field excluded with `-`, is a FieldError (a 400 that says
  what to type).
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field

# The fields, and the names each may be typed with (English, Urdu).
FIELD_NAMES = {
    "speaker": ("speaker", "مقرر"),
    "topic": ("topic", "موضوع"),
    "country": ("country", "ملک"),
    "meeting": ("meeting", "ملاقات"),
    "kind": ("kind", "قسم"),
    "date": ("date", "تاریخ"),
}
_FIELD_OF = {name: field for field, names in FIELD_NAMES.items() for name in names}

_TOKEN = re.compile(
    r"""(?P<field>(?P<neg>-?)(?P<name>[^\W\d_]+):(?P<space>[ \t]*)(?P<value>"[^"]*"?|[^\s"]+)?)
      | (?P<phrase>-?"[^"]*"?)
      | (?P<other>\S+)""",
    re.VERBOSE,
)
_OR = {"or", "|"}
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


class FieldError(ValueError):
    """A field term that cannot be used: `field` names it, the message says what to type."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class FieldTerm:
    field: str  # one of FIELD_NAMES
    value: str  # as typed, quotes removed
    typed: str  # the whole term as typed (`speaker:"Vladimir Putin"`)


@dataclass
class Extracted:
    rest: str  # the query without its field terms: words, phrases, or, -word
    terms: list[FieldTerm] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # `name:` that is no field, left as words


def extract(q: str) -> Extracted:
    """The field terms of `q` and what remains of it."""
    tokens: list[tuple[str, str, FieldTerm | None]] = []  # (kind, text, term)
    unknown: list[str] = []
    for m in _TOKEN.finditer(q):
        if m.group("field") is None:
            text = m.group()
            tokens.append(("or" if text.lower() in _OR else "text", text, None))
            continue
        name = m.group("name")
        known = _FIELD_OF.get(name.lower())
        value = (m.group("value") or "").strip('"').strip()
        if known is None or not value:
            if known is None and not m.group("space"):
                unknown.append(name)
            elif known is not None:
                raise FieldError(known, f"{name}: needs a value, such as {_EXAMPLES[known]}")
            tokens.append(("text", m.group(), None))
            continue
        if m.group("neg"):
            raise FieldError(
                known,
                f"-{name}: a field cannot be excluded; search {name}:... to keep only those "
                "claims, or remove the minus",
            )
        tokens.append(("field", m.group(), FieldTerm(known, " ".join(value.split()), m.group())))
    kept = []
    for i, (kind, text, _) in enumerate(tokens):
        if kind == "field":
            continue
        beside = [tokens[j][0] for j in (i - 1, i + 1) if 0 <= j < len(tokens)]
        if kind == "or" and "field" in beside:
            continue
        kept.append(text)
    return Extracted(
        " ".join(kept),
        [t for _, _, t in tokens if t is not None],
        list(dict.fromkeys(unknown)),
    )


_EXAMPLES = {
    "speaker": 'speaker:"Vladimir Putin"',
    "topic": "topic:Syria",
    "country": "country:IR",
    "meeting": "meeting:<id or slug>",
    "kind": "kind:warning",
    "date": "date:2015-11 or date:2015-01..2016-06",
}


def date_range(value: str) -> tuple[datetime.date | None, datetime.date | None]:
    """(first day, last day) of `date:value`: a year, a month, a day, or a range of them
    (`2015-01..2016-06`, open at either end: `2015..`, `..2016-06`); digits in any script."""
    if ".." in value:
        start, _, end = value.partition("..")
        if not start.strip() and not end.strip():
            raise _bad_date(value)
        first = _period(start.strip(), value)[0] if start.strip() else None
        last = _period(end.strip(), value)[1] if end.strip() else None
        if first and last and first > last:
            raise FieldError("date", f"date:{value}: the range ends before it begins")
        return first, last
    return _period(value.strip(), value)


def _period(text: str, whole: str) -> tuple[datetime.date, datetime.date]:
    m = _DATE.fullmatch(text)
    if not m:
        raise _bad_date(whole)
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        if day is not None:
            return (datetime.date(year, month, day),) * 2
        if month is not None:
            last = calendar.monthrange(year, month)[1]
            return datetime.date(year, month, 1), datetime.date(year, month, last)
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    except (ValueError, calendar.IllegalMonthError):
        raise _bad_date(whole) from None


def _bad_date(value: str) -> FieldError:
    return FieldError(
        "date",
        f"date:{value} is not a date: type a year (date:2015), a month (date:2015-11), a day "
        "(date:2015-11-24) or a range (date:2015-01..2016-06)",
    )
