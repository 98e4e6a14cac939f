from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from utblick.core import public_cache
from utblick.security.services import second_factor_required

from . import permissions
from .models import County, Membership, Municipality, Unit, User


def superusers_only(request):
    """The Django admin is for platform superusers (with their second factor, where it is
    required); staff work in the staff interface."""
    return (
        request.user.is_active and request.user.is_superuser and not second_factor_required(request)
    )


admin.site.has_permission = superusers_only


class DropsPublicPages:
    """The admin writes past the services, which tell the public page cache what changed: a
    change here (rare, by a superuser) drops every cached public page."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        public_cache.invalidate()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        public_cache.invalidate()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        public_cache.invalidate()


class SuperuserOnly(DropsPublicPages):
    """Only platform superusers see and change these records in the admin."""

    def has_module_permission(self, request):
        return permissions.can_change_reference(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_change_reference(request.user)

    def has_add_permission(self, request, *args):
        return permissions.can_change_reference(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.can_change_reference(request.user)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_change_reference(request.user)


admin.site.site_header = "Utblick"


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["municipality"]
    raw_id_fields = ["unit"]


@admin.register(User)
class UtblickUserAdmin(UserAdmin):
    inlines = [MembershipInline]


@admin.register(County)
class CountyAdmin(DropsPublicPages, admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(DropsPublicPages, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["code", "name", "county", "is_active"]
    list_filter = ["is_active", "county"]
    search_fields = ["name", "code", "slug"]


@admin.register(Unit)
class UnitAdmin(DropsPublicPages, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "kind", "municipality"]
    list_filter = ["kind", "municipality"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "municipality", "role", "unit"]
    list_filter = ["role", "municipality"]
    raw_id_fields = ["user", "unit"]
