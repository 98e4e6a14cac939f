from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from utblick.core.crud import form_page
from utblick.documents import selectors as document_selectors
from utblick.partners import selectors as partner_selectors
from utblick.projects import selectors as project_selectors
from utblick.security.services import second_factor_required

from . import dashboard as dashboard_sections
from . import permissions, services
from .decorators import redirect_to_second_factor, staff_view
from .forms import MembershipForm, MunicipalityForm, UnitForm
from .models import Membership, Municipality, Unit
from .selectors import recent_changes


@login_required
def staff_home(request):
    """Send staff to their municipality; list them when they have several."""
    if second_factor_required(request):
        return redirect_to_second_factor(request)
    if request.user.is_superuser:
        municipalities = list(Municipality.objects.filter(is_active=True))
    else:
        municipalities = [
            m.municipality
            for m in request.user.memberships.select_related("municipality").filter(
                municipality__is_active=True
            )
        ]
    if len(municipalities) == 1:
        return redirect("staff:dashboard", municipalities[0].slug)
    return render(request, "staff/home.html", {"municipalities": municipalities})


@staff_view()
def dashboard(request, municipality):
    role = permissions.role(request.user, municipality)
    context = {
        "municipality": municipality,
        "role_title": dashboard_sections.ROLE_TITLES.get(role, ""),
        "sections": dashboard_sections.sections_for(
            request.user,
            municipality,
            role=role,
            unit=permissions.unit_of(request.user, municipality),
        ),
        "counts": {
            "projects": project_selectors.projects_of(municipality).count(),
            "partnerships": partner_selectors.partnerships_of(municipality).count(),
            "organisations": partner_selectors.organisations_of(municipality).count(),
            "memberships": partner_selectors.memberships_of(municipality).count(),
        },
        "by_status": project_selectors.status_counts(municipality),
        "by_country": partner_selectors.partnerships_by_country(municipality),
        "changes": recent_changes(municipality),
        "can_manage": permissions.allows(request.user, permissions.MANAGE, municipality),
        **document_selectors.dashboard_context(municipality, timezone.localdate()),
    }
    return render(request, "staff/dashboard.html", context)


@staff_view()
def unit_list(request, municipality):
    units = Unit.objects.filter(municipality=municipality).order_by("kind", "name")
    members = (
        Membership.objects.filter(municipality=municipality)
        .select_related("user", "unit")
        .order_by("user__last_name", "user__username")
    )
    return render(
        request,
        "staff/units.html",
        {
            "municipality": municipality,
            "units": units,
            "members": members,
            "can_manage": permissions.allows(request.user, permissions.MANAGE, municipality),
        },
    )


@staff_view(permissions.MANAGE)
def unit_create(request, municipality):
    form = UnitForm(request.POST or None, municipality=municipality)
    return form_page(
        request,
        form=form,
        save=lambda f: _UnitResult(services.save_unit(form=f, municipality=municipality)),
        title=_("New unit"),
        cancel_url=reverse("staff:unit_list", args=[municipality.slug]),
        extra={"municipality": municipality},
    )


@staff_view(permissions.MANAGE)
def unit_edit(request, municipality, pk):
    unit = get_object_or_404(Unit, municipality=municipality, pk=pk)
    form = UnitForm(request.POST or None, instance=unit, municipality=municipality)
    return form_page(
        request,
        form=form,
        save=lambda f: _UnitResult(services.save_unit(form=f, municipality=municipality)),
        title=_("Edit unit"),
        cancel_url=reverse("staff:unit_list", args=[municipality.slug]),
        extra={"municipality": municipality},
    )


@staff_view(permissions.MANAGE)
def member_create(request, municipality):
    form = MembershipForm(request.POST or None, municipality=municipality)
    return form_page(
        request,
        form=form,
        save=lambda f: _UnitResult(
            services.save_membership(form=f, municipality=municipality, actor=request.user)
        ),
        title=_("Add a person"),
        cancel_url=reverse("staff:unit_list", args=[municipality.slug]),
        extra={"municipality": municipality},
    )


@staff_view(permissions.MANAGE)
def member_edit(request, municipality, pk):
    membership = get_object_or_404(Membership, municipality=municipality, pk=pk)
    form = MembershipForm(request.POST or None, instance=membership, municipality=municipality)
    return form_page(
        request,
        form=form,
        save=lambda f: _UnitResult(
            services.save_membership(form=f, municipality=municipality, actor=request.user)
        ),
        title=_("Change role of %(name)s") % {"name": membership.user},
        cancel_url=reverse("staff:unit_list", args=[municipality.slug]),
        extra={"municipality": municipality},
    )


@staff_view(permissions.MANAGE)
def municipality_edit(request, municipality):
    form = MunicipalityForm(request.POST or None, instance=municipality)
    return form_page(
        request,
        form=form,
        save=lambda f: _DashboardResult(f.save()),
        title=_("Details of %(name)s") % {"name": municipality.short_name},
        cancel_url=reverse("staff:dashboard", args=[municipality.slug]),
        extra={"municipality": municipality},
    )


class _UnitResult:
    """After saving a unit or member, go back to the list of units and people."""

    def __init__(self, obj):
        self.obj = obj

    def get_absolute_url(self):
        return reverse("staff:unit_list", args=[self.obj.municipality.slug])


class _DashboardResult:
    def __init__(self, municipality):
        self.municipality = municipality

    def get_absolute_url(self):
        return reverse("staff:dashboard", args=[self.municipality.slug])
