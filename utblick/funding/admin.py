"""Django admin for the funding app: platform superusers only (coordinators edit programme rules
on the staff pages, `views/rules.py`)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from utblick.tenancy.admin import SuperuserOnly

from .models import Call, CallDeadline, Need, ProgrammeRule


@admin.register(ProgrammeRule)
class ProgrammeRuleAdmin(SuperuserOnly, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "programme", "period", "cofinancing_rate", "source_url"]
    list_filter = ["programme", "period"]


class DeadlineInline(SuperuserOnly, admin.TabularInline):
    model = CallDeadline
    extra = 0


@admin.register(Call)
class CallAdmin(SuperuserOnly, SimpleHistoryAdmin):
    list_display = ["identifier", "title", "source", "status", "programme", "vanished_at"]
    list_filter = ["source", "status", "programme"]
    search_fields = ["identifier", "title"]
    inlines = [DeadlineInline]
    exclude = ["embedding"]


@admin.register(Need)
class NeedAdmin(SuperuserOnly, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "municipality", "unit", "status"]
    list_filter = ["municipality", "status"]
