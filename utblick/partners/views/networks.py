"""The municipality's network memberships, and adding a network to the shared list."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from utblick.core.crud import form_page, history_entries, render_list
from utblick.tenancy import permissions
from utblick.tenancy.decorators import staff_view

from .. import selectors, services
from ..filters import MembershipFilter
from ..forms import NetworkForm, NetworkMembershipForm
from ..models import NetworkMembership
from .common import Redirect, confirm_delete, rep_unit


@staff_view(permissions.VIEW)
def membership_list(request, municipality):
    filterset = MembershipFilter(
        request.GET or None,
        queryset=selectors.membership_rows(municipality),
        municipality=municipality,
        request=request,
    )
    return render_list(
        request,
        "staff/partners/membership_list.html",
        filterset=filterset,
        extra={
            "municipality": municipality,
            "can_create": permissions.allows(request.user, permissions.CREATE, municipality),
            "can_manage": permissions.allows(request.user, permissions.MANAGE, municipality),
        },
    )


def _membership(municipality, pk):
    return get_object_or_404(
        NetworkMembership.objects.select_related("network", "unit", "municipality"),
        municipality=municipality,
        pk=pk,
    )


@staff_view(permissions.VIEW)
def membership_detail(request, municipality, pk):
    membership = _membership(municipality, pk)
    context = {
        "municipality": municipality,
        "membership": membership,
        "network": membership.network,
        "representative_units": membership.representative_units.order_by("name"),
        "history": history_entries(membership),
        "can_change": permissions.can_change(request.user, membership),
    }
    return render(request, "staff/partners/membership_detail.html", context)


@staff_view(permissions.CREATE)
def membership_create(request, municipality):
    initial = {}
    if request.method == "GET" and request.GET.get("network", "").isdigit():
        initial["network"] = request.GET["network"]
    form = NetworkMembershipForm(
        request.POST or None,
        initial=initial,
        municipality=municipality,
        unit=rep_unit(request, municipality),
    )
    return form_page(
        request,
        form=form,
        save=lambda f: services.save_membership(
            municipality=municipality, user=request.user, membership=f.instance, **f.service_data()
        ),
        title=_("New network membership"),
        cancel_url=reverse("staff:membership_list", args=[municipality.slug]),
        extra={
            "municipality": municipality,
            "can_manage": permissions.allows(request.user, permissions.MANAGE, municipality),
        },
        template="staff/partners/membership_form.html",
    )


@staff_view(permissions.VIEW)
def membership_edit(request, municipality, pk):
    membership = _membership(municipality, pk)
    permissions.require(permissions.can_change(request.user, membership))
    form = NetworkMembershipForm(
        request.POST or None,
        instance=membership,
        municipality=municipality,
        unit=rep_unit(request, municipality),
    )
    return form_page(
        request,
        form=form,
        save=lambda f: services.save_membership(
            municipality=municipality, user=request.user, membership=f.instance, **f.service_data()
        ),
        title=_("Edit membership of %(name)s") % {"name": membership.network},
        cancel_url=membership.get_absolute_url(),
        extra={"municipality": municipality},
    )


@staff_view(permissions.VIEW)
def membership_delete(request, municipality, pk):
    membership = _membership(municipality, pk)
    permissions.require(permissions.can_change(request.user, membership))
    return confirm_delete(
        request,
        obj=membership,
        delete=lambda: services.delete_membership(membership=membership),
        cancel_url=membership.get_absolute_url(),
        done_url=reverse("staff:membership_list", args=[municipality.slug]),
        municipality=municipality,
    )


@staff_view(permissions.MANAGE)
def network_create(request, municipality):
    """Add a network to the shared list (changing one is for superusers, in the admin)."""
    form = NetworkForm(request.POST or None)

    def save(f):
        network = services.save_network(**f.service_data())
        url = reverse("staff:membership_create", args=[municipality.slug])
        return Redirect(f"{url}?network={network.pk}")

    return form_page(
        request,
        form=form,
        save=save,
        title=_("New network"),
        cancel_url=reverse("staff:membership_list", args=[municipality.slug]),
        extra={"municipality": municipality, "shared_notice": True},
        template="staff/partners/network_form.html",
        success_message=_("The network was added. You can now record the membership."),
    )
