"""The account-health timeline as an inline SVG (``auditor timeline --format html``).

Every piece is a :class:`markupsafe.Markup` format string: the values put in
it (labels, subjects, numbers) are escaped by markupsafe, never by hand, and
only the finished drawing is markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from markupsafe import Markup

from auditor.report.html.labels import GROUPS, MAX_LABEL_ROWS, MAX_STACK, RESTRICTION_KINDS
from auditor.report.html.text import clean, day, group_of, kind_label, utc, when

#: the drawing's margins and sizes (pixels of the 1000-wide view box)
LEFT, RIGHT, TOP, LANE_GAP, ROW = 170, 24, 38, 10, 26
EMPTY = Markup("")


class _Scale:
    """x of a moment on the axis from ``start`` to ``end``; ``right`` is the plot's edge."""

    def __init__(self, start: datetime, end: datetime, width: int) -> None:
        self.start, self.plot = start, width - LEFT - RIGHT
        self.seconds = (end - start).total_seconds()
        self.right = LEFT + self.plot

    def __call__(self, value: datetime) -> float:
        return LEFT + self.plot * ((utc(value) - self.start).total_seconds() / self.seconds)


def _ticks(start: datetime, end: datetime) -> list[tuple[datetime, str]]:
    """Axis ticks between ``start`` and ``end`` (UTC), daily to yearly."""
    span = end - start
    first = start.replace(hour=0, minute=0, second=0, microsecond=0)
    if span <= timedelta(days=16):
        return _every(first + timedelta(days=1), end, timedelta(days=1))
    if span <= timedelta(days=120):
        return _every(first + timedelta(days=(7 - first.weekday()) % 7 or 7), end, timedelta(7))
    if span <= timedelta(days=1000):
        return _months(first, end)
    ticks: list[tuple[datetime, str]] = []
    year = first.year + 1
    while (current := first.replace(year=year, month=1, day=1)) < end:
        ticks.append((current, str(year)))
        year += 1
    return ticks


def _every(current: datetime, end: datetime, step: timedelta) -> list[tuple[datetime, str]]:
    ticks = []
    while current < end:
        ticks.append((current, f"{current.day} {current:%b}"))
        current += step
    return ticks


def _months(first: datetime, end: datetime) -> list[tuple[datetime, str]]:
    ticks: list[tuple[datetime, str]] = []
    year, month = first.year, first.month + 1
    while True:
        if month > 12:
            year, month = year + 1, 1
        current = first.replace(year=year, month=month, day=1)
        if current >= end:
            return ticks
        ticks.append((current, f"{current:%b %Y}" if month == 1 or not ticks else f"{current:%b}"))
        month += 1


def _axis_labels(
    dated: Sequence[tuple[int, Any]],
    start: datetime,
    end: datetime,
    x_of: Callable[[datetime], float],
    top: float,
    bottom: float,
) -> tuple[list[Markup], int]:
    """The time axis: every day with a notice labelled (staggered over rows
    where labels would overlap), plus the regular ticks where there is room.
    Returns the SVG pieces and the number of label rows used."""
    days: dict[str, datetime] = {}
    for _number, entry in dated:
        moment = utc(entry.date)
        days.setdefault(f"{moment:%Y-%m-%d}", moment)
    rows: list[float] = []  # the right edge of the last label on each row
    pieces: list[Markup] = []
    placed: list[tuple[float, float]] = []  # (left, right) of labels on the first row
    for moment in sorted(days.values()):
        x = x_of(moment)
        label = f"{moment.day} {moment:%b}"
        half = len(label) * 3.6 + 3
        row = next((i for i, edge in enumerate(rows) if edge <= x - half), None)
        if row is None:
            if len(rows) < MAX_LABEL_ROWS:
                rows.append(0.0)
                row = len(rows) - 1
            else:  # too many days too close: the least crowded row
                row = min(range(len(rows)), key=lambda i: rows[i])
        rows[row] = x + half
        if row == 0:
            placed.append((x - half, x + half))
        ty = bottom + 20 + row * 16
        pieces.append(
            Markup(
                '<g class="tick event-day"><line x1="{0:.1f}" y1="{1}" x2="{0:.1f}" y2="{2}"/>'
                '<text x="{0:.1f}" y="{3}">{4}</text></g>'
            ).format(x, bottom, ty - 11, ty, label)
        )
    for moment, label in _ticks(start, end):
        x = x_of(moment)
        half = len(label) * 3.6 + 3
        free = all(right < x - half or left > x + half for left, right in placed)
        text = EMPTY
        if free:
            text = Markup('<text x="{:.1f}" y="{}">{}</text>').format(x, bottom + 20, label)
            placed.append((x - half, x + half))
        pieces.insert(
            0,
            Markup(
                '<g class="tick"><line x1="{0:.1f}" y1="{1}" x2="{0:.1f}" y2="{2}"/>{3}</g>'
            ).format(x, top, bottom + 4, text),
        )
    return pieces, max(1, len(rows))


@dataclass
class _Marker:
    number: int
    entry: Any
    x: float
    level: int = 0


@dataclass
class _Lanes:
    """The markers of each lane, stacked in levels where they would overlap."""

    markers: dict[str, list[_Marker]]
    overflow: dict[str, list[float]]  # x of the markers beyond MAX_STACK levels
    depth: dict[str, int]

    def used(self) -> list[str]:
        return [name for name in GROUPS if self.markers[name] or self.overflow.get(name)]


def _stack(dated: Sequence[tuple[int, Any]], x_of: Callable[[datetime], float]) -> _Lanes:
    lanes: dict[str, list[_Marker]] = {name: [] for name in GROUPS}
    for number, entry in dated:
        lanes[group_of(entry)].append(_Marker(number, entry, x_of(entry.date)))
    overflow: dict[str, list[float]] = {}
    depth: dict[str, int] = {}
    for name, markers in lanes.items():
        ends: list[float] = []  # the right edge of the last marker at each level
        kept = []
        for marker in sorted(markers, key=lambda m: (m.x, m.number)):
            level = next((k for k, edge in enumerate(ends) if edge <= marker.x - 24), None)
            if level is None:
                if len(ends) >= MAX_STACK:
                    overflow.setdefault(name, []).append(marker.x)
                    continue
                ends.append(0.0)
                level = len(ends) - 1
            ends[level] = marker.x
            marker.level = level
            kept.append(marker)
        lanes[name] = kept
        depth[name] = max(1, len(ends))
    return _Lanes(lanes, overflow, depth)


def _span(dated: Sequence[tuple[int, Any]], now: datetime) -> tuple[datetime, datetime]:
    """The time drawn: every notice, every restriction's end and now, padded."""
    times = [utc(e.date) for _i, e in dated] + [now]
    for _i, e in dated:
        if e.kind in RESTRICTION_KINDS and e.ends_at is not None and not e.phishing:
            times.append(utc(e.ends_at))
    start, end = min(times), max(times)
    if end - start < timedelta(days=2):
        start, end = start - timedelta(days=1), end + timedelta(days=1)
    pad = (end - start) * 0.04
    return start - pad, end + pad


def _backgrounds(lanes: _Lanes, width: int) -> tuple[list[Markup], dict[str, int], int]:
    """Each used lane's band and label; their tops and the bottom of the last."""
    out: list[Markup] = []
    y = TOP
    lane_y: dict[str, int] = {}
    for index, name in enumerate(lanes.used()):
        height = lanes.depth[name] * ROW + LANE_GAP
        lane_y[name] = y
        out.append(
            Markup('<rect class="lane-bg{}" x="0" y="{}" width="{}" height="{}"/>').format(
                " alt" if index % 2 else "", y, width, height
            )
        )
        out.append(
            Markup('<text class="{}" x="8" y="{:.1f}">{}</text>').format(
                "lane-label phishing" if name == "phishing" else "lane-label",
                y + height / 2 + 4,
                GROUPS[name][0],
            )
        )
        y += height
    return out, lane_y, y


def _bar(marker: _Marker, cy: float, x_of: _Scale) -> list[Markup]:
    """A restriction's period from its notice to its end (or the right edge)."""
    entry = marker.entry
    stop = x_of(entry.ends_at) if entry.ends_at is not None else x_of.right
    if stop <= marker.x:
        return []
    if entry.permanent:
        label = "permanent"
    else:
        label = f"until {day(entry.ends_at)}" if entry.ends_at else "no end stated"
    long = stop - marker.x > 120
    return [
        Markup('<rect class="{}" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="10" rx="3"/>').format(
            "bar" if entry.ends_at is not None else "bar open-ended",
            marker.x,
            cy - 5,
            stop - marker.x,
        ),
        Markup('<text class="bar-label" x="{:.1f}" y="{:.1f}" text-anchor="{}">{}</text>').format(
            stop - 4 if long else marker.x + 16, cy - 8, "end" if long else "start", label
        ),
    ]


def _marker(marker: _Marker, name: str, cy: float, ringed: bool) -> Markup:
    """A numbered dot with its notice as the tooltip, ringed when still open."""
    entry = marker.entry
    subject = clean(entry.subject, 160)
    tip = f"#{marker.number} {when(entry.date)} — {kind_label(entry.kind)}: {subject}"
    if entry.phishing:
        tip += " (POSSIBLE PHISHING)"
    ring = EMPTY
    if ringed and not entry.phishing:
        ring = Markup('<circle class="ring" cx="{:.1f}" cy="{:.1f}" r="14"/>').format(marker.x, cy)
    return Markup(
        '<g class="marker"><title>{0}</title>{1}'
        '<circle class="dot m-{2}" cx="{3:.1f}" cy="{4:.1f}" r="11"/>'
        '<text x="{3:.1f}" y="{5:.1f}">{6}</text></g>'
    ).format(clean(tip, 300), ring, name, marker.x, cy, cy + 4, marker.number)


def _lane_shapes(
    name: str, lanes: _Lanes, base: float, x_of: _Scale, open_ids: set[str]
) -> list[Markup]:
    """One lane's bars (under), markers, and "+N" where markers overflowed."""
    shapes: list[Markup] = []
    if name == "restriction":
        for marker in lanes.markers[name]:
            if marker.entry.kind in RESTRICTION_KINDS:
                shapes.extend(_bar(marker, base + marker.level * ROW, x_of))
    for marker in lanes.markers[name]:
        ringed = marker.entry.message_id in open_ids
        shapes.append(_marker(marker, name, base + marker.level * ROW, ringed))
    overflow = lanes.overflow.get(name, ())
    for x in sorted(set(round(v) for v in overflow))[:50]:
        count = sum(1 for v in overflow if round(v) == x)
        shapes.append(
            Markup('<text class="overflow" x="{}" y="{:.1f}">+{}</text>').format(
                x + 12, base + (MAX_STACK - 1) * ROW + 4, count
            )
        )
    return shapes


def timeline_svg(timeline: Any, width: int = 1000) -> Markup:
    """The timeline as an inline SVG: one lane per kind group, a numbered dot
    per notice (the number is its row in the table), restriction periods as
    bars, open items ringed, a dashed line at ``now``."""
    now = utc(timeline.now) or datetime.now(UTC)
    dated = [(i, e) for i, e in enumerate(timeline.entries, start=1) if e.date is not None]
    if not dated:
        return Markup('<p class="muted">No dated notice to draw.</p>')
    open_ids = {m for item in timeline.open_items for m in item.message_ids}
    start, end = _span(dated, now)
    x_of = _Scale(start, end, width)
    lanes = _stack(dated, x_of)
    backgrounds, lane_y, bottom = _backgrounds(lanes, width)
    ticks, label_rows = _axis_labels(dated, start, end, x_of, TOP, bottom)
    shapes: list[Markup] = []
    for name in lanes.used():
        base = lane_y[name] + LANE_GAP / 2 + ROW / 2
        shapes.extend(_lane_shapes(name, lanes, base, x_of, open_ids))
    now_mark = Markup(
        '<g class="now"><line x1="{0:.1f}" y1="{1}" x2="{0:.1f}" y2="{2}"/>'
        '<text x="{0:.1f}" y="{3}">now: {4}</text></g>'
    ).format(x_of(now), TOP - 6, bottom, TOP - 10, day(now))
    height = bottom + 30 + (label_rows - 1) * 16
    desc = (
        f"{len(dated)} notices from {day(dated[0][1].date)} to {day(dated[-1][1].date)}; "
        f"{len(timeline.open_items)} open items"
    )
    head = Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {0} {1}" width="{0}" height="{1}" '
        'role="img" aria-labelledby="axis-title axis-desc">'
        '<title id="axis-title">Account-health timeline</title><desc id="axis-desc">{2}</desc>'
    ).format(width, height, clean(desc))
    return head + EMPTY.join([*backgrounds, *ticks, now_mark, *shapes]) + Markup("</svg>")
