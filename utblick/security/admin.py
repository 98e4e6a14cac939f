from django.contrib import admin

from .models import AuditEvent, ExternalIdentity


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only, for superusers too: the log is evidence."""

    list_display = ["at", "kind", "username", "municipality", "ip_address"]
    list_filter = ["kind", "municipality"]
    search_fields = ["username"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    """Superusers can see and remove bindings (removing one lets the next sign-in bind anew
    by verified e-mail address); bindings are made by signing in only."""

    list_display = ["user", "issuer", "subject", "linked_at"]
    search_fields = ["user__username", "subject"]
    readonly_fields = ["user", "issuer", "subject", "linked_at"]

    def has_add_permission(self, request):
        return False
