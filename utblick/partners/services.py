"""Writes of the partners app: organisations, contacts, partnerships, activities, networks.

``save_organisation``, ``save_partnership`` and ``save_membership`` are the one way these
records are created or changed (the staff forms); they take plain keyword data and enforce:

- the record stays in its municipality; its responsible unit (and a membership's
  representative units, a partnership's partner) belong to that municipality;
- a unit representative's new record belongs to their unit, and only a coordinator moves it;
- organisations: a name, a PIC of nine digits, no second organisation with the same name in
  the same country in the municipality;
- partnerships and memberships: a committee decision names the committee, the registration
  number matches the municipality's diarienummer pattern;
- memberships: one per network and municipality, the fee is not negative, the membership
  does not end before it began.

``save_network`` writes the shared list of networks (the staff form, the demo): a network
has a name that no other network has, in any case.

Broken rules raise ``ValidationError`` keyed by field; the database refuses a second
organisation name per country, a second membership of a network, a negative fee, an end
before the start, a network without a name and a second network of the same name too. An
organisation in use is not deleted.
"""

import re

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from utblick.core import public_cache
from utblick.core.models import DecisionBody
from utblick.core.names import name_taken
from utblick.core.patterns import fullmatches
from utblick.core.refusals import Refusals, reject_unknown_fields
from utblick.tenancy import permissions

from .models import (
    ContactPerson,
    Network,
    NetworkMembership,
    Organisation,
    Partnership,
    PartnershipActivity,
)

DIARIENUMMER_EXAMPLE = "KS 2024/310"


def _scope_errors(*, municipality, values, refusals) -> None:
    unit = values.get("unit")
    if unit is not None and unit.municipality_id != municipality.pk:
        refusals.refuse("unit", _("Choose one of the municipality's own units."))
    units = values.get("representative_units") or ()
    if any(unit.municipality_id != municipality.pk for unit in units):
        refusals.refuse("representative_units", _("Choose one of the municipality's own units."))


def _decision_errors(*, municipality, values, refusals) -> None:
    if (
        values.get("decision_body") == DecisionBody.COMMITTEE
        and not (values.get("decision_committee") or "").strip()
    ):
        refusals.refuse("decision_committee", _("Name the committee that decided."))
    reference = values.get("decision_reference") or ""
    pattern = municipality.diarienummer_pattern
    if reference and pattern and not fullmatches(pattern, reference):
        if fullmatches(pattern, DIARIENUMMER_EXAMPLE):
            message = _(
                "The registration number does not have the expected form, e.g. %(example)s."
            ) % {"example": DIARIENUMMER_EXAMPLE}
        else:
            message = _(
                "The registration number does not have the expected form "
                "(the pattern is %(pattern)s)."
            ) % {"pattern": pattern}
        refusals.refuse("decision_reference", message)


def organisation_errors(*, municipality, values, record=None) -> dict:
    """The broken rules of an organisation with these ``values``, as {field: [message]}."""
    refusals = Refusals()
    _scope_errors(municipality=municipality, values=values, refusals=refusals)
    name, country = (values.get("name") or "").strip(), values.get("country")
    if not name:
        refusals.refuse("name", _("This field is required."))
    elif country and name_taken(
        Organisation.objects.filter(municipality=municipality, country=country),
        "name",
        name,
        record=record,
    ):
        refusals.refuse(
            "name", _("There is already an organisation with this name in this country.")
        )
    pic = values.get("pic") or ""
    if pic and not re.fullmatch(r"\d{9}", pic):
        refusals.refuse("pic", _("The PIC must be exactly nine digits, e.g. 949876543."))
    return refusals.as_dict()


def partnership_errors(*, municipality, values, record=None) -> dict:
    """The broken rules of a partnership with these ``values``, as {field: [message]}."""
    refusals = Refusals()
    _scope_errors(municipality=municipality, values=values, refusals=refusals)
    _decision_errors(municipality=municipality, values=values, refusals=refusals)
    partner = values.get("partner")
    if partner is None:
        refusals.refuse("partner", _("This field is required."))
    elif partner.municipality_id != municipality.pk:
        refusals.refuse("partner", _("Choose one of the municipality's own organisations."))
    return refusals.as_dict()


def membership_errors(*, municipality, values, record=None) -> dict:
    """The broken rules of a network membership with these ``values``, as {field: [message]}."""
    refusals = Refusals()
    _scope_errors(municipality=municipality, values=values, refusals=refusals)
    _decision_errors(municipality=municipality, values=values, refusals=refusals)
    network = values.get("network")
    if network is None:
        refusals.refuse("network", _("This field is required."))
    else:
        clash = NetworkMembership.objects.filter(municipality=municipality, network=network)
        if record is not None and record.pk:
            clash = clash.exclude(pk=record.pk)
        if clash.exists():
            refusals.refuse("network", _("The municipality is already a member of this network."))
    fee = values.get("yearly_fee")
    if fee is not None and fee < 0:
        refusals.refuse("yearly_fee", _("The fee cannot be negative."))
    since, until = values.get("member_since"), values.get("member_until")
    if since and until and until < since:
        refusals.refuse("member_until", _("The membership cannot end before it began."))
    return refusals.as_dict()


def _value(record, name):
    """The field's value; None for a relation not set yet (the rules then say it is missing)."""
    try:
        return getattr(record, name)
    except ObjectDoesNotExist:
        return None


def _scoped_save(model, record, *, municipality, user, fields, errors_of):
    """Create (``record`` None or unsaved) or change a municipality's record under the rules
    of ``errors_of``; a unit representative's new record is their unit's."""
    creating = record is None or record.pk is None
    if record is None:
        record = model()
    elif not creating and record.municipality_id != municipality.pk:
        raise ValidationError({"municipality": _("A record cannot move to another municipality.")})
    record.municipality = municipality
    many = {
        name: fields.pop(name) for name in list(fields) if model._meta.get_field(name).many_to_many
    }
    # Compared with the stored row: a form may already have set the new values on ``record``.
    stored_unit_id = (
        None if creating else model.objects.values_list("unit_id", flat=True).get(pk=record.pk)
    )
    for name, value in fields.items():
        setattr(record, name, value)
    # No user: the demo data or a command, acting for the municipality as a whole.
    rep_unit = permissions.unit_of(user, municipality) if user is not None else None
    if rep_unit is not None:
        if creating:
            record.unit = rep_unit
        elif record.unit_id != stored_unit_id:
            raise ValidationError({"unit": _("Only the coordinator can move this record.")})
    values = {field.name: _value(record, field.name) for field in model._meta.concrete_fields}
    values.update(many)
    errors = errors_of(municipality=municipality, values=values, record=record)
    if errors:
        raise ValidationError(errors)
    record.save()
    for name, records in many.items():
        getattr(record, name).set(records)
    # Partners and networks show on several of the municipality's pages (its partner and
    # network pages, its project pages).
    public_cache.invalidate(municipality.slug)
    return record


@transaction.atomic
def save_organisation(*, municipality, user, organisation=None, **fields) -> Organisation:
    """Create or change an organisation; the ``fields`` given are set, the others stay."""
    return _scoped_save(
        Organisation,
        organisation,
        municipality=municipality,
        user=user,
        fields=fields,
        errors_of=organisation_errors,
    )


def organisation_in_use(organisation: Organisation) -> list[str]:
    """What keeps the organisation from being deleted (empty when nothing does)."""
    reasons = []
    if organisation.partnerships.exists():
        reasons.append(_("It is the partner in a partnership."))
    if organisation.project_roles.exists():
        reasons.append(_("It takes part in a project."))
    return reasons


@transaction.atomic
def delete_organisation(*, organisation: Organisation) -> bool:
    """Delete the organisation and erase its contact persons (with their change history);
    False when the organisation is still in use."""
    contact_ids = list(organisation.contacts.values_list("pk", flat=True))
    try:
        organisation.delete()
    except ProtectedError:
        return False
    ContactPerson.history.filter(id__in=contact_ids).delete()
    public_cache.invalidate(organisation.municipality.slug)
    return True


@transaction.atomic
def save_contact(*, form, organisation: Organisation) -> ContactPerson:
    contact = form.save(commit=False)
    contact.organisation = organisation
    contact.save()
    return contact


@transaction.atomic
def delete_contact(*, contact: ContactPerson) -> None:
    """Erase a contact person, with their change history (personal data, GDPR)."""
    pk = contact.pk
    contact.delete()
    ContactPerson.history.filter(id=pk).delete()


@transaction.atomic
def save_partnership(*, municipality, user, partnership=None, **fields) -> Partnership:
    """Create or change a partnership; the ``fields`` given are set, the others stay."""
    return _scoped_save(
        Partnership,
        partnership,
        municipality=municipality,
        user=user,
        fields=fields,
        errors_of=partnership_errors,
    )


@transaction.atomic
def delete_partnership(*, partnership: Partnership) -> None:
    """Delete the partnership and its activity log. The agreement file stays in storage,
    because the change history still refers to it."""
    partnership.delete()
    public_cache.invalidate(partnership.municipality.slug)


@transaction.atomic
def add_activity(*, form, partnership: Partnership, author) -> PartnershipActivity:
    activity = form.save(commit=False)
    activity.partnership = partnership
    activity.author = author if author and author.is_authenticated else None
    activity.save()
    return activity


@transaction.atomic
def save_membership(*, municipality, user, membership=None, **fields) -> NetworkMembership:
    """Create or change a network membership; the ``fields`` given are set, the others stay."""
    return _scoped_save(
        NetworkMembership,
        membership,
        municipality=municipality,
        user=user,
        fields=fields,
        errors_of=membership_errors,
    )


@transaction.atomic
def delete_membership(*, membership: NetworkMembership) -> None:
    membership.delete()
    public_cache.invalidate(membership.municipality.slug)


NETWORK_FIELDS = frozenset({"name", "acronym", "website", "description_sv", "description_en"})


def network_errors(*, values, network=None) -> dict:
    """The broken rules of a network with these ``values``, as {field: [message]}: a name
    that no other network has (in any case)."""
    refusals = Refusals()
    name = values.get("name") or ""
    if not name:
        refusals.refuse("name", _("This field is required."))
    elif name_taken(Network.objects.all(), "name", name, record=network):
        refusals.refuse("name", _("There is already a network with this name."))
    return refusals.as_dict()


@transaction.atomic
def save_network(*, network=None, **fields) -> Network:
    """Add a network to the shared list (``network`` None) or change one: the ``fields`` given
    (``NETWORK_FIELDS``) are set, the others stay; the name's white space is folded."""
    reject_unknown_fields("save_network", fields, NETWORK_FIELDS)
    changing = network is not None and network.pk is not None
    network = network or Network()
    for name, value in fields.items():
        if name == "name":
            value = " ".join((value or "").split())
        elif isinstance(value, str):
            value = value.strip()
        setattr(network, name, value)
    errors = network_errors(values={"name": network.name}, network=network)
    if errors:
        raise ValidationError(errors)
    network.save()
    if changing:
        # Its name and description show on the pages of every member municipality; a new
        # network has no members yet, and no page shows it.
        public_cache.invalidate()
    return network
