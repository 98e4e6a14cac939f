"""Django admin for the documents app: platform superusers only (staff use the staff pages)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from utblick.tenancy.admin import SuperuserOnly

from .models import DocumentFile, DocumentSettings, GoverningDocument


class DocumentFileInline(SuperuserOnly, admin.TabularInline):
    model = DocumentFile
    extra = 0


@admin.register(GoverningDocument)
class GoverningDocumentAdmin(SuperuserOnly, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "doc_type", "registration_number", "status", "municipality"]
    list_filter = ["doc_type", "status", "municipality"]
    search_fields = ["title", "registration_number"]
    inlines = [DocumentFileInline]


@admin.register(DocumentSettings)
class DocumentSettingsAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["municipality", "registration_pattern", "reminder_days"]
