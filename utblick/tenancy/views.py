from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from utblick.core.crud import confirm_delete_page, form_page, paginate
from utblick.security import selectors as security_selectors
from utblick.security import services as security_services
from utblick.security.services import second_factor_required

from . import permissions, services
from .decorators import redirect_to_second_factor, staff_view
from .forms import MemberInviteForm, MembershipForm, MunicipalityForm, UnitForm
from .models import Invitation, Membership, Municipality, Unit


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
        save=lambda f: _UnitResult(
            services.save_unit(municipality=municipality, **f.service_data())
        ),
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
        save=lambda f: _UnitResult(
            services.save_unit(municipality=municipality, unit=unit, **f.service_data())
        ),
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
            services.invite_member(
                municipality=municipality, actor=request.user, **f.service_data()
            )
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
            services.change_role(membership=membership, actor=request.user, **f.service_data())
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
        save=lambda f: _DashboardResult(
            services.save_municipality_details(municipality=municipality, **f.service_data())
        ),
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


# The coordinator's pages about members' sign-in: second factor and the audit log.


@staff_view(permissions.MANAGE)
def member_second_factor(request, municipality, pk):
    """A coordinator issues an enrolment link for a member or resets their second factor."""
    membership = get_object_or_404(
        Membership.objects.select_related("user"), municipality=municipality, pk=pk
    )
    permissions.require(permissions.can_manage_member(request.user, membership))
    member = membership.user
    link = None
    done = ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "reset":
            security_services.reset_second_factor(
                user=member, actor=request.user, municipality=municipality, request=request
            )
            done = "reset"
        elif action == "link":
            token = security_services.issue_enrolment_link(
                user=member, issued_by=request.user, municipality=municipality, request=request
            )
            link = request.build_absolute_uri(reverse("second_factor_enrol", args=[token]))
            done = "link"
    return render(
        request,
        "staff/security/member_second_factor.html",
        {
            "municipality": municipality,
            "membership": membership,
            "member": member,
            "has_device": security_services.confirmed_device(member) is not None,
            "link": link,
            "done": done,
        },
    )


@staff_view(permissions.MANAGE)
def invitation_enrolment_link(request, municipality, pk):
    """An enrolment link for someone invited but not yet a member (a new account must add
    an authenticator before it can accept). The page says nothing about the account: the
    user name may belong to someone elsewhere, so a link is shown whether or not one is
    needed (security_services.issue_enrolment_link_for_invited)."""
    invitation = get_object_or_404(Invitation, municipality=municipality, pk=pk)
    link = None
    if request.method == "POST":
        token = security_services.issue_enrolment_link_for_invited(
            invitation=invitation, issued_by=request.user, request=request
        )
        link = request.build_absolute_uri(reverse("second_factor_enrol", args=[token]))
    return render(
        request,
        "staff/security/invitation_enrolment_link.html",
        {"municipality": municipality, "invitation": invitation, "link": link},
    )


@staff_view(permissions.MANAGE)
def audit_log(request, municipality):
    page = paginate(request, security_selectors.audit_events(municipality=municipality))
    return render(
        request,
        "staff/security/audit_log.html",
        {"municipality": municipality, "page": page, "object_list": page.object_list},
    )
