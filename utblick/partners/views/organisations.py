"""Partner organisations and their contact persons."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries.fields import Country

from utblick.core.crud import form_page, history_entries, render_list
from utblick.site import worldmap
from utblick.tenancy import permissions
from utblick.tenancy.decorators import staff_view

from .. import selectors, services
from ..filters import OrganisationFilter
from ..forms import ContactPersonForm, OrganisationForm
from ..models import ContactPerson, Organisation
from .common import Redirect, confirm_delete, rep_unit


@staff_view(permissions.VIEW)
def organisation_list(request, municipality):
    filterset = OrganisationFilter(
        request.GET or None,
        queryset=selectors.organisation_rows(municipality),
        municipality=municipality,
        request=request,
    )
    return render_list(
        request,
        "staff/partners/organisation_list.html",
        filterset=filterset,
        extra={
            "municipality": municipality,
            "can_create": permissions.allows(request.user, permissions.CREATE, municipality),
            "worldmap": _organisation_map(municipality, filterset.qs),
        },
    )


def _organisation_map(municipality, organisations):
    """The world map of the (filtered) organisations; each marker opens the organisation."""
    places = worldmap.places_from(
        (
            Country(code=country),
            city,
            reverse("staff:organisation_detail", args=[municipality.slug, pk]),
            name,
        )
        for pk, name, country, city in selectors.organisation_places(organisations)
    )
    if not places:
        return ""
    return worldmap.render(
        places,
        title=_("Map of the partner organisations"),
        description=worldmap.summary(places),
    )


@staff_view(permissions.VIEW)
def organisation_detail(request, municipality, pk):
    organisation = get_object_or_404(
        Organisation.objects.select_related("unit", "municipality"),
        municipality=municipality,
        pk=pk,
    )
    context = {
        "municipality": municipality,
        "organisation": organisation,
        "contacts": selectors.contacts_of(organisation),
        "partnerships": organisation.partnerships.filter(municipality=municipality),
        "project_roles": selectors.project_roles_of(organisation),
        "history": history_entries(organisation),
        "today": timezone.localdate(),
        "can_change": permissions.can_change(request.user, organisation),
    }
    return render(request, "staff/partners/organisation_detail.html", context)


@staff_view(permissions.CREATE)
def organisation_create(request, municipality):
    form = OrganisationForm(
        request.POST or None, municipality=municipality, unit=rep_unit(request, municipality)
    )
    return form_page(
        request,
        form=form,
        save=lambda f: services.save_organisation(
            municipality=municipality,
            user=request.user,
            organisation=f.instance,
            **f.service_data(),
        ),
        title=_("New partner organisation"),
        cancel_url=reverse("staff:organisation_list", args=[municipality.slug]),
        extra={"municipality": municipality},
    )


@staff_view(permissions.VIEW)
def organisation_edit(request, municipality, pk):
    organisation = get_object_or_404(Organisation, municipality=municipality, pk=pk)
    permissions.require(permissions.can_change(request.user, organisation))
    form = OrganisationForm(
        request.POST or None,
        instance=organisation,
        municipality=municipality,
        unit=rep_unit(request, municipality),
    )
    return form_page(
        request,
        form=form,
        save=lambda f: services.save_organisation(
            municipality=municipality,
            user=request.user,
            organisation=f.instance,
            **f.service_data(),
        ),
        title=_("Edit %(name)s") % {"name": organisation.name},
        cancel_url=organisation.get_absolute_url(),
        extra={"municipality": municipality},
    )


@staff_view(permissions.VIEW)
def organisation_delete(request, municipality, pk):
    organisation = get_object_or_404(Organisation, municipality=municipality, pk=pk)
    permissions.require(permissions.can_change(request.user, organisation))
    return confirm_delete(
        request,
        obj=organisation,
        delete=lambda: services.delete_organisation(organisation=organisation),
        blocked=services.organisation_in_use(organisation),
        cancel_url=organisation.get_absolute_url(),
        done_url=reverse("staff:organisation_list", args=[municipality.slug]),
        municipality=municipality,
    )


def _contact(municipality, pk):
    return get_object_or_404(
        ContactPerson.objects.select_related("organisation__municipality"),
        organisation__municipality=municipality,
        pk=pk,
    )


@staff_view(permissions.VIEW)
def contact_create(request, municipality, pk):
    organisation = get_object_or_404(Organisation, municipality=municipality, pk=pk)
    permissions.require(permissions.can_change(request.user, organisation))
    form = ContactPersonForm(request.POST or None)
    return form_page(
        request,
        form=form,
        save=lambda f: Redirect(
            _contacts_url(services.save_contact(form=f, organisation=organisation).organisation)
        ),
        title=_("New contact person at %(name)s") % {"name": organisation.name},
        cancel_url=organisation.get_absolute_url(),
        extra={"municipality": municipality, "gdpr_notice": True},
        template="staff/partners/contact_form.html",
    )


@staff_view(permissions.VIEW)
def contact_edit(request, municipality, pk):
    contact = _contact(municipality, pk)
    permissions.require(permissions.can_change(request.user, contact))
    form = ContactPersonForm(request.POST or None, instance=contact)
    return form_page(
        request,
        form=form,
        save=lambda f: Redirect(
            _contacts_url(
                services.save_contact(form=f, organisation=contact.organisation).organisation
            )
        ),
        title=_("Edit contact person %(name)s") % {"name": contact.name},
        cancel_url=_contacts_url(contact.organisation),
        extra={"municipality": municipality, "gdpr_notice": True},
        template="staff/partners/contact_form.html",
    )


@staff_view(permissions.VIEW)
def contact_delete(request, municipality, pk):
    contact = _contact(municipality, pk)
    permissions.require(permissions.can_change(request.user, contact))
    return confirm_delete(
        request,
        obj=contact,
        delete=lambda: services.delete_contact(contact=contact),
        cancel_url=_contacts_url(contact.organisation),
        done_url=_contacts_url(contact.organisation),
        municipality=municipality,
    )


def _contacts_url(organisation):
    return organisation.get_absolute_url() + "#contacts-title"
