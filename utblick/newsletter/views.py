"""Staff pages of the newsletter, under /staff/<municipality-slug>/newsletter/."""

import json

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from utblick.core import public_cache
from utblick.core.crud import confirm_delete_page, form_page, history_entries, paginate
from utblick.tenancy import permissions
from utblick.tenancy.decorators import staff_view

from . import compose, selectors, services
from .forms import IssueForm, MailingListForm, SendForm, TestSendForm
from .models import Issue, MailingList


@staff_view()
def overview(request, municipality):
    issues = Paginator(selectors.issue_list(municipality), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/newsletter/overview.html",
        {
            "municipality": municipality,
            "lists": list(selectors.lists_of(municipality)),
            "page": issues,
            "issues": list(issues.object_list),
            "can_manage": permissions.allows(request.user, permissions.MANAGE, municipality),
        },
    )


def _list_form_page(request, municipality, instance, title):
    return form_page(
        request,
        form=MailingListForm(request.POST or None, instance=instance),
        save=lambda form: _save_list(form, municipality),
        title=title,
        cancel_url=reverse("staff:newsletter_overview", args=[municipality.slug]),
        extra={"municipality": municipality},
    )


def _save_list(form, municipality):
    mailing_list = form.save(commit=False)
    mailing_list.municipality = municipality
    mailing_list.save()
    # The archive shows the list's name (a rare write: the municipality's pages go).
    public_cache.invalidate(municipality.slug)
    return mailing_list


@staff_view(permissions.MANAGE)
def list_create(request, municipality):
    return _list_form_page(
        request, municipality, MailingList(municipality=municipality), _("New mailing list")
    )


@staff_view(permissions.MANAGE)
def list_edit(request, municipality, pk):
    mailing_list = selectors.mailing_list(municipality, pk)
    return _list_form_page(
        request, municipality, mailing_list, _("Edit %(list)s") % {"list": mailing_list}
    )


# Subscribers --------------------------------------------------------------------------


@staff_view(permissions.MANAGE)
def subscriber_list(request, municipality):
    query = request.GET.get("q", "")
    page = paginate(request, selectors.subscribers_of(municipality, query))
    return render(
        request,
        "staff/newsletter/subscribers.html",
        {"municipality": municipality, "page": page, "object_list": page.object_list, "q": query},
    )


@staff_view(permissions.MANAGE)
def subscriber_detail(request, municipality, pk):
    return render(
        request,
        "staff/newsletter/subscriber.html",
        {"municipality": municipality, "subscriber": selectors.subscriber(municipality, pk)},
    )


@staff_view(permissions.MANAGE)
def subscriber_export(request, municipality, pk):
    subscriber = selectors.subscriber(municipality, pk)
    data = json.dumps(
        services.export_subscriber(subscriber, actor=request.user, request=request),
        ensure_ascii=False,
        indent=2,
    )
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="subscriber-{subscriber.pk}.json"'
    return response


@staff_view(permissions.MANAGE)
@require_http_methods(["GET", "POST"])
def subscriber_erase(request, municipality, pk):
    subscriber = selectors.subscriber(municipality, pk)
    return confirm_delete_page(
        request,
        municipality=municipality,
        title=_("Erase all data about %(email)s?") % {"email": subscriber.email},
        consequence=_(
            "The address, its subscriptions, consent log and delivery records are erased; "
            "its links stop working. Export the data first if the person asked for it."
        ),
        delete=lambda: services.erase_subscriber(
            subscriber=subscriber, actor=request.user, request=request
        ),
        done_url=reverse("staff:newsletter_subscriber_list", args=[municipality.slug]),
        cancel_url=reverse(
            "staff:newsletter_subscriber_detail", args=[municipality.slug, subscriber.pk]
        ),
        success_message=_("All data about the subscriber was erased."),
    )


# Issues -------------------------------------------------------------------------------


def _issue_form_page(request, municipality, issue, title, cancel_url):
    form = IssueForm(request.POST or None, instance=issue, municipality=municipality)
    return form_page(
        request,
        form=form,
        save=lambda f: services.save_issue(
            municipality=municipality,
            user=request.user,
            issue=issue if issue.pk else None,
            **f.issue_data(),
        ),
        title=title,
        cancel_url=cancel_url,
        extra={"municipality": municipality},
    )


@staff_view(permissions.MANAGE)
def issue_create(request, municipality):
    return _issue_form_page(
        request,
        municipality,
        Issue(municipality=municipality),
        _("New newsletter issue"),
        reverse("staff:newsletter_overview", args=[municipality.slug]),
    )


@staff_view(permissions.MANAGE)
def issue_edit(request, municipality, pk):
    issue = selectors.issue(municipality, pk)
    if not issue.is_editable:
        messages.error(request, _("An issue that is being sent or was sent cannot be changed."))
        return redirect(issue.get_absolute_url())
    return _issue_form_page(
        request,
        municipality,
        issue,
        _("Edit %(issue)s") % {"issue": issue},
        issue.get_absolute_url(),
    )


@staff_view()
def issue_detail(request, municipality, pk):
    issue = selectors.issue(municipality, pk)
    since = compose.last_sent_at(issue.mailing_list, before=issue)
    return render(
        request,
        "staff/newsletter/issue.html",
        {
            "municipality": municipality,
            "issue": issue,
            "counts": selectors.delivery_counts(issue),
            "problems": (
                selectors.problem_deliveries(issue)
                if permissions.can_see_subscribers(request.user, municipality)
                else None
            ),
            "since": since,
            "calls": compose.upcoming_calls(municipality, since),
            "can_manage": permissions.allows(request.user, permissions.MANAGE, municipality),
            "history": history_entries(issue),
        },
    )


@staff_view()
@csp_update({"style-src-attr": ["'unsafe-inline'"], "img-src": [settings.SITE_URL]})
def issue_preview(request, municipality, pk):
    """The mail exactly as it is sent (with placeholder links), as a page of its own. Mail
    needs inline CSS, so this page (our own rendered mail, its user content sanitised) lets
    style attributes through the Content-Security-Policy, and the images the mail links at
    SITE_URL; scripts stay forbidden."""
    issue = selectors.issue(municipality, pk)
    language = request.GET.get("lang") or translation.get_language()
    if language not in ("sv", "en"):
        language = "sv"
    mail = compose.render_mail(issue, language)
    return HttpResponse(mail.html)


@staff_view(permissions.MANAGE)
@require_http_methods(["GET", "POST"])
def issue_test(request, municipality, pk):
    issue = selectors.issue(municipality, pk)
    form = TestSendForm(request.POST or None, initial={"language": translation.get_language()})
    if request.method == "POST" and form.is_valid():
        try:
            services.send_test(
                issue=issue, user=request.user, language=form.cleaned_data["language"]
            )
        except services.SendingRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request, _("A test was sent to %(email)s.") % {"email": request.user.email}
            )
            return redirect(issue.get_absolute_url())
    return render(
        request,
        "staff/newsletter/action.html",
        {
            "municipality": municipality,
            "form": form,
            "title": _("Send a test of %(issue)s to yourself") % {"issue": issue},
            "button": _("Send the test"),
            "cancel_url": issue.get_absolute_url(),
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_view(permissions.MANAGE)
@require_http_methods(["GET", "POST"])
def issue_send(request, municipality, pk):
    issue = selectors.issue(municipality, pk)
    resume = issue.can_resume
    form = SendForm(request.POST or None)
    if request.method == "POST" and (resume or form.is_valid()):
        try:
            if not resume and form.cleaned_data["when"] == "later":
                services.schedule(issue=issue, at=form.cleaned_data["send_at"])
                messages.success(request, _("The issue will be sent at the chosen time."))
                return redirect(issue.get_absolute_url())
            job = services.start_sending(issue=issue, user=request.user)
        except services.SendingRefused as refusal:
            messages.error(request, str(refusal))
            return redirect(issue.get_absolute_url())
        return redirect(job.get_absolute_url())
    return render(
        request,
        "staff/newsletter/action.html",
        {
            "municipality": municipality,
            "form": None if resume else form,
            "issue": issue,
            "title": (_("Resume sending %(issue)s") if resume else _("Send %(issue)s"))
            % {"issue": issue},
            "intro": _(
                "Only recipients who have not received the issue yet get it: nobody gets it twice."
            )
            if resume
            else _("The issue goes to every active subscriber of “%(list)s”.")
            % {"list": issue.mailing_list},
            "button": _("Resume sending") if resume else _("Send"),
            "cancel_url": issue.get_absolute_url(),
            "sent": issue.status == Issue.Status.SENT,
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_view(permissions.MANAGE)
@require_http_methods(["GET", "POST"])
def issue_cancel(request, municipality, pk):
    """Stop an issue: a scheduled one back to draft, a sending one cancelled for good."""
    issue = selectors.issue(municipality, pk)
    if not issue.can_cancel:
        messages.error(request, _("Only a scheduled or unfinished sending can be cancelled."))
        return redirect(issue.get_absolute_url())
    scheduled = issue.status == Issue.Status.SCHEDULED
    if request.method == "POST":
        try:
            services.cancel_sending(issue=issue)
        except services.SendingRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _("The issue is a draft again.")
                if scheduled
                else _("The sending was cancelled; nobody else gets the issue."),
            )
        return redirect(issue.get_absolute_url())
    return render(
        request,
        "staff/newsletter/action.html",
        {
            "municipality": municipality,
            "form": None,
            "issue": issue,
            "title": _("Cancel the sending of %(issue)s") % {"issue": issue},
            "intro": _("The issue goes back to draft and is not sent at the chosen time.")
            if scheduled
            else _(
                "Those who have got the issue keep it; nobody else gets it, and the sending "
                "cannot be resumed."
            ),
            "button": _("Unschedule") if scheduled else _("Cancel the sending"),
            "cancel_url": issue.get_absolute_url(),
        },
    )
