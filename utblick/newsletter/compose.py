"""Composing an issue: suggestions since the last issue, and the mail in each language.

The mail is rendered once per language with placeholder links; each recipient's own manage
and unsubscribe links are put in by :func:`personalise`, so sending to many stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.db.models import Min, Prefetch, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html, strip_tags

from utblick.news.rendering import render_markdown
from utblick.projects.models import Project

from .models import Issue

MANAGE_PLACEHOLDER = "https://utblick.invalid/manage"
UNSUBSCRIBE_PLACEHOLDER = "https://utblick.invalid/unsubscribe"
# Inline CSS for the mail's content (mail clients ignore style sheets); the public archive
# page renders the same content without it.
MAIL_CSS = {
    name: format_html(' style="{}"', style)
    for name, style in {
        "intro": "margin:0 0 24px 0;",
        "h2": "font-size:22px;line-height:1.3;margin:32px 0 8px 0;color:#1a1a1a;",
        "h3": "font-size:19px;line-height:1.3;margin:24px 0 4px 0;color:#1a1a1a;",
        "a": "color:#0b4f8a;text-decoration:underline;",
        "meta": "margin:0 0 8px 0;font-size:14px;color:#4a4a4a;",
        "img": "display:block;width:100%;max-width:552px;height:auto;margin:0 0 8px 0;border:0;",
        "p": "margin:0 0 8px 0;",
        "ul": "margin:0 0 16px 0;padding:0 0 0 20px;",
        "li": "margin:0 0 12px 0;",
    }.items()
}
# Deadlines in the mail are given in Swedish time, whatever the server's time zone.
SWEDISH_TIME = ZoneInfo("Europe/Stockholm")


def absolute(path: str) -> str:
    return settings.SITE_URL + path


# Suggestions --------------------------------------------------------------------------


def last_sent_at(mailing_list, before=None):
    """When the list's latest issue went out (None if it never had one)."""
    sent = Issue.objects.filter(mailing_list=mailing_list, status=Issue.Status.SENT)
    if before is not None and before.pk:
        sent = sent.exclude(pk=before.pk)
    latest = sent.order_by("-sent_at").values_list("sent_at", flat=True).first()
    return latest


def suggested_projects(municipality, since=None):
    """Public projects new or updated since the last issue (all public ones if none)."""
    queryset = Project.objects.filter(municipality=municipality, is_public=True)
    if since is not None:
        queryset = queryset.filter(updated_at__gte=since)
    return queryset.order_by("-updated_at")


def call_model():
    return apps.get_model("funding", "Call")


def with_next_deadline(queryset, now=None):
    """Annotate calls with ``next_due``, their nearest deadline from ``now`` on."""
    now = now or timezone.now()
    return queryset.annotate(next_due=Min("deadlines__due", filter=Q(deadlines__due__gte=now)))


def upcoming_calls(municipality, since=None, limit=10):
    """Open or forthcoming calls the municipality sees (shared ones and its own), with a
    deadline ahead and new since the last issue, nearest deadline first."""
    now = timezone.now()
    queryset = call_model().objects.visible_to(municipality).upcoming(now)
    if since is not None:
        queryset = queryset.filter(created_at__gte=since)
    queryset = with_next_deadline(queryset.select_related("programme"), now)
    return queryset.order_by("next_due", "pk")[:limit]


# Rendering ----------------------------------------------------------------------------


@dataclass
class RenderedMail:
    subject: str
    text: str
    html: str


def content_prefetch() -> list:
    """What :func:`content_context` reads, fetched in a constant number of queries."""
    calls = call_model().objects.select_related("programme").prefetch_related("deadlines")
    return ["news_items", "projects", Prefetch("calls", queryset=calls)]


def issue_for_rendering(issue_pk):
    return (
        Issue.objects.select_related("municipality", "mailing_list")
        .prefetch_related(*content_prefetch())
        .get(pk=issue_pk)
    )


def call_entry(call, issue, reference) -> dict:
    """One call as the mail shows it: title, programme, next deadline (Swedish time), link.

    The deadline is the first one after ``reference`` (the sending time, or now for a draft),
    so the archive keeps showing what the mail said."""
    due = next((d.due for d in call.deadlines.all() if d.due >= reference), None)
    local = timezone.localtime(due, SWEDISH_TIME) if due else None
    url = call.url
    if not url and not issue.mailing_list.is_external:
        url = absolute(call.url_in(issue.municipality))  # staff only: fine for staff lists
    return {
        "title": call.title,
        "identifier": call.identifier,
        "language": call.language or "en",
        "programme": call.programme.name if call.programme else call.programme_name,
        "deadline": f"{local:%Y-%m-%d %H:%M}" if local else "",
        "deadline_iso": local.isoformat() if local else "",
        "url": url,
    }


def content_context(issue: Issue, language: str) -> dict:
    """What the mail and the archive page show, read in ``language``."""
    municipality = issue.municipality
    with translation.override(language):
        news = []
        for item in sorted(issue.news_items.all(), key=lambda i: i.publish_at, reverse=True):
            public = item.is_public
            news.append(
                {
                    "title": item.title,
                    "lead": item.lead,
                    "category": item.get_category_display(),
                    "url": absolute(
                        reverse("public:news_detail", args=[municipality.slug, item.pk])
                    )
                    if public
                    else "",
                    "body": "" if public else render_markdown(item.body),
                    "body_text": "" if public else item.body,
                    "image_url": (
                        absolute(reverse("public:news_image", args=[municipality.slug, item.pk]))
                        if public and item.image
                        else ""
                    ),
                    "image_alt": item.image_alt,
                }
            )
        projects = [
            {
                "title": str(project),
                "summary": project.summary,
                "url": absolute(
                    reverse("public:project_detail", args=[municipality.slug, project.pk])
                ),
            }
            for project in sorted(issue.projects.all(), key=lambda p: p.title)
        ]
        reference = issue.sent_at or timezone.now()
        calls = sorted(
            (call_entry(call, issue, reference) for call in issue.calls.all()),
            key=lambda entry: (entry["deadline_iso"] or "9999", entry["title"]),
        )
        return {
            "issue": issue,
            "municipality": municipality,
            "language": language,
            "subject": issue.subject,
            "intro": render_markdown(issue.intro),
            "intro_text": issue.intro,
            "news": news,
            "projects": projects,
            "calls": calls,
            "archive_url": absolute(reverse("public:newsletter_archive", args=[municipality.slug]))
            if issue.mailing_list.is_external
            else "",
        }


def render_mail(issue: Issue, language: str, *, manage_url=None, unsubscribe_url=None):
    """The issue as a mail in ``language``; links are placeholders unless given."""
    context = content_context(issue, language)
    context["manage_url"] = manage_url or MANAGE_PLACEHOLDER
    context["unsubscribe_url"] = unsubscribe_url or UNSUBSCRIBE_PLACEHOLDER
    context["css"] = MAIL_CSS
    with translation.override(language):
        html = render_to_string("newsletter/mail/issue.html", context)
        text = render_to_string("newsletter/mail/issue.txt", context)
    subject = " ".join(strip_tags(context["subject"]).split())
    return RenderedMail(subject=subject, text=text, html=html)


def personal_links(subscriber, mailing_list) -> tuple[str, str]:
    """The subscriber's manage and one-click unsubscribe addresses, in their language."""
    slug = mailing_list.municipality.slug
    with translation.override(subscriber.language):
        manage = reverse("public:newsletter_manage", args=[slug, subscriber.key])
        leave = reverse(
            "public:newsletter_unsubscribe", args=[slug, subscriber.key, mailing_list.pk]
        )
    return absolute(manage), absolute(leave)


def personalise(mail: RenderedMail, *, manage_url: str, unsubscribe_url: str) -> RenderedMail:
    def fill(text):
        return text.replace(MANAGE_PLACEHOLDER, manage_url).replace(
            UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url
        )

    return RenderedMail(subject=mail.subject, text=fill(mail.text), html=fill(mail.html))
