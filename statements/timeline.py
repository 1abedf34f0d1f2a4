"""Results over time: the matching claims by year (or by month when the range is short), drawn
on the server as an SVG bar chart above the results (templates/statements/_over_time.html).

The counts are the search's own `year` and `month` facets (statements/search/facets.py), so the
chart follows the facets' rule for large results: drawn in the first response when the facets
are cached or cheap, else fetched as the page's `timeline` fragment ("Counting…"). Each bar is a
link to the same search narrowed to its period (date_from/date_to); the numbers are also a
table for screen readers. A second search (`compare=`) is a second series on the same axis:
bars side by side, the second hatched, with a legend, so that the two are told apart without
colour. In the Urdu interface time runs from right to left, as the text does.

Pure functions over the facets: no database, no request.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from statements.search.facets import Facet
from statements.search.request import query_string

MONTHS_WHEN = 3  # years: a range (of data or of the date filter) this short is drawn by month
# The drawing's own units (the viewBox); the browser scales it to the column's width.
WIDTH, HEIGHT = 720, 200
PHONE_LABELS = 8  # years a phone labels every one of; more: the first and every fifth
LEFT, RIGHT, TOP, BOTTOM = 56, 8, 14, 32  # room for the count axis and the period labels


@dataclass
class Bar:
    series: int
    count: int
    x: float
    y: float
    width: float
    height: float
    url: str  # the search narrowed to this bar's period ("" when it holds no claim)


@dataclass
class Period:
    value: str  # "2015" or "2015-11"
    start: datetime.date
    end: datetime.date
    counts: list[int]
    bars: list[Bar] = field(default_factory=list)
    label: str = ""  # shown under the axis ("" for most months: the year marks January)
    label_x: float = 0.0
    minor: bool = False  # a label a phone leaves out (past PHONE_LABELS years: not divisible by 5)


@dataclass
class Chart:
    unit: str  # "year" or "month"
    series: list[str]  # the searches drawn: their queries as typed ("" = every claim)
    periods: list[Period]
    most: int  # the tallest bar's count (the axis' top)
    rtl: bool
    width: int = WIDTH
    height: int = HEIGHT
    axis: dict = field(default_factory=dict)  # the axis' lines and ticks, in drawing units

    @property
    def compared(self) -> bool:
        return len(self.series) > 1


def unit_of(facets: list[dict[str, list[Facet]]], date_from, date_to) -> str:
    """By month when the matching claims span at most MONTHS_WHEN calendar years, or when the
    date filter does; else by year."""
    years = [int(f.value) for fs in facets for f in fs.get("year", []) if f.count and f.value]
    if date_from and date_to and (date_to - date_from).days <= 366 * MONTHS_WHEN:
        return "month"
    if years and max(years) - min(years) < MONTHS_WHEN:
        return "month"
    return "year"


def _periods(unit: str, first: str, last: str) -> list[tuple[str, datetime.date, datetime.date]]:
    """Every period from `first` to `last` (inclusive), gaps included: a year with no claim
    is a bar of nothing, not a missing bar."""
    out = []
    if unit == "year":
        for year in range(int(first), int(last) + 1):
            out.append((str(year), datetime.date(year, 1, 1), datetime.date(year, 12, 31)))
        return out
    year, month = map(int, first.split("-"))
    end_year, end_month = map(int, last.split("-"))
    while (year, month) <= (end_year, end_month):
        days = calendar.monthrange(year, month)[1]
        start, end = datetime.date(year, month, 1), datetime.date(year, month, days)
        out.append((f"{year}-{month:02d}", start, end))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def chart(
    series: list[tuple[str, dict[str, list[Facet]]]],
    params: dict[str, list[str]],
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    rtl: bool = False,
) -> Chart | None:
    """The chart of one or two searches' facets (`series`: (query, facets) each); `params`: the
    page's canonical parameters, which each bar's link keeps, its period's dates replacing any
    date filter. None when no claim has a date."""
    unit = unit_of([f for _, f in series], date_from, date_to)
    counted = [{f.value: f.count for f in facets.get(unit, []) if f.value} for _, facets in series]
    values = sorted({v for c in counted for v, n in c.items() if n})
    if not values:
        return None
    periods = [
        Period(value, start, end, [c.get(value, 0) for c in counted])
        for value, start, end in _periods(unit, values[0], values[-1])
    ]
    most = max(n for p in periods for n in p.counts)
    drawn = Chart(unit, [q for q, _ in series], periods, most, rtl)
    _lay_out(drawn, params)
    return drawn


def _lay_out(drawn: Chart, params: dict[str, list[str]]) -> None:
    """Bars, labels and axis in drawing units; time runs right to left when `rtl`."""
    plot_width = WIDTH - LEFT - RIGHT
    x0 = LEFT if not drawn.rtl else RIGHT  # the count axis' labels sit at the start side
    plot_height = HEIGHT - TOP - BOTTOM
    slot = plot_width / len(drawn.periods)
    gap = slot * 0.15
    bar_width = (slot - 2 * gap) / len(drawn.series)
    every = max(1, round(len(drawn.periods) / 12)) if drawn.unit == "year" else 0
    base = {k: v for k, v in params.items() if k not in ("date_from", "date_to", "page")}
    for i, period in enumerate(drawn.periods):
        left = x0 + i * slot if not drawn.rtl else x0 + plot_width - (i + 1) * slot
        url = query_string(
            {**base, "date_from": [period.start.isoformat()], "date_to": [period.end.isoformat()]}
        )
        for s, count in enumerate(period.counts):
            height = plot_height * count / drawn.most if drawn.most else 0
            order = s if not drawn.rtl else len(period.counts) - 1 - s
            period.bars.append(
                Bar(
                    s,
                    count,
                    round(left + gap + order * bar_width, 1),
                    round(TOP + plot_height - height, 1),
                    round(bar_width, 1),
                    round(height, 1),
                    url if count else "",
                )
            )
        if drawn.unit == "year":
            period.label = period.value if i % every == 0 else ""
            crowded = len(drawn.periods) > PHONE_LABELS
            period.minor = crowded and i != 0 and int(period.value) % 5 != 0
        else:
            first = i == 0 or period.start.month == 1
            period.label = period.value[:4] if first else ""
        period.label_x = round(left + slot / 2, 1)
    drawn.axis = {
        "x0": x0,
        "x1": x0 + plot_width,
        "y0": TOP,
        "y1": TOP + plot_height,
        "label_y": HEIGHT - 8,
        "count_x": x0 - 6 if not drawn.rtl else x0 + plot_width + 6,
        "baseline_x": x0 if not drawn.rtl else x0 + plot_width,
        "half_y": round(TOP + plot_height / 2, 1),
        "half": drawn.most // 2 if drawn.most > 1 else None,
    }
