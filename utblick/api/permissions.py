"""The API's permission class: every decision goes through utblick.tenancy.permissions."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from utblick.tenancy import permissions


class UtblickPermission(BasePermission):
    """Anyone reads (the views only serve public data); writes need a signed-in user, and
    each record's change goes through ``permissions.can_change`` (creation through
    ``permissions.allows(user, CREATE, municipality)`` in the serializer)."""

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or bool(
            request.user and request.user.is_authenticated
        )

    def has_object_permission(self, request, view, obj):
        return request.method in SAFE_METHODS or permissions.can_change(request.user, obj)
