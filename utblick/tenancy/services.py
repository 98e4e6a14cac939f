"""Public surface of the tenancy app: setting up municipalities, units and memberships.

Entities: municipalities (activation), units, memberships (users with their role). Rules: a
membership is in the municipality it is saved for, only a unit representative keeps a unit,
every new or changed role goes to the audit log, a new member's account has no usable
password until one is set (or single sign-on is used). The field rules are still the forms'.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from utblick.core import public_cache
from utblick.security.models import AuditEvent
from utblick.security.services import record_event

from .models import Invitation, Membership, Municipality, Role, Unit, User


@transaction.atomic
def activate_municipality(*, municipality: Municipality, **details) -> Municipality:
    """Make a municipality active on this installation, with its contact details."""
    for field, value in details.items():
        setattr(municipality, field, value)
    if not municipality.is_active:
        municipality.is_active = True
        municipality.activated_at = timezone.now()
    municipality.save()
    public_cache.invalidate(municipality.slug)
    return municipality


@transaction.atomic
def save_municipality_details(*, form) -> Municipality:
    """Save the municipality's details (the staff form): its public pages show them."""
    municipality = form.save()
    public_cache.invalidate(municipality.slug)
    return municipality


def save_unit(*, form, municipality: Municipality) -> Unit:
    unit = form.save(commit=False)
    unit.municipality = municipality
    unit.save()
    public_cache.invalidate(municipality.slug)
    return unit


@transaction.atomic
def invite_member(*, form, municipality: Municipality, actor=None) -> Invitation:
    """Offer a person a role in the municipality; it takes effect when they accept.

    A user name nobody has yet gets a new account (unusable password unless the coordinator
    gives one, e.g. for single sign-on). A user name that exists is invited just the same,
    and the coordinator is told nothing about that account: not its name, not its other
    municipalities, not its events (their answer is the same either way).
    """
    data = form.cleaned_data
    username = data["username"]
    display_name = " ".join(filter(None, [data.get("first_name"), data.get("last_name")]))
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            email=data.get("email", ""),
        )
        if data.get("password"):
            user.set_password(data["password"])
        else:
            user.set_unusable_password()
        user.save()
    role = data["role"]
    unit = data.get("unit") if role == Role.UNIT_REPRESENTATIVE else None
    invitation, _created = Invitation.objects.update_or_create(
        user=user,
        municipality=municipality,
        defaults={
            "role": role,
            "unit": unit,
            "username": username,
            "display_name": display_name,
            "invited_by": actor,
        },
    )
    record_event(
        kind=AuditEvent.Kind.MEMBER_INVITED,
        user=actor,
        municipality=municipality,
        member=username,
        role=role,
        unit=unit or "",
    )
    return invitation


@transaction.atomic
def change_role(*, form, municipality: Municipality, actor=None) -> Membership:
    """Change a member's role (and unit); the change goes to the audit log."""
    membership = form.save(commit=False)
    previous_role = Membership.objects.filter(pk=membership.pk).values_list("role", flat=True)[0]
    if membership.role != Role.UNIT_REPRESENTATIVE:
        membership.unit = None
    membership.save()
    if membership.role != previous_role:
        record_event(
            kind=AuditEvent.Kind.ROLE_CHANGE,
            user=actor,
            municipality=municipality,
            member=membership.user.get_username(),
            old_role=previous_role,
            new_role=membership.role,
            unit=membership.unit or "",
        )
    return membership


# Page views closer together than this are one visit: a reload or a return from another
# page keeps showing what was new when the visit began.
VISIT_GAP = datetime.timedelta(hours=1)
# Within a visit, the visit's last view is written at most this often (no write per view).
VISIT_TOUCH = datetime.timedelta(minutes=5)


def record_visit(*, membership: Membership, now) -> None:
    """Note that the member opened the start page at ``now``. A view more than
    ``VISIT_GAP`` after the last one starts a new visit, and the visit before becomes the
    previous one (what is "new since your last visit" is measured from it); a view within
    the visit only keeps it alive. One UPDATE at most (atomic by itself: no transaction to
    open on the views that write nothing), without signals: a visit changes no page anyone
    else sees."""
    last = membership.last_visit_at
    if last is not None and now - last < VISIT_TOUCH:
        return
    if last is None or now - last >= VISIT_GAP:
        membership.previous_visit_at = last
    membership.last_visit_at = now
    Membership.objects.filter(pk=membership.pk).update(
        previous_visit_at=membership.previous_visit_at, last_visit_at=now
    )


@transaction.atomic
def remove_member(*, membership: Membership, actor) -> None:
    """Take away a person's role in the municipality (the account stays)."""
    municipality = membership.municipality
    member = membership.user
    membership.delete()
    # Their calendar addresses die with the role: funding.selectors.feed_token_is_live.
    record_event(
        kind=AuditEvent.Kind.MEMBER_REMOVED,
        user=actor,
        municipality=municipality,
        member=member.get_username(),
        old_role=membership.role,
    )


@transaction.atomic
def withdraw_invitation(*, invitation: Invitation, actor) -> None:
    invitation.delete()
    record_event(
        kind=AuditEvent.Kind.MEMBER_REMOVED,
        user=actor,
        municipality=invitation.municipality,
        member=invitation.username,
        invitation=_("withdrawn"),
    )


@transaction.atomic
def answer_invitation(*, invitation: Invitation, accept: bool) -> Membership | None:
    """The invited person accepts (they become a member) or declines."""
    user = invitation.user
    municipality = invitation.municipality
    invitation.delete()
    if not accept:
        record_event(kind=AuditEvent.Kind.INVITATION_DECLINED, user=user, municipality=municipality)
        return None
    membership, _created = Membership.objects.get_or_create(
        user=user,
        municipality=municipality,
        defaults={"role": invitation.role, "unit": invitation.unit},
    )
    record_event(
        kind=AuditEvent.Kind.ROLE_CHANGE,
        user=user,
        municipality=municipality,
        member=user.get_username(),
        old_role="",
        new_role=membership.role,
        unit=membership.unit or "",
        invited_by=invitation.invited_by.get_username() if invitation.invited_by else "",
    )
    return membership


def active_municipalities():
    return Municipality.objects.filter(is_active=True).order_by("name")
