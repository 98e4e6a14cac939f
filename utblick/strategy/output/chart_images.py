"""The bar charts of ``charts.bars`` as PNG images, for the DOCX files (Word shows no SVG
without a PNG fallback). Labels are wrapped, never cut, as in the SVG."""

import io

from PIL import Image, ImageDraw, ImageFont

SCALE = 2  # twice the SVG's pixels: sharp when printed at 150 mm
FONT_FILE = "DejaVuSans.ttf"


def _font(size):
    try:
        return ImageFont.truetype(FONT_FILE, size)
    except OSError:
        return ImageFont.load_default(size=size)


def bar_chart_png(chart) -> bytes:
    width, height = chart["width"] * SCALE, chart["height"] * SCALE
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = _font(14 * SCALE)
    left = chart["label_width"] * SCALE
    for row in chart["rows"]:
        for line in row["lines"]:
            draw.text((0, line["y"] * SCALE), line["text"], fill="#1a1a1a", font=font, anchor="ls")
        top = row["y"] * SCALE
        bottom = top + chart["bar_height"] * SCALE
        draw.rectangle((left, top, left + chart["bar_width"] * SCALE, bottom), fill="#e8eef4")
        if row["width"]:
            draw.rectangle((left, top, left + row["width"] * SCALE, bottom), fill="#004b87")
        draw.text(
            (row["value_x"] * SCALE, row["text_y"] * SCALE),
            row["text"],
            fill="#1a1a1a",
            font=font,
            anchor="ls",
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
