"""Django admin for the strategy app, for platform superusers; coordinators shape strategies,
focus areas, directions and action plans on the staff pages (manage_views.py)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from utblick.tenancy.admin import SuperuserOnly

from .models import ActionPlan, Activity, Direction, FocusArea, FollowUpEntry, Strategy


class FocusAreaInline(SuperuserOnly, TranslationTabularInline):
    model = FocusArea
    extra = 0


class DirectionInline(SuperuserOnly, TranslationTabularInline):
    model = Direction
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(SuperuserOnly, TranslationAdmin):
    list_display = ["title", "municipality", "adopted_on"]
    list_filter = ["municipality"]
    inlines = [FocusAreaInline]


@admin.register(FocusArea)
class FocusAreaAdmin(SuperuserOnly, TranslationAdmin):
    list_display = ["name", "strategy", "order"]
    inlines = [DirectionInline]


@admin.register(ActionPlan)
class ActionPlanAdmin(SuperuserOnly, TranslationAdmin):
    list_display = ["title", "municipality", "start_date", "end_date"]
    list_filter = ["municipality"]


class EntryInline(SuperuserOnly, admin.TabularInline):
    model = FollowUpEntry
    extra = 0
    fields = ["date", "text_sv", "status", "progress", "author"]


@admin.register(Activity)
class ActivityAdmin(SuperuserOnly, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["key", "title", "action_plan", "focus_area", "kind", "status", "progress"]
    list_filter = ["action_plan", "kind", "status"]
    search_fields = ["key", "title"]
    inlines = [EntryInline]
