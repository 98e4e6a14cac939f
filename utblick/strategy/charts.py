"""Horizontal bar charts as data for accessible inline SVG (the same data is shown as a table)."""

from decimal import Decimal

BAR_HEIGHT = 24
GAP = 12
LABEL_WIDTH = 260
BAR_WIDTH = 300


def bars(items, *, maximum=None):
    """[(label, value, shown text)] → rows with coordinates for ``core/_bar_chart.html``."""
    items = list(items)
    top = maximum or max((Decimal(value) for _label, value, _text in items), default=0) or 1
    rows = []
    for index, (label, value, text) in enumerate(items):
        y = index * (BAR_HEIGHT + GAP)
        width = int(BAR_WIDTH * Decimal(value) / Decimal(top)) if value else 0
        rows.append(
            {
                "label": label,
                "text": text,
                "y": y,
                "text_y": y + BAR_HEIGHT - 7,
                "width": width,
                "value_x": LABEL_WIDTH + width + 6,
            }
        )
    return {
        "rows": rows,
        "height": max(len(rows) * (BAR_HEIGHT + GAP), BAR_HEIGHT),
        "width": LABEL_WIDTH + BAR_WIDTH + 120,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
    }
