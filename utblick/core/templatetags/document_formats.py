"""Money and ratios in the reader's language, for reports and documents:
``{{ value|kronor }}`` gives "12 500 kr" in Swedish, ``{{ value|ratio }}`` "1,50"."""

from django import template

from utblick.core import office_documents

register = template.Library()


@register.filter
def kronor(value):
    return office_documents.money(value)


@register.filter
def ratio(value):
    return office_documents.decimal(value)
