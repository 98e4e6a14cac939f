from .models import AuditEvent


def audit_events(*, municipality):
    """Events that happened in the municipality: its exports and role changes, and its
    members' sign-ins recorded there while they were members (services.record_user_event)."""
    return AuditEvent.objects.filter(municipality=municipality).select_related("municipality")
