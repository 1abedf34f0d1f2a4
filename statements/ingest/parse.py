"""Document -> title, date, paragraphs and sentences, with offsets into the verbatim text.

The sources break lines inside sentences and leave blank lines inside paragraphs; a paragraph
ends at a line whose last character is a sentence end (۔ ؟ ! ?). Nothing here rewrites the text:
every span is a pair of offsets into it, and `text[start:end]` is what is shown and stored.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from statements import urdu
from statements.ingest import lexicon

SENTENCE_ENDS = "۔؟!?"

# What one report may be, on every path (command, admin, export loader): larger documents are
# refused with a message instead of holding a transaction (and an editor's browser) for minutes.
# A long report (a UN speech, a briefing transcript) has a few hundred paragraphs and well under
# 200 kB; these bounds are ten times that and keep the largest ingest to a few seconds.
MAX_DOCUMENT_BYTES = 2_000_000
MAX_PARAGRAPHS = 5_000


class DocumentError(ValueError):
    """The document cannot be ingested; the message says why, in one line."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass
class ParsedDocument:
    text: str
    sha256: str
    title: str
    title_span: Span
    date: datetime.date
    paragraphs: list[Span] = field(default_factory=list)
    headlines: frozenset[int] = frozenset()  # indexes of paragraphs that are headline lines
    datelines: dict[int, int] = field(default_factory=dict)  # paragraph index -> dateline end
    has_date_line: bool = True  # the title follows a date on the first line
    duration_minutes: int | None = None
    duration_text: str = ""

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 only (a BOM is kept verbatim), with a clear error otherwise."""
    if not data.strip():
        raise DocumentError("the document is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"the document is not UTF-8 (invalid byte at offset {exc.start})"
        ) from None
    if "\x00" in text:
        raise DocumentError("the document contains NUL characters; it is not a text document")
    if not text.strip():
        raise DocumentError("the document is empty")
    return text


# The date at the head of the first line, in the forms reports use (digits of any script are
# folded first): "2015 /Nov/ 24", "2015-11-24", "24 Nov 2015", "24 نومبر، 2015ء", "Nov 24, 2015",
# "24/11/2015" (day first). The title follows after a dash, colon or bar, or after spaces.
_NAME = r"[^\W\d_][^\s\d,،/.\-]*"  # a month's name: letters, up to a space or separator
_MONTH = rf"(?P<m>{_NAME})\.?"  # "Nov." too
_NUMERIC_DMY = re.compile(r"(?P<d>\d{1,2})\s*([/.-])\s*(?P<m>\d{1,2})\s*\2\s*(?P<y>\d{4})")
_DATES = [
    re.compile(rf"(?P<y>\d{{4}})\s*([/.-])\s*(?P<m>{_NAME}|\d{{1,2}})\s*\2\s*(?P<d>\d{{1,2}})"),
    re.compile(rf"(?P<d>\d{{1,2}})\s+{_MONTH}\s*[,،]?\s+(?P<y>\d{{4}})\s*ء?"),
    re.compile(rf"{_MONTH}\s+(?P<d>\d{{1,2}})\s*[,،]?\s+(?P<y>\d{{4}})"),
    _NUMERIC_DMY,
]
_TITLE = re.compile(r"(?:\s*[-–—:|]\s*|\s+)(?P<title>\S.*?)\s*$")


_MONTHS = {urdu.fold(name): number for name, number in lexicon.MONTHS.items()}
_DIGITS = {0x06F0 + d: str(d) for d in range(10)} | {0x0660 + d: str(d) for d in range(10)}


def parse_date_line(line: str) -> tuple[datetime.date, int] | None:
    """Return (date, offset of the title within `line`) or None when `line` is no date line.
    Numeric day/month/year is read day first (as in Pakistan and Iran), month first only
    when the second number is over 12 (11/24/2015)."""
    folded = line.translate(_DIGITS)  # same length: offsets stay valid
    head = len(folded) - len(folded.lstrip("\ufeff \t"))
    for pattern in _DATES:
        match = pattern.match(folded, head)
        if not match:
            continue
        title = _TITLE.match(folded, match.end())
        if not title:
            continue
        month_raw = urdu.fold(match["m"]).strip()
        month = int(month_raw) if month_raw.isdecimal() else _MONTHS.get(month_raw)
        day = int(match["d"])
        if month is None:
            continue
        if pattern is _NUMERIC_DMY and month > 12 >= day:
            day, month = month, day  # 11/24/2015: month first
        try:
            return datetime.date(int(match["y"]), month, day), title.start("title")
        except ValueError:
            continue
    return None


def _lines(text: str):
    """Yield (start, end) of each line's content, without the line break."""
    pos = 0
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        yield pos, pos + len(content)
        pos += len(line)


def _strip_span(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


_CONTINUING = frozenset(urdu.fold(w) for w in lexicon.CONTINUING_WORDS)
HEADLINE_MAX_WORDS = 24  # a headline or standfirst line is short


def _last_word(line: str) -> str:
    words = urdu.words(line)
    return words[-1] if words else ""


def _headline_like(line: str) -> bool:
    """A line that can stand alone as a headline or standfirst: short, not ended by a sentence
    end, and not by a word that continues on the next line (a genitive, a postposition)."""
    line = line.strip()
    return (
        bool(line)
        and line[-1] not in SENTENCE_ENDS + ":،,؛"  # "X نے کہا:" goes on
        and len(urdu.words(line)) <= HEADLINE_MAX_WORDS
        and _last_word(line) not in _CONTINUING
        and (dateline_end(line) is None or _colon_dateline(line))
    )


def _colon_dateline(line: str) -> bool:
    """A short line "X: C" may be a headline whose speaker is X, not a dateline."""
    match = _DATELINE.match(line)
    return bool(match and match["mark"] == ":")


def _line_spans(text: str, start: int) -> list[Span | None]:
    """The stripped content of each line from `start` on (None for a blank line)."""
    return [_strip_span(text, max(s, start), e) for s, e in _lines(text) if e > start]


def paragraphs(text: str, start: int = 0) -> list[Span]:
    """Rebuild paragraphs from `start` on: join lines until one ends in a sentence end.

    Scraped copy wraps lines inside sentences, even with blank lines between them; but a
    headline or a standfirst is a unit of its own. A line is one when it can stand alone (see
    `_headline_like`) and either the next line opens with a dateline (`تل ابیب (ایجنسیاں) ...`),
    or it lies at the head of the document (before any paragraph ran over two lines or ended a
    sentence) and a blank line follows it."""
    return [span for span, _ in layout(text, start)]


def layout(text: str, start: int = 0) -> list[tuple[Span, bool]]:
    """Paragraphs from `start` as (span, is_headline); see `paragraphs`."""
    lines = _line_spans(text, start)
    result: list[tuple[Span, bool]] = []
    para_start: int | None = None
    para_end = 0
    head = True  # still in the headline and standfirst lines
    following: Span | None = None  # the next non-blank line after each line, read backwards
    nexts: list[Span | None] = []
    for span in reversed(lines):
        nexts.append(following)
        following = span or following
    nexts.reverse()
    for n, span in enumerate(lines):
        if span is None:
            continue  # blank lines do not end paragraphs in these sources
        line = text[span.start : span.end]
        blank_after = n + 1 < len(lines) and lines[n + 1] is None
        after = nexts[n]
        next_line = text[after.start : after.end] if after else ""
        if (
            para_start is None
            and _headline_like(line)
            and (dateline_end(next_line) is not None or (head and (blank_after or not after)))
        ):
            result.append((span, True))
            continue
        if para_start is None:
            para_start = span.start
            head = head and dateline_end(line) is None
        para_end = span.end
        if text[span.end - 1] in SENTENCE_ENDS:
            result.append((Span(para_start, para_end), False))
            para_start = None
            head = False
        elif not blank_after:
            head = False
    if para_start is not None:
        result.append((Span(para_start, para_end), False))
    return result


# A dateline opens a paragraph: up to six words of places and a date (commas, slashes and
# digits between them), then the reporter or agency in brackets, or a colon or dash:
# "اسلام آباد (نمائندہ خصوصی)", "نئی دہلی ، 17 جولائی (یو این آئی)", "گوا:", "نیویارک —".
_DATELINE = re.compile(
    r"\s*(?P<place>[^\s(:—–\-،,/.۔]+(?:[\s،,/]+[^\s(:—–\-،,/.۔]+){0,7})\s*"
    r"(?:\((?P<by>[^()\n]{1,60})\)|(?P<mark>[:—–]|\s-\s))"
)
_NOT_IN_DATELINE = frozenset(
    urdu.fold(w) for w in ("نے", "کہ", "کا", "کی", "کے", "میں", "پر", "کو", "سے", "ہے", "تھا")
)


def dateline_end(line: str) -> int | None:
    """The length of the dateline that opens `line` (with the spaces after it), or None. A
    bracket right after a word is no dateline when a genitive or postposition follows it
    ("شنگھائی تعاون تنظیم (ایس سی او) کے"): it explained the word."""
    match = _DATELINE.match(line)
    if not match:
        return None
    place = urdu.words(match["place"])
    if len(place) > 6 or _NOT_IN_DATELINE & set(place):
        return None
    if match["mark"] and len(place) > 3:
        return None
    if match["by"] and len(urdu.words(match["by"])) > 6:
        return None
    rest = line[match.end() :]
    if not rest.strip() or (urdu.words(rest)[:1] and urdu.words(rest)[0] in _NOT_IN_DATELINE):
        return None
    return match.end() + len(rest) - len(rest.lstrip())


def parse_duration(text: str) -> tuple[int | None, str]:
    """Find a stated duration ("تقریبا دو گھنٹے جاری رہی") -> (minutes, the verbatim phrase)."""
    tokens = [(m.start(), m.end(), urdu.fold(m.group())) for m in re.finditer(r"\S+", text)]
    units = {urdu.fold(k): v for k, v in lexicon.DURATION_UNITS.items()}
    numbers = {urdu.fold(k): v for k, v in lexicon.NUMBER_WORDS.items()}
    lasted = {urdu.fold(w) for w in lexicon.LASTED}
    approx = {urdu.fold(w) for w in lexicon.APPROXIMATELY}
    for i in range(1, len(tokens)):
        unit = units.get(tokens[i][2])
        if unit is None:
            continue
        word = tokens[i - 1][2]
        amount = float(word) if word.replace(".", "", 1).isdecimal() else numbers.get(word)
        following = tokens[i + 1][2] if i + 1 < len(tokens) else ""
        if amount is None or following not in lasted:
            continue
        first = i - 1
        if first > 0 and tokens[first - 1][2] in approx:
            first -= 1
        last = i + 1
        while last + 1 < len(tokens) and tokens[last + 1][2] in lasted:
            last += 1
        return round(amount * unit), text[tokens[first][0] : tokens[last][1]]
    return None, ""


def parse_document(
    data: bytes | str,
    *,
    date: datetime.date | None = None,
    max_paragraphs: int | None = MAX_PARAGRAPHS,
) -> ParsedDocument:
    """Parse a source document. `date` (from an editor) replaces a missing date line.
    Documents over MAX_DOCUMENT_BYTES or MAX_PARAGRAPHS are refused (`max_paragraphs=None`
    lifts both, for benchmarks)."""
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if max_paragraphs is not None and size > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            f"the document is {size / 1e6:.1f} MB; a report can be at most "
            f"{MAX_DOCUMENT_BYTES / 1e6:.0f} MB (is it really one report?)"
        )
    text = decode(data) if isinstance(data, bytes) else data
    if not text.strip():
        raise DocumentError("the document is empty")
    raw = text.encode("utf-8")
    first = next(((s, e) for s, e in _lines(text) if text[s:e].strip()), None)
    assert first is not None
    parsed = parse_date_line(text[first[0] : first[1]])
    if parsed is not None:
        line_date, title_offset = parsed
        title_span = _strip_span(text, first[0] + title_offset, first[1])
        body_start = first[1]
    elif date is not None:
        line_date, title_span, body_start = date, _strip_span(text, *first), first[1]
    else:
        raise DocumentError(
            "the document has no date line (expected a first line like '2015 /Nov/ 24 - title', "
            "'2015-11-24 title' or '24 نومبر 2015 - title')"
        )
    if title_span is None:
        raise DocumentError("the document's first line has a date but no title")
    units = layout(text, body_start)
    body = [span for span, _ in units]
    if not body:
        raise DocumentError("the document has a title but no text")
    if max_paragraphs is not None and len(body) > max_paragraphs:
        raise DocumentError(
            f"the document has {len(body):,} paragraphs; a report can have at most "
            f"{max_paragraphs:,} (is it really one report?)"
        )
    minutes, duration_text = parse_duration(text[body_start:])
    return ParsedDocument(
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        title=text[title_span.start : title_span.end],
        title_span=title_span,
        date=date or line_date,
        paragraphs=body,
        headlines=frozenset(i for i, (_, headline) in enumerate(units) if headline),
        datelines={
            i: span.start + end
            for i, (span, headline) in enumerate(units)
            if not headline and (end := dateline_end(text[span.start : span.end])) is not None
        },
        has_date_line=parsed is not None,
        duration_minutes=minutes,
        duration_text=duration_text,
    )
