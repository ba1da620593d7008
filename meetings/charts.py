"""Charts drawn on the server as SVG: readable without JavaScript, printable, no inline style.

Colours come from classes in static/style.css; shapes only use presentation attributes.
"""
from __future__ import annotations

from datetime import date

from babel.dates import format_date
from flask import has_request_context
from flask_babel import gettext as _
from markupsafe import Markup, escape

from meetings import i18n

WIDTH, HEIGHT = 760, 280
LEFT, RIGHT, TOP, BOTTOM = 48, 24, 24, 48


def _ticks(top: int) -> list[int]:
    """About five round steps from 0 to at least `top`."""
    if top <= 5:
        return list(range(0, max(top, 1) + 1))
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000) if top / s <= 6)
    return list(range(0, top + step, step))


def _short_day(day: date) -> str:
    """'22 Oct' under a bar, '22 oct.' in French: the page's language (Babel's short month)."""
    language = i18n.select_locale() if has_request_context() else "en"
    if language == "en":
        return f"{day.day} {day.strftime('%b')}"
    return format_date(day, "d MMM", locale=language)


def submissions(days: list[date], per_day: list[int], cumulative: list[int], *,
                deadline: date | None, today: date | None, invited: int,
                title: str | None = None) -> Markup:
    """Bars: delegations first submitted each day; a line: submitted so far; a dashed line: the
    end of the deadline day; a dotted one: today. The number invited is said in the summary."""
    if not days:
        return Markup("")
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    ticks = _ticks(max([*cumulative, 1]))
    top = ticks[-1] or 1
    slot = plot_w / len(days)

    def x(index: float) -> float:
        return round(LEFT + index * slot, 1)

    def y(value: float) -> float:
        return round(TOP + plot_h - value / top * plot_h, 1)

    title = title or _("Submitted delegations per day")
    that_day, so_far = _("submitted that day"), _("submitted so far")

    def tip(day: date, count: int) -> str:
        return _("%(day)s: %(count)s submitted", day=day.isoformat(), count=count)

    total = cumulative[-1] if cumulative else 0
    summary = (_("%(total)s of %(invited)s invited delegations submitted between %(first)s and "
                 "%(last)s", total=total, invited=invited, first=days[0].isoformat(),
                 last=days[-1].isoformat())
               + (_("; deadline %(day)s", day=deadline.isoformat()) if deadline else "") + ".")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" '
        f'font-family="sans-serif" font-size="11">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(summary)}</desc>',
    ]
    for tick in ticks:
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick)}" '
                     f'y2="{y(tick)}" stroke="#ddd" stroke-width="1"/>')
        parts.append(f'<text class="axis" x="{LEFT - 6}" y="{y(tick) + 4}" '
                     f'text-anchor="end">{tick}</text>')
    bar_w = max(round(slot * 0.6, 1), 1)
    for index, (day, count) in enumerate(zip(days, per_day, strict=True)):
        if count:
            parts.append(
                f'<rect class="bar" x="{round(x(index) + (slot - bar_w) / 2, 1)}" y="{y(count)}" '
                f'width="{bar_w}" height="{round(y(0) - y(count), 1)}" fill="#2563eb">'
                f'<title>{escape(tip(day, count))}'
                f'</title></rect>')
    # the running total stops today: the days after it have not happened yet
    shown = [v for d, v in zip(days, cumulative, strict=True) if today is None or d <= today]
    points = " ".join(f"{x(i + 0.5)},{y(v)}" for i, v in enumerate(shown))
    parts.append(f'<polyline class="cumulative" points="{points}" fill="none" stroke="#059669" '
                 f'stroke-width="2"/>')
    label_every = max(1, round(len(days) / 8))
    for index, day in enumerate(days):
        if index % label_every == 0 or index == len(days) - 1:
            parts.append(f'<text class="axis" x="{x(index + 0.5)}" y="{HEIGHT - BOTTOM + 16}" '
                         f'text-anchor="middle">{_short_day(day)}</text>')
    for when, name, css, dash, anchor in ((deadline, _("Deadline"), "deadline", "6 4", "start"),
                                          (today, _("Today"), "today", "2 2", "end")):
        if when is not None and days[0] <= when <= days[-1]:
            # the deadline closes at the end of its day; today is drawn at its middle
            at = x(days.index(when) + (1 if css == "deadline" else 0.5))
            parts.append(f'<line class="{css}" x1="{at}" x2="{at}" y1="{TOP}" y2="{y(0)}" '
                         f'stroke="{"#dc2626" if css == "deadline" else "#111827"}" '
                         f'stroke-width="1.5" stroke-dasharray="{dash}"/>')
            if anchor == "start" and at > WIDTH - RIGHT - 90:
                anchor = "end"  # no room on the right of the line
            shift = 4 if anchor == "start" else -4
            parts.append(f'<text class="label {css}" x="{at + shift}" '
                         f'y="{TOP + (10 if css == "deadline" else 24)}" text-anchor="{anchor}">'
                         f'{escape(name)} {_short_day(when)}</text>')
    parts.append(f'<line class="axis-line" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(0)}" '
                 f'y2="{y(0)}" stroke="#111827" stroke-width="1"/>')
    legend_y = HEIGHT - 10
    parts.append(f'<rect class="bar" x="{LEFT}" y="{legend_y - 9}" width="10" height="10" '
                 f'fill="#2563eb"/><text x="{LEFT + 14}" y="{legend_y}">'
                 f'{escape(that_day)}</text>')
    parts.append(f'<line class="cumulative" x1="{LEFT + 150}" x2="{LEFT + 170}" '
                 f'y1="{legend_y - 4}" y2="{legend_y - 4}" stroke="#059669" stroke-width="2"/>'
                 f'<text x="{LEFT + 174}" y="{legend_y}">{escape(so_far)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704  (our own markup; every text in it is escaped)
