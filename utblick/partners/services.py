"""Writes of the partners app: organisations, contacts, partnerships, activities, networks."""

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from utblick.tenancy import permissions

from .models import (
    ContactPerson,
    Network,
    NetworkMembership,
    Organisation,
    Partnership,
    PartnershipActivity,
)


def _scoped_save(form, *, municipality, user):
    """Save a municipality's record; a unit representative's new record is their unit's."""
    obj = form.save(commit=False)
    obj.municipality = municipality
    if obj.pk is None:
        rep_unit = permissions.unit_of(user, municipality)
        if rep_unit is not None:
            obj.unit = rep_unit
    obj.save()
    form.save_m2m()
    return obj


@transaction.atomic
def save_organisation(*, form, municipality, user) -> Organisation:
    return _scoped_save(form, municipality=municipality, user=user)


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
def save_partnership(*, form, municipality, user) -> Partnership:
    return _scoped_save(form, municipality=municipality, user=user)


@transaction.atomic
def delete_partnership(*, partnership: Partnership) -> None:
    """Delete the partnership and its activity log. The agreement file stays in storage,
    because the change history still refers to it."""
    partnership.delete()


@transaction.atomic
def add_activity(*, form, partnership: Partnership, author) -> PartnershipActivity:
    activity = form.save(commit=False)
    activity.partnership = partnership
    activity.author = author if author and author.is_authenticated else None
    activity.save()
    return activity


@transaction.atomic
def save_membership(*, form, municipality, user) -> NetworkMembership:
    return _scoped_save(form, municipality=municipality, user=user)


@transaction.atomic
def delete_membership(*, membership: NetworkMembership) -> None:
    membership.delete()


@transaction.atomic
def create_network(*, form) -> Network:
    return form.save()
