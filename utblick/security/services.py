"""The security app's public surface: record security events, and the second factor.

Other apps call :func:`record_event` for exports, erasures and role changes; sign-ins are
recorded from Django's auth signals (receivers.py), the only hook Django offers for them.
"""

from __future__ import annotations

from django.conf import settings
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import AuditEvent

SSO_SESSION_KEY = "utblick_signed_in_with_sso"


def client_ip(request):
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record_event(*, kind, user=None, username="", municipality=None, request=None, **detail):
    """Append one event to the audit log of one municipality (None: seen by superusers only)."""
    if user is not None and not user.is_authenticated:
        user = None
    return AuditEvent.objects.create(
        kind=kind,
        user=user,
        username=(user.get_username() if user is not None else username)[:150],
        municipality=municipality,
        ip_address=client_ip(request),
        detail={k: str(v) for k, v in detail.items()},
    )


def record_user_event(*, kind, user=None, username="", request=None, **detail):
    """Append an event about a person (sign-ins, their second factor) that happened in no
    particular municipality: one copy for each municipality they are a member of now, so
    each coordinator sees their own members' events and never those from before the person
    joined or from another municipality. Unknown or role-less accounts: one unscoped event."""
    from utblick.tenancy.models import Membership, User

    if user is not None and not user.is_authenticated:
        user = None
    account = user
    if account is None and username:
        account = User.objects.filter(username=username).first()
    municipality_ids = (
        list(Membership.objects.filter(user=account).values_list("municipality_id", flat=True))
        if account is not None
        else []
    )
    values = {
        "kind": kind,
        "user": user,
        "username": (user.get_username() if user is not None else username)[:150],
        "ip_address": client_ip(request),
        "detail": {k: str(v) for k, v in detail.items()},
    }
    if not municipality_ids:
        return [AuditEvent.objects.create(**values)]
    return AuditEvent.objects.bulk_create(
        [AuditEvent(municipality_id=pk, **values) for pk in municipality_ids]
    )


def second_factor_required(request) -> bool:
    """Must this signed-in user still give a second factor before staff pages?

    Required when STAFF_SECOND_FACTOR is on (the production default), unless the user
    signed in through the municipality's identity provider, which does its own. Platform
    superusers give Utblick's second factor always: one municipality's provider must not be
    able to grant power over every municipality.
    """
    user = request.user
    if not settings.STAFF_SECOND_FACTOR or not user.is_authenticated:
        return False
    if request.session.get(SSO_SESSION_KEY) and not user.is_superuser:
        return False
    return not user.is_verified()


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_device(user):
    """The user's unconfirmed authenticator being set up (one at a time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Utblick", confirmed=False)
    return device


def verify_code(*, request, device, code) -> bool:
    """Check a TOTP code; on success mark the session verified (and confirm a new device)."""
    if not device.verify_token(code.strip().replace(" ", "")):
        record_user_event(
            kind=AuditEvent.Kind.SECOND_FACTOR_FAILED, user=request.user, request=request
        )
        return False
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record_user_event(
            kind=AuditEvent.Kind.SECOND_FACTOR_ADDED, user=request.user, request=request
        )
    otp_login(request, device)
    return True


def readable_secret(device) -> str:
    """The TOTP key in base32, in groups of four, for typing into an app by hand."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
