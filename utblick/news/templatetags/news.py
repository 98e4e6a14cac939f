from django import template

from ..rendering import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Markdown rendered and sanitised (see news.rendering)."""
    return render_markdown(text)
