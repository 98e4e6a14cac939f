"""Public surface of the tenancy app: setting up municipalities, units and memberships.

Entities: municipalities (activation, their details), units, memberships (users with their
role). ``activate_municipality``, ``save_municipality_details`` and ``save_unit`` are the one
way municipalities' details and units are written (the staff forms, the demo, the set-up
command); they take plain keyword data and enforce:

- a municipality's pattern for registration numbers is one RE2 can use;
- a unit has a name in Swedish that no other unit of its municipality has (in any case),
  and one of the kinds; it stays in its municipality.

Broken rules raise ``ValidationError`` keyed by field; the database refuses a unit without a
Swedish name, of an unknown kind or named like another of its municipality too.

Memberships and invitations are written by ``invite_member``, ``change_role`` and
``add_member`` (and ``answer_invitation``, ``remove_member``), also from plain keyword data:

- a role is one of the roles; a unit representative belongs to one of the municipality's own
  units, and nobody else to a unit;
- an account (``ensure_account``, and an invitation's new one) has a user name, a valid
  e-mail address and a password the password rules accept (when given); an invitation names
  nobody who has a role there already;
- every new or changed role goes to the audit log; a new member's account has no usable
  password until one is set (or single sign-on is used).

The database refuses an unknown role, a unit representative without a unit and a unit for
another role too.
"""

import datetime

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from utblick.core import public_cache
from utblick.core.names import name_taken
from utblick.core.patterns import validate_pattern
from utblick.core.refusals import Refusals, reject_unknown_fields
from utblick.security.models import AuditEvent
from utblick.security.services import record_event

from .models import Invitation, Membership, Municipality, Role, Unit, User

# The details a municipality's staff keep (the staff form's fields), shown on its public pages.
MUNICIPALITY_DETAIL_FIELDS = frozenset(
    {"address", "postal_address", "phone", "email", "website", "content_reviewed_on"}
    | {"opening_hours_sv", "opening_hours_en", "intro_sv", "intro_en"}
    | {"contact_text_sv", "contact_text_en", "diarienummer_pattern"}
    | {"accessibility_known_issues_sv", "accessibility_known_issues_en"}
    | {"accessibility_assessed_on", "accessibility_statement_reviewed_on"}
    | {"accessibility_contact_email"}
)
UNIT_FIELDS = frozenset({"name_sv", "name_en", "kind"})
UNKNOWN_ROLE = _("Choose a role: international coordinator, unit representative or reader.")


def _assign(record, fields: dict) -> None:
    """Set ``fields`` on ``record``, strings stripped as a form does."""
    for name, value in fields.items():
        setattr(record, name, value.strip() if isinstance(value, str) else value)


def municipality_errors(*, values: dict) -> dict:
    """The broken rules of a municipality's details with these ``values``, as
    {field: [message]}: a pattern for registration numbers must be one RE2 can use."""
    refusals = Refusals()
    pattern = values.get("diarienummer_pattern")
    if pattern:
        try:
            validate_pattern(pattern)
        except ValidationError as error:
            for message in error.messages:
                refusals.refuse("diarienummer_pattern", message)
    return refusals.as_dict()


def _save_details(municipality: Municipality, details: dict, *, activate: bool) -> Municipality:
    _assign(municipality, details)
    # Only the details given are judged: a stored pattern from before the RE2 check does not
    # block an activation (the staff form, which gives every detail, asks for a usable one).
    errors = municipality_errors(values={name: getattr(municipality, name) for name in details})
    if errors:
        raise ValidationError(errors)
    if activate and not municipality.is_active:
        municipality.is_active = True
        municipality.activated_at = timezone.now()
    municipality.save()
    public_cache.invalidate(municipality.slug)
    return municipality


@transaction.atomic
def activate_municipality(*, municipality: Municipality, **details) -> Municipality:
    """Make a municipality active on this installation, with the contact ``details`` given
    (``MUNICIPALITY_DETAIL_FIELDS``; the others stay)."""
    reject_unknown_fields("activate_municipality", details, MUNICIPALITY_DETAIL_FIELDS)
    return _save_details(municipality, details, activate=True)


@transaction.atomic
def save_municipality_details(*, municipality: Municipality, **details) -> Municipality:
    """Change the municipality's details (``MUNICIPALITY_DETAIL_FIELDS``; the ones not given
    stay): its public pages show them."""
    reject_unknown_fields("save_municipality_details", details, MUNICIPALITY_DETAIL_FIELDS)
    return _save_details(municipality, details, activate=False)


def unit_errors(*, municipality: Municipality, values: dict, unit: Unit | None = None) -> dict:
    """The broken rules of a unit of ``municipality`` with these ``values``, as
    {field: [message]}: a name in Swedish that no other unit of the municipality has (in any
    case), and one of the kinds."""
    refusals = Refusals()
    name = (values.get("name_sv") or "").strip()
    if not name:
        refusals.refuse("name_sv", _("This field is required."))
    elif name_taken(Unit.objects.filter(municipality=municipality), "name_sv", name, record=unit):
        refusals.refuse("name_sv", _("There is already a unit with this name."))
    kind = values.get("kind")
    if not kind:
        refusals.refuse("kind", _("This field is required."))
    elif kind not in Unit.Kind.values:
        refusals.refuse("kind", _("Choose a department, an office or a municipal company."))
    return refusals.as_dict()


@transaction.atomic
def save_unit(*, municipality: Municipality, unit: Unit | None = None, **fields) -> Unit:
    """Create a unit of ``municipality`` (``unit`` None) or change ``unit``: the ``fields``
    given (``UNIT_FIELDS``) are set, the others stay. Raises ``ValidationError`` per field."""
    reject_unknown_fields("save_unit", fields, UNIT_FIELDS)
    if unit is not None and unit.pk and unit.municipality_id != municipality.pk:
        raise ValidationError({"municipality": _("A unit cannot move to another municipality.")})
    unit = unit or Unit(municipality=municipality)
    _assign(unit, fields)
    errors = unit_errors(
        municipality=municipality,
        values={name: getattr(unit, name) for name in UNIT_FIELDS},
        unit=unit,
    )
    if errors:
        raise ValidationError(errors)
    unit.save()
    # The municipality's cached pages list its units (the project lists' filter, say).
    public_cache.invalidate(municipality.slug)
    return unit


def _role_refusals(*, municipality: Municipality, values: dict, refusals: Refusals) -> None:
    role, unit = values.get("role"), values.get("unit")
    if not role:
        refusals.refuse("role", _("This field is required."))
    elif role not in Role.values:
        refusals.refuse("role", UNKNOWN_ROLE)
    if unit is not None and unit.municipality_id != municipality.pk:
        refusals.refuse("unit", _("Choose one of the municipality's own units."))
    elif role == Role.UNIT_REPRESENTATIVE and unit is None:
        refusals.refuse("unit", _("A unit representative must belong to a unit."))
    elif role in Role.values and role != Role.UNIT_REPRESENTATIVE and unit is not None:
        refusals.refuse("unit", _("Only a unit representative belongs to a unit."))


def _validator_refusals(refusals: Refusals, field: str, validate, value) -> None:
    """Refuse ``field`` with the messages of a Django validator (translated by Django)."""
    try:
        validate(value)
    except ValidationError as error:
        for message in error.messages:
            refusals.refuse(field, message)


def member_errors(*, municipality: Municipality, values: dict) -> dict:
    """The broken rules of a role in ``municipality`` with these ``values`` (``role``,
    ``unit``), as {field: [message]}: one of the roles; a unit representative belongs to one
    of the municipality's units, and nobody else to a unit."""
    refusals = Refusals()
    _role_refusals(municipality=municipality, values=values, refusals=refusals)
    return refusals.as_dict()


def _account_refusals(*, values: dict, refusals: Refusals) -> None:
    if not (values.get("username") or "").strip():
        refusals.refuse("username", _("This field is required."))
    for name in ("username", "first_name", "last_name"):
        limit = MaxLengthValidator(User._meta.get_field(name).max_length)
        _validator_refusals(refusals, name, limit, (values.get(name) or "").strip())
    email = (values.get("email") or "").strip()
    if email:
        _validator_refusals(refusals, "email", validate_email, email)
    if values.get("password"):
        _validator_refusals(refusals, "password", validate_password, values["password"])


def account_errors(*, values: dict) -> dict:
    """The broken rules of a person's account with these ``values``, as {field: [message]}:
    a user name, names that fit, a valid e-mail address and a password the password rules
    accept (both when given)."""
    refusals = Refusals()
    _account_refusals(values=values, refusals=refusals)
    return refusals.as_dict()


def invitation_errors(*, municipality: Municipality, values: dict) -> dict:
    """The broken rules of an invitation to ``municipality`` with these ``values``, as
    {field: [message]}: the rules of an account (``account_errors``) with a user name of
    nobody who has a role here already, and the rules of a role (``member_errors``).

    Whether the user name belongs to an account elsewhere is never judged: the answer must be
    the same either way (see ``invite_member``)."""
    refusals = Refusals()
    _account_refusals(values=values, refusals=refusals)
    username = (values.get("username") or "").strip()
    if "username" not in refusals and (
        Membership.objects.filter(municipality=municipality, user__username=username).exists()
    ):
        refusals.refuse("username", _("This person already has a role here."))
    _role_refusals(municipality=municipality, values=values, refusals=refusals)
    return refusals.as_dict()


def _account_values(username, first_name, last_name, email, password) -> dict:
    """Plain account data as the rules judge it and the account keeps it: strings stripped
    (a password is kept as typed)."""
    return {
        "username": username.strip(),
        "first_name": first_name.strip(),
        "last_name": last_name.strip(),
        "email": email.strip(),
        "password": password,
    }


def _account(values: dict) -> tuple[User, bool]:
    """The account with the user name of ``values`` (judged already), made if there is none:
    with ``values``' password, or an unusable one (single sign-on, or one set later)."""
    user = User.objects.filter(username=values["username"]).first()
    if user is not None:
        return user, False
    user = User(
        username=values["username"],
        first_name=values["first_name"],
        last_name=values["last_name"],
        email=values["email"],
    )
    if values["password"]:
        user.set_password(values["password"])
    else:
        user.set_unusable_password()
    user.save()
    return user, True


@transaction.atomic
def ensure_account(
    *,
    username: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    password: str = "",
) -> tuple[User, bool]:
    """The account with this user name as it is, or a new one with these details (no usable
    password unless one is given); the second value is True for a new account. Raises
    ``ValidationError`` per field (``account_errors``), for an existing name too."""
    values = _account_values(username, first_name, last_name, email, password)
    errors = account_errors(values=values)
    if errors:
        raise ValidationError(errors)
    return _account(values)


@transaction.atomic
def invite_member(
    *,
    municipality: Municipality,
    username: str,
    role: str,
    unit: Unit | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    password: str = "",
    actor=None,
) -> Invitation:
    """Offer a person ``role`` (and ``unit``, for a unit representative) in the
    municipality; it takes effect when they accept. Raises ``ValidationError`` per field
    (``invitation_errors``).

    A user name nobody has yet gets a new account (unusable password unless the coordinator
    gives one, e.g. for single sign-on). A user name that exists is invited just the same,
    and the coordinator is told nothing about that account: not its name, not its other
    municipalities, not its events (their answer is the same either way).
    """
    values = _account_values(username, first_name, last_name, email, password)
    values |= {"role": role, "unit": unit}
    errors = invitation_errors(municipality=municipality, values=values)
    if errors:
        raise ValidationError(errors)
    username = values["username"]
    display_name = " ".join(filter(None, [values["first_name"], values["last_name"]]))
    user, _created = _account(values)
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
def change_role(*, membership: Membership, role: str, unit: Unit | None = None, actor=None):
    """Give a member ``role`` (and ``unit``, for a unit representative) instead of the one
    they have; a changed role goes to the audit log. Raises ``ValidationError`` per field
    (``member_errors``)."""
    errors = member_errors(
        municipality=membership.municipality, values={"role": role, "unit": unit}
    )
    if errors:
        raise ValidationError(errors)
    # Compared with the stored row: a form may already have set the new role on ``membership``.
    previous_role = Membership.objects.values_list("role", flat=True).get(pk=membership.pk)
    membership.role, membership.unit = role, unit
    membership.save()
    if role != previous_role:
        record_event(
            kind=AuditEvent.Kind.ROLE_CHANGE,
            user=actor,
            municipality=membership.municipality,
            member=membership.user.get_username(),
            old_role=previous_role,
            new_role=role,
            unit=unit or "",
        )
    return membership


@transaction.atomic
def add_member(
    *, municipality: Municipality, user: User, role: str, unit: Unit | None = None, actor=None
) -> Membership:
    """Give ``user`` ``role`` (and ``unit``, for a unit representative) in ``municipality``
    at once, without an invitation: for the operators' commands and the demo, which act for
    the installation (a coordinator invites instead). A person who has a role there already
    gets this one instead (``change_role``), so that a second run changes nothing. The new
    role goes to the audit log. Raises ``ValidationError`` per field (``member_errors``)."""
    membership = Membership.objects.filter(user=user, municipality=municipality).first()
    if membership is not None:
        return change_role(membership=membership, role=role, unit=unit, actor=actor)
    errors = member_errors(municipality=municipality, values={"role": role, "unit": unit})
    if errors:
        raise ValidationError(errors)
    membership = Membership.objects.create(
        user=user, municipality=municipality, role=role, unit=unit
    )
    # An invitation still open is answered: the person has a role here now.
    Invitation.objects.filter(user=user, municipality=municipality).delete()
    record_event(
        kind=AuditEvent.Kind.ROLE_CHANGE,
        user=actor,
        municipality=municipality,
        member=user.get_username(),
        old_role="",
        new_role=role,
        unit=unit or "",
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
