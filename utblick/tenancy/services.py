"""Public surface of the tenancy app: setting up municipalities, units and memberships.

Entities: municipalities (activation), units, memberships (users with their role). Rules: a
membership is in the municipality it is saved for, only a unit representative keeps a unit,
every new or changed role goes to the audit log, a new member's account has no usable
password until one is set (or single sign-on is used). The field rules are still the forms'.
"""

from django.db import transaction
from django.utils import timezone

from utblick.security.models import AuditEvent
from utblick.security.services import record_event

from .models import Membership, Municipality, Role, Unit, User


@transaction.atomic
def activate_municipality(*, municipality: Municipality, **details) -> Municipality:
    """Make a municipality active on this installation, with its contact details."""
    for field, value in details.items():
        setattr(municipality, field, value)
    if not municipality.is_active:
        municipality.is_active = True
        municipality.activated_at = timezone.now()
    municipality.save()
    return municipality


def save_unit(*, form, municipality: Municipality) -> Unit:
    unit = form.save(commit=False)
    unit.municipality = municipality
    unit.save()
    return unit


@transaction.atomic
def save_membership(*, form, municipality: Municipality, actor=None) -> Membership:
    """Create or update a member; a new member gets a user account (unusable password until
    the coordinator or superuser sets one or single sign-on is configured). A new or changed
    role goes to the audit log."""
    membership = form.save(commit=False)
    previous_role = (
        Membership.objects.filter(pk=membership.pk).values_list("role", flat=True).first()
        if membership.pk
        else None
    )
    if membership.user_id is None:
        user = User.objects.filter(username=form.cleaned_data["username"]).first()
        if user is None:
            user = User(
                username=form.cleaned_data["username"],
                first_name=form.cleaned_data.get("first_name", ""),
                last_name=form.cleaned_data.get("last_name", ""),
                email=form.cleaned_data.get("email", ""),
            )
            if form.cleaned_data.get("password"):
                user.set_password(form.cleaned_data["password"])
            else:
                user.set_unusable_password()
            user.save()
        membership.user = user
    membership.municipality = municipality
    if membership.role != Role.UNIT_REPRESENTATIVE:
        membership.unit = None
    membership.save()
    if membership.role != previous_role:
        record_event(
            kind=AuditEvent.Kind.ROLE_CHANGE,
            user=actor,
            municipality=municipality,
            member=membership.user.get_username(),
            old_role=previous_role or "",
            new_role=membership.role,
            unit=membership.unit or "",
        )
    return membership


def active_municipalities():
    return Municipality.objects.filter(is_active=True).order_by("name")
