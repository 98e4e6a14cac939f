from django.db.models import Q

from .models import AuditEvent


def audit_events(*, municipality):
    """Events of the municipality: its own (exports, roles) and its members' sign-ins."""
    members = municipality.memberships.values("user_id")
    usernames = municipality.memberships.values("user__username")
    return (
        AuditEvent.objects.filter(
            Q(municipality=municipality)
            | Q(user__in=members)
            | Q(user=None, kind=AuditEvent.Kind.SIGN_IN_FAILED, username__in=usernames)
        )
        .select_related("municipality")
        .distinct()
    )
