"""Django admin for news: platform superusers only (staff use the staff pages)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from utblick.tenancy.admin import SuperuserOnly

from .models import NewsItem


@admin.register(NewsItem)
class NewsItemAdmin(SuperuserOnly, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "municipality", "category", "publish_at", "is_public"]
    list_filter = ["municipality", "category", "is_public"]
    list_select_related = ["municipality"]
    search_fields = ["title_sv", "title_en"]
    raw_id_fields = ["unit"]
    date_hierarchy = "publish_at"
