"""Django admin for platform superusers (staff work in the staff interface)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from utblick.tenancy.admin import SuperuserOnly

from .models import (
    ContactPerson,
    Network,
    NetworkMembership,
    Organisation,
    Partnership,
    PartnershipActivity,
)


class ContactPersonInline(SuperuserOnly, admin.TabularInline):
    model = ContactPerson
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(SuperuserOnly, SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "city", "municipality"]
    list_filter = ["municipality", "kind", "country"]
    search_fields = ["name", "city", "pic"]
    list_select_related = ["municipality"]
    raw_id_fields = ["unit"]
    inlines = [ContactPersonInline]


@admin.register(ContactPerson)
class ContactPersonAdmin(SuperuserOnly, SimpleHistoryAdmin):
    list_display = ["name", "organisation", "legal_basis", "review_date"]
    list_filter = ["legal_basis", "organisation__municipality"]
    search_fields = ["name", "email", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    date_hierarchy = "review_date"


class PartnershipActivityInline(SuperuserOnly, admin.TabularInline):
    model = PartnershipActivity
    extra = 0
    fields = ["date", "text", "author"]
    raw_id_fields = ["author"]


@admin.register(Partnership)
class PartnershipAdmin(SuperuserOnly, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["partner", "kind", "status", "since", "is_public", "municipality"]
    list_filter = ["municipality", "kind", "status", "is_public"]
    search_fields = ["partner__name"]
    list_select_related = ["partner", "municipality"]
    autocomplete_fields = ["partner"]
    raw_id_fields = ["unit"]
    inlines = [PartnershipActivityInline]


@admin.register(PartnershipActivity)
class PartnershipActivityAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["date", "partnership", "author"]
    list_filter = ["partnership__municipality"]
    search_fields = ["text", "partnership__partner__name"]
    list_select_related = ["partnership__partner", "author"]
    raw_id_fields = ["partnership", "author"]


@admin.register(Network)
class NetworkAdmin(SuperuserOnly, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "acronym", "website"]
    search_fields = ["name", "acronym"]


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(SuperuserOnly, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["network", "municipality", "member_since", "member_until", "is_public"]
    list_filter = ["municipality", "is_public"]
    search_fields = ["network__name", "network__acronym"]
    list_select_related = ["network", "municipality"]
    autocomplete_fields = ["network"]
    raw_id_fields = ["unit"]
    filter_horizontal = ["representative_units"]
