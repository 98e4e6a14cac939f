"""Django admin for the collaboration group: platform superusers only (coordinators use the
staff pages)."""

from django.contrib import admin

from utblick.tenancy.admin import SuperuserOnly

from .models import GroupMember, Meeting


@admin.register(GroupMember)
class GroupMemberAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["name", "unit", "municipality", "email"]


@admin.register(Meeting)
class MeetingAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ["__str__", "municipality", "place"]
