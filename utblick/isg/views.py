"""Staff pages of the international collaboration group (ISG)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from utblick.core.crud import confirm_delete_page, form_page, form_with_formsets_page
from utblick.tenancy import permissions
from utblick.tenancy.decorators import staff_view

from . import documents, selectors, services
from .forms import (
    ActionFormSet,
    AgendaFormSet,
    DecisionFormSet,
    GroupMemberForm,
    MeetingForm,
    NewMeetingForm,
)


@staff_view()
def member_list(request, municipality):
    return render(
        request,
        "staff/isg/member_list.html",
        {
            "municipality": municipality,
            "members": selectors.members_of(municipality),
            "can_manage": permissions.allows(request.user, permissions.MANAGE, municipality),
        },
    )


@staff_view(permissions.MANAGE)
def member_create(request, municipality):
    form = GroupMemberForm(request.POST or None, municipality=municipality)
    return form_page(
        request,
        form=form,
        save=lambda f: services.save_member(form=f, municipality=municipality),
        title=_("New member of the collaboration group"),
        cancel_url=reverse("staff:isg_member_list", args=[municipality.slug]),
        extra={"municipality": municipality},
    )


@staff_view(permissions.MANAGE)
def member_edit(request, municipality, pk):
    member = selectors.member_of(municipality, pk)
    form = GroupMemberForm(request.POST or None, instance=member, municipality=municipality)
    return form_page(
        request,
        form=form,
        save=lambda f: services.save_member(form=f, municipality=municipality),
        title=_("Edit %(member)s") % {"member": member},
        cancel_url=reverse("staff:isg_member_list", args=[municipality.slug]),
        extra={"municipality": municipality},
    )


@staff_view(permissions.MANAGE)
@require_http_methods(["GET", "POST"])
def member_delete(request, municipality, pk):
    member = selectors.member_of(municipality, pk)
    back = reverse("staff:isg_member_list", args=[municipality.slug])
    return confirm_delete_page(
        request,
        municipality=municipality,
        title=_("Remove %(member)s from the collaboration group?") % {"member": member},
        consequence=_("The unit then has no representative in the group until you add a new one."),
        delete=lambda: services.remove_member(member=member),
        done_url=back,
        cancel_url=back,
        success_message=_("%(member)s is no longer a member of the group.") % {"member": member},
    )


@staff_view()
def meeting_list(request, municipality):
    return render(
        request,
        "staff/isg/meeting_list.html",
        {
            "municipality": municipality,
            "meetings": selectors.meetings_of(municipality),
            "can_manage": permissions.allows(request.user, permissions.MANAGE, municipality),
        },
    )


@staff_view(permissions.MANAGE)
def meeting_create(request, municipality):
    form = NewMeetingForm(request.POST or None)
    return form_page(
        request,
        form=form,
        save=lambda f: services.create_meeting(form=f, municipality=municipality),
        title=_("New meeting (the agenda is drafted for you)"),
        cancel_url=reverse("staff:isg_meeting_list", args=[municipality.slug]),
        extra={"municipality": municipality},
    )


@staff_view()
def meeting_detail(request, municipality, pk):
    meeting = selectors.meeting_detail(municipality, pk)
    return render(
        request,
        "staff/isg/meeting_detail.html",
        {
            "municipality": municipality,
            "meeting": meeting,
            "can_manage": permissions.allows(request.user, permissions.MANAGE, municipality),
        },
    )


@staff_view(permissions.MANAGE)
def meeting_edit(request, municipality, pk):
    meeting = selectors.meeting_detail(municipality, pk)
    data = request.POST if request.method == "POST" else None
    form = MeetingForm(data, instance=meeting)
    formsets = [
        AgendaFormSet(data, instance=meeting, prefix="agenda"),
        DecisionFormSet(data, instance=meeting, prefix="decisions"),
        ActionFormSet(data, instance=meeting, prefix="actions"),
    ]
    return form_with_formsets_page(
        request,
        form=form,
        formsets=formsets,
        save=lambda: services.save_meeting(form=form, formsets=formsets),
        title=_("Agenda and minutes of %(meeting)s") % {"meeting": meeting},
        cancel_url=meeting.get_absolute_url(),
        extra={"municipality": municipality},
    )


@staff_view()
def meeting_document(request, municipality, pk, kind, fmt):
    if kind not in documents.KINDS or fmt not in documents.FORMATS:
        raise Http404
    meeting = selectors.meeting_detail(municipality, pk)
    response = HttpResponse(
        documents.render(meeting, kind, fmt), content_type=documents.FORMATS[fmt]
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{documents.filename(meeting, kind, fmt)}"'
    )
    return response


@staff_view(permissions.MANAGE)
def meeting_send(request, municipality, pk):
    meeting = selectors.meeting_detail(municipality, pk)
    if request.method == "POST":
        kind = request.POST.get("kind")
        if kind not in documents.KINDS:
            messages.error(request, _("Choose the agenda or the minutes."))
            return redirect(meeting.get_absolute_url())
        job = services.send_meeting_documents(meeting=meeting, kind=kind, user=request.user)
        return redirect(job.get_absolute_url())
    return render(
        request,
        "staff/isg/meeting_send.html",
        {
            "municipality": municipality,
            "meeting": meeting,
            "members": selectors.members_of(municipality),
        },
    )
