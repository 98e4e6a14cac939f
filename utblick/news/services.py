"""Writes of the news app. Every function is all-or-nothing.

Entities: news items. Rules: a unit representative's new item belongs to their unit; a
replaced or removed image is deleted only once the change is final. The field rules are still
the news form's (issue #15: no plain-data write path yet).
"""

from django.db import transaction

from utblick.core import public_cache
from utblick.tenancy import permissions

from .models import NewsItem


@transaction.atomic
def save_news_item(*, form, municipality, user) -> NewsItem:
    """Save a news item; a unit representative's new item belongs to their unit. A replaced
    or removed image file is deleted once the change is final."""
    old_name = form.initial.get("image").name if form.initial.get("image") else ""
    was_public = NewsItem.objects.filter(pk=form.instance.pk, is_public=True).exists()
    item = form.save(commit=False)
    item.municipality = municipality
    rep_unit = permissions.unit_of(user, municipality)
    if item.pk is None and rep_unit is not None:
        item.unit = rep_unit
    item.save()
    if old_name and old_name != (item.image.name if item.image else ""):
        storage = NewsItem._meta.get_field("image").storage
        transaction.on_commit(lambda: storage.delete(old_name))
    public_cache.record_changed(record=item, public=item.is_public or was_public)
    return item


@transaction.atomic
def delete_news_item(*, item: NewsItem) -> None:
    name = item.image.name if item.image else ""
    storage = NewsItem._meta.get_field("image").storage
    public_cache.record_changed(record=item, public=item.is_public)
    item.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
