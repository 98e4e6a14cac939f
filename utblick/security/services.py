"""The security app's public surface: record security events, and the second factor.

Other apps call :func:`record_event` for exports, erasures and role changes; sign-ins are
recorded from Django's auth signals (receivers.py), the only hook Django offers for them.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from ipware import get_client_ip

from .models import AuditEvent, EnrolmentLink

SSO_SESSION_KEY = "utblick_signed_in_with_sso"
ENROLMENT_SESSION_KEY = "utblick_enrolment_link"
RECOVERY_CODES_SESSION_KEY = "utblick_new_recovery_codes"
RECOVERY_CODE_COUNT = 10


def client_ip(request) -> str | None:
    """The client's address, for sign-in lockouts (django-axes), throttles and the audit log.

    Behind TRUSTED_PROXY_COUNT reverse proxies, each of which appends the address it got the
    request from to X-Forwarded-For, the full chain is X-Forwarded-For plus REMOTE_ADDR and
    the client is the entry just before the trusted proxies; anything further left was
    written by the client and is ignored. Without trusted proxies (the default) the header
    is ignored altogether: trusting it would let anyone choose their address.
    """
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").strip()
    if count <= 0 or not forwarded or remote is None:
        return remote
    chain = SimpleNamespace(META={"HTTP_X_FORWARDED_FOR": f"{forwarded}, {remote}"})
    ip, _routable = get_client_ip(
        chain,
        proxy_order="left-most",
        proxy_count=count,
        request_header_order=("HTTP_X_FORWARDED_FOR",),
        strict=False,
    )
    # Fewer hops than configured: the request did not come through the proxies.
    return ip or remote


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
    if user is not None and not user.is_authenticated:
        user = None
    account = user
    if account is None and username:
        account = get_user_model().objects.filter(username=username).first()
    municipality_ids = (
        list(account.memberships.values_list("municipality_id", flat=True))
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
    """Check a TOTP code, or a recovery code at sign-in; on success mark the session verified.

    A new device is confirmed only with the TOTP code; confirming it uses up the enrolment
    link and creates fresh recovery codes, kept in the session to be shown once.
    """
    code = code.strip().replace(" ", "").replace("-", "")
    user = request.user
    if device.verify_token(code):
        if not device.confirmed:
            _confirm_new_device(request=request, device=device)
        otp_login(request, device)
        return True
    if device.confirmed:
        for recovery in StaticDevice.objects.devices_for_user(user, confirmed=True):
            if recovery.verify_token(code.lower()):
                record_user_event(
                    kind=AuditEvent.Kind.RECOVERY_CODE_USED,
                    user=user,
                    request=request,
                    left=recovery.token_set.count(),
                )
                otp_login(request, recovery)
                return True
    record_user_event(kind=AuditEvent.Kind.SECOND_FACTOR_FAILED, user=user, request=request)
    return False


@transaction.atomic
def _confirm_new_device(*, request, device):
    user = request.user
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    EnrolmentLink.objects.filter(user=user, used_at=None).update(used_at=timezone.now())
    request.session.pop(ENROLMENT_SESSION_KEY, None)
    request.session[RECOVERY_CODES_SESSION_KEY] = new_recovery_codes(user=user)
    record_user_event(kind=AuditEvent.Kind.SECOND_FACTOR_ADDED, user=user, request=request)


@transaction.atomic
def new_recovery_codes(*, user) -> list[str]:
    """Replace the user's recovery codes with fresh single-use ones; returns them once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Återställningskoder", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue_enrolment_link(*, user, issued_by=None, municipality=None, request=None) -> str:
    """A new one-time enrolment token for ``user`` (earlier unused ones stop working)."""
    now = timezone.now()
    EnrolmentLink.objects.filter(user=user, used_at=None).update(used_at=now)
    token = secrets.token_urlsafe(32)
    EnrolmentLink.objects.create(
        user=user,
        token_hash=_token_hash(token),
        issued_by=issued_by if issued_by is not None and issued_by.is_authenticated else None,
        expires_at=now + timedelta(hours=settings.ENROLMENT_LINK_HOURS),
    )
    record_event(
        kind=AuditEvent.Kind.ENROLMENT_LINK,
        user=issued_by,
        municipality=municipality,
        request=request,
        member=user.get_username(),
    )
    return token


def issue_enrolment_link_for_invited(*, invitation, issued_by, request=None) -> str:
    """A link for an invited person. An account that already has an authenticator, or a
    superuser's, gets no working link (the token is made up and not stored), so that
    the coordinator learns nothing about accounts that existed before the invitation."""
    user = invitation.user
    if user.is_superuser or confirmed_device(user) is not None:
        record_event(
            kind=AuditEvent.Kind.ENROLMENT_LINK,
            user=issued_by,
            municipality=invitation.municipality,
            request=request,
            member=invitation.username,
        )
        return secrets.token_urlsafe(32)
    return issue_enrolment_link(
        user=user, issued_by=issued_by, municipality=invitation.municipality, request=request
    )


def valid_enrolment_link(*, user, token: str) -> EnrolmentLink | None:
    return EnrolmentLink.objects.filter(
        user=user, token_hash=_token_hash(token), used_at=None, expires_at__gt=timezone.now()
    ).first()


def may_enrol(request) -> bool:
    """May the signed-in user add an authenticator now? With a valid enrolment link opened
    in this session, or after signing in through the municipality's identity provider."""
    if request.session.get(SSO_SESSION_KEY):
        return True
    link_id = request.session.get(ENROLMENT_SESSION_KEY)
    return (
        link_id is not None
        and EnrolmentLink.objects.filter(
            pk=link_id, user=request.user, used_at=None, expires_at__gt=timezone.now()
        ).exists()
    )


@transaction.atomic
def reset_second_factor(*, user, actor, municipality=None, request=None) -> None:
    """Remove the user's authenticator and recovery codes; they enrol again with a link."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    EnrolmentLink.objects.filter(user=user, used_at=None).update(used_at=timezone.now())
    record_event(
        kind=AuditEvent.Kind.SECOND_FACTOR_RESET,
        user=actor,
        municipality=municipality,
        request=request,
        member=user.get_username(),
    )


def readable_secret(device) -> str:
    """The TOTP key in base32, in groups of four, for typing into an app by hand."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
