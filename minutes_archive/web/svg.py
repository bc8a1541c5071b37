"""The timeline's bar chart, drawn on the server as SVG: no charting script to vendor, and it prints."""
from __future__ import annotations

from markupsafe import Markup, escape

BAR, GAP, HEIGHT, LABEL = 36, 12, 160, 20  # px: a bar's width, the space between bars, the tallest bar, text rows


def timeline_svg(years: dict[str, int], link) -> Markup:
    """One <a> around each year's <rect class="bar">, linking to that year's hits (`link(year)` gives the URL).
    The viewBox scales the chart to the page's width; the count is written above its bar."""
    if not years:
        return Markup("")
    top = max(years.values()) or 1
    width = len(years) * (BAR + GAP) + GAP
    height = HEIGHT + 2 * LABEL
    parts = [f'<svg class="timeline" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
             f"<title>Items per year: {escape(', '.join(f'{y}: {n}' for y, n in years.items()))}</title>"]
    for n, (year, count) in enumerate(years.items()):
        x = GAP + n * (BAR + GAP)
        tall = max(2, round(count / top * HEIGHT))
        y = LABEL + HEIGHT - tall
        parts.append(
            f'<a href="{escape(link(year))}"><title>{escape(year)}: {count} item{"" if count == 1 else "s"}</title>'
            f'<rect class="bar" x="{x}" y="{y}" width="{BAR}" height="{tall}" data-year="{escape(year)}" '
            f'data-count="{count}"></rect>'
            f'<text class="count" x="{x + BAR / 2}" y="{y - 4}" text-anchor="middle">{count}</text>'
            f'<text class="year" x="{x + BAR / 2}" y="{height - 4}" text-anchor="middle">{escape(year)}</text></a>')
    parts.append("</svg>")
    return Markup("".join(parts))
