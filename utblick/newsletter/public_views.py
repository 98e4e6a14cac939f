"""Public newsletter pages: subscribe (double opt-in), confirm, manage, leave, archive."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from utblick.security.services import client_ip
from utblick.site.pages import public_view, render_page

from . import compose, selectors, services, throttle, tokens
from .forms import ManageForm, SubscribeForm
from .models import MailingList, Subscriber


def _news_crumb(municipality):
    """The newsletter sits under the news in the menu, so in the breadcrumbs too."""
    return (_("News"), reverse("public:news_index", args=[municipality.slug]))


def too_many_attempts(request, municipality):
    """429, the same for every address (known or not): nothing is recorded or sent."""
    response = render_page(
        request, "public/newsletter/message.html", municipality,
        {
            "title": _("Too many attempts"),
            "text": _(
                "We have received too many attempts to subscribe from your connection or for "
                "this e-mail address. Please wait an hour and try again."
            ),
        },
        section="newsletter",
    )  # fmt: skip
    response.status_code = 429
    response["Retry-After"] = str(throttle.WINDOW_SECONDS)
    return response


@public_view
@require_http_methods(["GET", "POST"])
def subscribe(request, municipality):
    """The double opt-in form, throttled per IP address and per e-mail address. The answer
    is the same whether the address is subscribed already or not."""
    language = translation.get_language()
    form = SubscribeForm(request.POST or None, municipality=municipality, language=language)
    if request.method == "POST" and not throttle.ip_allowed(client_ip(request)):
        return too_many_attempts(request, municipality)
    if request.method == "POST" and form.is_valid():
        if not throttle.email_allowed(form.cleaned_data["email"]):
            return too_many_attempts(request, municipality)
        services.subscribe(
            municipality=municipality,
            email=form.cleaned_data["email"],
            language=form.cleaned_data["language"],
            lists=list(form.cleaned_data["lists"]),
        )
        return redirect("public:newsletter_subscribe_sent", municipality.slug)
    response = render_page(
        request,
        "public/newsletter/subscribe.html",
        municipality,
        {"form": form, "has_lists": form.fields["lists"].queryset.exists()},
        section="newsletter",
        crumb=_("Subscribe to the newsletter"),
        trail=[_news_crumb(municipality)],
    )
    if request.method == "POST":
        response.status_code = 400
    return response


@public_view
def subscribe_sent(request, municipality):
    return render_page(
        request, "public/newsletter/message.html", municipality,
        {
            "title": _("Check your mail"),
            "text": _(
                "We have sent a mail with a confirmation link. The subscription starts when you "
                "open it. No link? Check the spam folder, or subscribe again."
            ),
        },
        section="newsletter",
    )  # fmt: skip


@public_view
@require_http_methods(["GET", "POST"])
def confirm(request, municipality, token):
    """GET shows a button (link scanners in mail systems must not confirm); POST confirms."""
    data = tokens.read_confirmation_token(token)
    subscriber = None
    if data is not None:
        subscriber = Subscriber.objects.filter(
            municipality=municipality, pk=data.get("s"), key=data.get("k")
        ).first()
    if subscriber is None:
        response = render_page(
            request, "public/newsletter/message.html", municipality,
            {
                "title": _("The link has expired or is not valid"),
                "text": _("Subscribe again and we will send you a new link."),
                "subscribe_link": True,
            },
            section="newsletter",
        )  # fmt: skip
        response.status_code = 400
        return response
    if request.method == "POST":
        services.confirm(data=data)
        messages.success(request, _("Thank you! Your subscription is active."))
        return redirect("public:newsletter_manage", municipality.slug, subscriber.key)
    lists = MailingList.objects.filter(pk__in=data.get("l", []), municipality=municipality)
    return render_page(
        request,
        "public/newsletter/confirm.html",
        municipality,
        {"subscriber": subscriber, "lists": lists},
        section="newsletter",
    )


@public_view
@require_http_methods(["GET", "POST"])
def manage(request, municipality, key):
    subscriber = selectors.subscriber_by_key(municipality, key)
    form = ManageForm(request.POST or None, subscriber=subscriber)
    if request.method == "POST" and form.is_valid():
        services.update_preferences(
            subscriber=subscriber,
            lists=list(form.cleaned_data["lists"]),
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("Your choices were saved."))
        return redirect("public:newsletter_manage", municipality.slug, key)
    response = render_page(
        request,
        "public/newsletter/manage.html",
        municipality,
        {"form": form, "subscriber": subscriber},
        section="newsletter",
    )
    if request.method == "POST":
        response.status_code = 400
    return response


@csrf_exempt
@public_view
@require_http_methods(["GET", "POST"])
def unsubscribe(request, municipality, key, list_pk):
    """One-click unsubscribe (RFC 8058): a POST from the mail client ends the subscription at
    once, without session or CSRF token; a GET (a person following the link) shows a button."""
    subscriber = get_object_or_404(Subscriber, municipality=municipality, key=key)
    mailing_list = selectors.mailing_list(municipality, list_pk)
    if request.method == "POST":
        services.end_subscription(
            subscriber=subscriber, mailing_list=mailing_list, method="one-click unsubscribe"
        )
        return render_page(
            request, "public/newsletter/message.html", municipality,
            {
                "title": _("You have left the newsletter"),
                "text": _("You will get no more mail from “%(list)s”.") % {"list": mailing_list},
                "manage_key": subscriber.key,
            },
            section="newsletter",
        )  # fmt: skip
    return render_page(
        request,
        "public/newsletter/unsubscribe.html",
        municipality,
        {"subscriber": subscriber, "mailing_list": mailing_list},
        section="newsletter",
    )


@public_view
def archive(request, municipality):
    page = Paginator(selectors.archive(municipality), selectors.ARCHIVE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render_page(
        request,
        "public/newsletter/archive.html",
        municipality,
        {"page": page, "issues": list(page.object_list)},
        section="newsletter",
        crumb=_("Newsletter archive"),
        trail=[_news_crumb(municipality)],
    )


@public_view
def archive_issue(request, municipality, pk):
    issue = selectors.archived_issue(municipality, pk)
    content = compose.content_context(issue, translation.get_language())
    return render_page(
        request,
        "public/newsletter/archive_issue.html",
        municipality,
        {**content, "municipality": municipality},
        section="newsletter",
        changed=[issue.sent_at],
        crumb=content["subject"],
        trail=[
            _news_crumb(municipality),
            (
                _("Newsletter archive"),
                reverse("public:newsletter_archive", args=[municipality.slug]),
            ),
        ],
    )
