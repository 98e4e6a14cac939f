"""Sign-in events for the audit log. Django reports them only as signals."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import AuditEvent
from .services import record_user_event


@receiver(user_logged_in, dispatch_uid="utblick_audit_sign_in")
def _signed_in(sender, request, user, **kwargs):
    record_user_event(
        kind=AuditEvent.Kind.SIGN_IN,
        user=user,
        request=request,
        method=getattr(user, "backend", "").rsplit(".", 1)[-1],
    )


@receiver(user_logged_out, dispatch_uid="utblick_audit_sign_out")
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record_user_event(kind=AuditEvent.Kind.SIGN_OUT, user=user, request=request)


@receiver(user_login_failed, dispatch_uid="utblick_audit_sign_in_failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    record_user_event(
        kind=AuditEvent.Kind.SIGN_IN_FAILED,
        username=str(credentials.get("username", "")),
        request=request,
    )
