"""Horizontal bar charts as data for accessible inline SVG (the same data is shown as a table)
and for the PNG image in the DOCX files (``output/chart_images.py``)."""

import textwrap
from decimal import Decimal

BAR_HEIGHT = 24
GAP = 12
LABEL_WIDTH = 260
BAR_WIDTH = 300
VALUE_WIDTH = 150
FONT_SIZE = 14
LINE_HEIGHT = 17
# DejaVu Sans at 14 px is at most 9 px a character: 27 characters fit in the label column.
LABEL_CHARACTERS = 27


def label_lines(label) -> list[str]:
    """A label wrapped onto as many lines as it needs: a chart never cuts a name short."""
    return textwrap.wrap(str(label), LABEL_CHARACTERS, break_long_words=True) or [""]


def bars(items, *, maximum=None):
    """[(label, value, shown text)] → rows with coordinates for ``_bar_chart.html``."""
    items = list(items)
    top = maximum or max((Decimal(value) for _label, value, _text in items), default=0) or 1
    rows = []
    y = 0
    for label, value, text in items:
        lines = label_lines(label)
        row_height = max(BAR_HEIGHT, len(lines) * LINE_HEIGHT + 4)
        width = int(BAR_WIDTH * Decimal(value) / Decimal(top)) if value else 0
        first_line_y = y + (row_height - len(lines) * LINE_HEIGHT) // 2 + FONT_SIZE
        rows.append(
            {
                "label": str(label),
                "lines": [
                    {"text": line, "y": first_line_y + number * LINE_HEIGHT}
                    for number, line in enumerate(lines)
                ],
                "text": text,
                "y": y + (row_height - BAR_HEIGHT) // 2,
                "height": row_height,
                "text_y": y + (row_height - BAR_HEIGHT) // 2 + BAR_HEIGHT - 7,
                "width": width,
                "value_x": LABEL_WIDTH + width + 6,
            }
        )
        y += row_height + GAP
    return {
        "rows": rows,
        "height": max(y, BAR_HEIGHT),
        "width": LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH,
        "label_width": LABEL_WIDTH,
        "bar_width": BAR_WIDTH,
        "bar_height": BAR_HEIGHT,
    }
