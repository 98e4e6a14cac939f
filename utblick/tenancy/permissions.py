"""The one place that decides who may do what.

Every staff view, download and form goes through these functions (usually via the
``staff_view`` decorator in ``utblick.tenancy.views``). The rules:

- A platform superuser may do everything everywhere.
- A coordinator may read and change everything in their municipality and manage its
  units and members.
- A unit representative reads everything internal in their municipality and creates and
  changes (and deletes) records that their own unit owns; taking part in a record owned by
  another unit (a project's other units) gives no right to change it.
- A reader (politicians, managers) reads internal data of their municipality.
- Anyone else sees only what is public, on the public site.

Shared reference data (networks, funding programmes) may be added by coordinators and
changed only by superusers; programme rules are the exception: facts from the official
programme guides that any coordinator maintains for everyone (MANAGE), with history.
Imports of shared reference data (EU open data, calls from the EU portal and Vinnova) are
for superusers (REFERENCE) or the operator's commands; coordinators propose corrections of
EU open-data organisations, which a superuser accepts or rejects.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from .models import Membership, Municipality, Role

VIEW = "view"
CREATE = "create"
MANAGE = "manage"
# Writing shared reference data (EU open data, imported calls): platform superusers only,
# whichever municipality's address they use; coordinators propose corrections instead.
REFERENCE = "reference"
ACTIONS = (VIEW, CREATE, MANAGE, REFERENCE)


def membership(user, municipality) -> Membership | None:
    """The user's membership in the municipality, cached on the user object per request."""
    if not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_utblick_memberships", {})
    if municipality.pk not in cache:
        cache[municipality.pk] = (
            Membership.objects.filter(user=user, municipality=municipality)
            .select_related("unit")
            .first()
        )
    return cache[municipality.pk]


def active_municipality(user, slug: str) -> Municipality | None:
    """The active municipality with this slug (None if there is none), with the user's
    membership in it read in the same query and kept for ``membership()``: a staff page
    needs both, and this is one query instead of two for a member."""
    if user.is_authenticated and not user.is_superuser:
        found = (
            Membership.objects.filter(
                user=user, municipality__slug=slug, municipality__is_active=True
            )
            .select_related("municipality", "unit")
            .first()
        )
        if found is not None:
            municipality = found.municipality
            user.__dict__.setdefault("_utblick_memberships", {})[municipality.pk] = found
            return municipality
    return Municipality.objects.filter(slug=slug, is_active=True).first()


def role(user, municipality) -> str | None:
    if user.is_authenticated and user.is_superuser:
        return Role.COORDINATOR
    found = membership(user, municipality)
    return found.role if found else None


def allows(user, action: str, municipality) -> bool:
    """May the user do ``action`` (view, create or manage) in the municipality?"""
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}")
    if action == REFERENCE:
        return can_change_reference(user)
    current = role(user, municipality)
    if current is None:
        return False
    if action == VIEW:
        return True
    if action == CREATE:
        return current in (Role.COORDINATOR, Role.UNIT_REPRESENTATIVE)
    return current == Role.COORDINATOR


def unit_of(user, municipality):
    """The unit a unit representative acts for, else None."""
    found = membership(user, municipality)
    if found and found.role == Role.UNIT_REPRESENTATIVE:
        return found.unit
    return None


def owning_unit_id(obj) -> int | None:
    """The unit a record belongs to (its ``unit``); child records belong to their parent's.

    Only the owning unit counts: units that merely take part (a project's other units, a
    network membership's representative units) read the record but do not change it."""
    parent = getattr(obj, "permission_parent", None)
    if parent is not None:
        return owning_unit_id(parent)
    return getattr(obj, "unit_id", None)


def municipality_of(obj):
    parent = getattr(obj, "permission_parent", None)
    if parent is not None:
        return municipality_of(parent)
    return obj.municipality


def can_change(user, obj) -> bool:
    """May the user change (or delete) this record of a municipality?"""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    municipality = municipality_of(obj)
    current = role(user, municipality)
    if current == Role.COORDINATOR:
        return True
    if current == Role.UNIT_REPRESENTATIVE:
        unit = unit_of(user, municipality)
        return unit is not None and unit.pk == owning_unit_id(obj)
    return False


def can_manage_member(actor, membership) -> bool:
    """May the actor change the role of, remove, or reset the second factor of this member?

    The municipality's coordinators may, except for platform superusers' memberships, which
    only superusers manage (a coordinator must not be able to weaken a superuser's account).
    """
    if not allows(actor, MANAGE, membership.municipality):
        return False
    return actor.is_superuser or not membership.user.is_superuser


def can_see_subscribers(user, municipality) -> bool:
    """Newsletter subscribers' e-mail addresses are personal data: only those who manage
    the subscribers (coordinators) see them, also in delivery problems."""
    return allows(user, MANAGE, municipality)


def can_change_reference(user) -> bool:
    """Shared reference data is changed by superusers only."""
    return user.is_authenticated and user.is_superuser


def require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied
