"""Partnerships (twin towns, friendship towns, cooperations) and their activity log."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from utblick.core.crud import download, form_page, history_entries, render_list
from utblick.tenancy import permissions
from utblick.tenancy.decorators import staff_view

from .. import selectors, services
from ..filters import PartnershipFilter
from ..forms import ActivityForm, PartnershipForm
from ..models import Partnership
from .common import Redirect, confirm_delete, rep_unit


def _agreement_url(partnership):
    return reverse(
        "staff:partnership_agreement", args=[partnership.municipality.slug, partnership.pk]
    )


@staff_view(permissions.VIEW)
def partnership_list(request, municipality):
    filterset = PartnershipFilter(
        request.GET or None,
        queryset=selectors.partnership_rows(municipality),
        municipality=municipality,
        request=request,
    )
    return render_list(
        request,
        "staff/partners/partnership_list.html",
        filterset=filterset,
        extra={
            "municipality": municipality,
            "dormant_months": settings.DORMANT_AFTER_MONTHS,
            "can_create": permissions.allows(request.user, permissions.CREATE, municipality),
        },
    )


@staff_view(permissions.VIEW)
def partnership_detail(request, municipality, pk):
    partnership = get_object_or_404(
        selectors.partnership_rows(municipality).select_related("municipality"), pk=pk
    )
    can_change = permissions.can_change(request.user, partnership)
    context = {
        "municipality": municipality,
        "partnership": partnership,
        "activities": selectors.activities_of(partnership),
        "activity_form": ActivityForm(prefix="activity") if can_change else None,
        "history": history_entries(partnership),
        "dormant_months": settings.DORMANT_AFTER_MONTHS,
        "can_change": can_change,
    }
    return render(request, "staff/partners/partnership_detail.html", context)


@staff_view(permissions.VIEW)
def partnership_agreement(request, municipality, pk):
    """The signed agreement, for staff of the municipality only (media are not served)."""
    partnership = get_object_or_404(Partnership, municipality=municipality, pk=pk)
    return download(partnership.agreement)


@staff_view(permissions.CREATE)
def partnership_create(request, municipality):
    form = PartnershipForm(
        request.POST or None,
        request.FILES or None,
        municipality=municipality,
        unit=rep_unit(request, municipality),
    )
    return form_page(
        request,
        form=form,
        save=lambda f: services.save_partnership(
            municipality=municipality, user=request.user, partnership=f.instance, **f.service_data()
        ),
        title=_("New partnership"),
        cancel_url=reverse("staff:partnership_list", args=[municipality.slug]),
        extra={"municipality": municipality},
    )


@staff_view(permissions.VIEW)
def partnership_edit(request, municipality, pk):
    partnership = get_object_or_404(
        Partnership.objects.select_related("partner", "municipality"),
        municipality=municipality,
        pk=pk,
    )
    permissions.require(permissions.can_change(request.user, partnership))
    form = PartnershipForm(
        request.POST or None,
        request.FILES or None,
        instance=partnership,
        municipality=municipality,
        unit=rep_unit(request, municipality),
        agreement_url=_agreement_url(partnership),
    )
    return form_page(
        request,
        form=form,
        save=lambda f: services.save_partnership(
            municipality=municipality, user=request.user, partnership=f.instance, **f.service_data()
        ),
        title=_("Edit partnership with %(name)s") % {"name": partnership.partner.name},
        cancel_url=partnership.get_absolute_url(),
        extra={"municipality": municipality},
    )


@staff_view(permissions.VIEW)
def partnership_delete(request, municipality, pk):
    partnership = get_object_or_404(
        Partnership.objects.select_related("partner", "municipality"),
        municipality=municipality,
        pk=pk,
    )
    permissions.require(permissions.can_change(request.user, partnership))
    return confirm_delete(
        request,
        obj=partnership,
        delete=lambda: services.delete_partnership(partnership=partnership),
        cancel_url=partnership.get_absolute_url(),
        done_url=reverse("staff:partnership_list", args=[municipality.slug]),
        municipality=municipality,
    )


@staff_view(permissions.VIEW)
def activity_add(request, municipality, pk):
    """Log what happened in the partnership (the author is the signed-in user)."""
    partnership = get_object_or_404(
        Partnership.objects.select_related("partner", "municipality"),
        municipality=municipality,
        pk=pk,
    )
    permissions.require(permissions.can_change(request.user, partnership))
    form = ActivityForm(request.POST or None, prefix="activity")
    return form_page(
        request,
        form=form,
        save=lambda f: Redirect(
            services.add_activity(
                form=f, partnership=partnership, author=request.user
            ).partnership.get_absolute_url()
            + "#activities-title"
        ),
        title=_("Log an activity with %(name)s") % {"name": partnership.partner.name},
        cancel_url=partnership.get_absolute_url(),
        extra={"municipality": municipality},
        success_message=_("The activity was logged."),
    )
