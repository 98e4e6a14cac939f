from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from utblick.core.crud import confirm_delete_page, form_page
from utblick.documents import selectors as document_selectors
from utblick.partners import selectors as partner_selectors
from utblick.projects import selectors as project_selectors
from utblick.security.services import second_factor_required

from . import dashboard as dashboard_sections
from . import permissions, services
from .decorators import redirect_to_second_factor, staff_view
from .forms import MemberInviteForm, MembershipForm, MunicipalityForm, UnitForm
from .models import Invitation, Membership, Municipality, Unit
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
    invitations = list(
        Invitation.objects.filter(user=request.user, municipality__is_active=True)
        .select_related("municipality", "unit")
        .order_by("created_at")
    )
    if len(municipalities) == 1 and not invitations:
        return redirect("staff:dashboard", municipalities[0].slug)
    return render(
        request,
        "staff/home.html",
        {"municipalities": municipalities, "invitations": invitations},
    )


@login_required
def invitation_answer(request, pk):
    """The invited person accepts or declines (POST only; the list is on the staff home)."""
    if second_factor_required(request):
        return redirect_to_second_factor(request)
    invitation = get_object_or_404(Invitation, pk=pk, user=request.user)
    if request.method != "POST":
        return redirect("staff_home")
    accept = request.POST.get("answer") == "accept"
    municipality = invitation.municipality
    services.answer_invitation(invitation=invitation, accept=accept)
    if accept:
        return redirect("staff:dashboard", municipality.slug)
    messages.success(request, _("You declined the invitation."))
    return redirect("staff_home")


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
    invitations = (
        Invitation.objects.filter(municipality=municipality)
        .select_related("unit")
        .order_by("username")
    )
    return render(
        request,
        "staff/units.html",
        {
            "municipality": municipality,
            "units": units,
            "members": members,
            "invitations": invitations,
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
    form = MemberInviteForm(request.POST or None, municipality=municipality)
    return form_page(
        request,
        form=form,
        save=lambda f: _UnitResult(
            services.invite_member(form=f, municipality=municipality, actor=request.user)
        ),
        title=_("Add a person"),
        cancel_url=reverse("staff:unit_list", args=[municipality.slug]),
        extra={"municipality": municipality},
        success_message=_("Invited. The person gets the role when they accept after signing in."),
    )


def _managed_membership(request, municipality, pk):
    membership = get_object_or_404(
        Membership.objects.select_related("user", "municipality"),
        municipality=municipality,
        pk=pk,
    )
    permissions.require(permissions.can_manage_member(request.user, membership))
    return membership


@staff_view(permissions.MANAGE)
def member_edit(request, municipality, pk):
    membership = _managed_membership(request, municipality, pk)
    form = MembershipForm(request.POST or None, instance=membership, municipality=municipality)
    return form_page(
        request,
        form=form,
        save=lambda f: _UnitResult(
            services.change_role(form=f, municipality=municipality, actor=request.user)
        ),
        title=_("Change role of %(name)s") % {"name": membership.user},
        cancel_url=reverse("staff:unit_list", args=[municipality.slug]),
        extra={"municipality": municipality},
    )


@staff_view(permissions.MANAGE)
def member_remove(request, municipality, pk):
    membership = _managed_membership(request, municipality, pk)
    back = reverse("staff:unit_list", args=[municipality.slug])
    return confirm_delete_page(
        request,
        municipality=municipality,
        title=_("Remove %(name)s from %(municipality)s")
        % {"name": membership.user, "municipality": municipality.short_name},
        consequence=_(
            "The person loses their role and their calendar addresses here; "
            "the account and what they wrote stay."
        ),
        delete=lambda: services.remove_member(membership=membership, actor=request.user),
        done_url=back,
        cancel_url=back,
        success_message=_("The person has been removed."),
    )


@staff_view(permissions.MANAGE)
def invitation_withdraw(request, municipality, pk):
    invitation = get_object_or_404(Invitation, municipality=municipality, pk=pk)
    back = reverse("staff:unit_list", args=[municipality.slug])
    return confirm_delete_page(
        request,
        municipality=municipality,
        title=_("Withdraw the invitation of %(name)s") % {"name": invitation.username},
        consequence=_("The person can no longer accept it."),
        delete=lambda: services.withdraw_invitation(invitation=invitation, actor=request.user),
        done_url=back,
        cancel_url=back,
        success_message=_("The invitation has been withdrawn."),
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
