"""Django admin for the projects app: platform superusers only (staff use the staff pages)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from utblick.tenancy.admin import SuperuserOnly

from .models import (
    FunderProgramme,
    Project,
    ProjectDocument,
    ProjectLink,
    ProjectPartner,
    ProjectReport,
    ProjectStatusChange,
    SustainableDevelopmentGoal,
    Tag,
)


class PartnerInline(SuperuserOnly, admin.TabularInline):
    model = ProjectPartner
    extra = 0
    raw_id_fields = ["organisation"]


class LinkInline(SuperuserOnly, admin.TabularInline):
    model = ProjectLink
    extra = 0


class DocumentInline(SuperuserOnly, admin.TabularInline):
    model = ProjectDocument
    extra = 0


class ReportInline(SuperuserOnly, admin.TabularInline):
    model = ProjectReport
    extra = 0


class StatusChangeInline(SuperuserOnly, admin.TabularInline):
    model = ProjectStatusChange
    extra = 0
    raw_id_fields = ["changed_by"]


@admin.register(Project)
class ProjectAdmin(SuperuserOnly, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["__str__", "municipality", "status", "role", "programme", "is_public"]
    list_filter = ["municipality", "status", "role", "is_public", "programme"]
    list_select_related = ["municipality", "programme"]
    search_fields = ["title_sv", "title_en", "acronym_sv", "acronym_en", "call_identifier"]
    raw_id_fields = ["unit"]
    filter_horizontal = ["other_units", "goals", "tags"]
    inlines = [PartnerInline, LinkInline, DocumentInline, ReportInline, StatusChangeInline]


@admin.register(ProjectPartner)
class ProjectPartnerAdmin(SuperuserOnly, SimpleHistoryAdmin):
    list_display = ["project", "organisation", "role"]
    list_select_related = ["project", "organisation"]
    raw_id_fields = ["project", "organisation"]
    search_fields = ["project__title_sv", "organisation__name"]


@admin.register(ProjectStatusChange)
class ProjectStatusChangeAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["project", "status", "date", "changed_by"]
    list_select_related = ["project", "changed_by"]
    raw_id_fields = ["project", "changed_by"]
    date_hierarchy = "date"


@admin.register(ProjectLink)
class ProjectLinkAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["title", "url", "project"]
    list_select_related = ["project"]
    raw_id_fields = ["project"]


@admin.register(ProjectDocument)
class ProjectDocumentAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["title", "project", "is_public", "uploaded_at"]
    list_select_related = ["project"]
    raw_id_fields = ["project"]


@admin.register(FunderProgramme)
class FunderProgrammeAdmin(SuperuserOnly, TranslationAdmin):
    list_display = ["name", "is_eu", "website"]
    list_filter = ["is_eu"]
    search_fields = ["name_sv", "name_en"]


@admin.register(SustainableDevelopmentGoal)
class SustainableDevelopmentGoalAdmin(SuperuserOnly, TranslationAdmin):
    list_display = ["number", "name"]


@admin.register(Tag)
class TagAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
