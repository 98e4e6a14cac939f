"""Reads of the newsletter app. Lists carry their counts, so pages need no per-row queries."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from . import compose
from .models import ConsentRecord, Delivery, Issue, MailingList, Subscriber, Subscription

ARCHIVE_PAGE_SIZE = 20
FAILED_SHOWN = 50


def lists_of(municipality):
    active = Q(subscriptions__status=Subscription.Status.ACTIVE)
    pending = Q(subscriptions__status=Subscription.Status.PENDING)
    return MailingList.objects.filter(municipality=municipality).annotate(
        active_count=Count("subscriptions", filter=active),
        pending_count=Count("subscriptions", filter=pending),
    )


def mailing_list(municipality, pk) -> MailingList:
    return get_object_or_404(MailingList.objects.filter(municipality=municipality), pk=pk)


def issues_of(municipality):
    return Issue.objects.filter(municipality=municipality)


def issue_list(municipality):
    sent = Q(deliveries__status=Delivery.Status.SENT)
    return (
        issues_of(municipality)
        .select_related("mailing_list")
        .annotate(sent_count=Count("deliveries", filter=sent))
    )


def issue(municipality, pk) -> Issue:
    queryset = issues_of(municipality).select_related(
        "municipality", "mailing_list", "job", "created_by"
    )
    return get_object_or_404(queryset.prefetch_related(*compose.content_prefetch()), pk=pk)


def delivery_counts(issue) -> dict:
    rows = issue.deliveries.values("status").annotate(n=Count("pk")).order_by()
    found = {row["status"]: row["n"] for row in rows}
    return [
        {"status": value, "label": label, "count": found.get(value, 0)}
        for value, label in Delivery.Status.choices
    ]


def problem_deliveries(issue):
    """Failed and retried deliveries with the server's answer (the first ones)."""
    return list(
        issue.deliveries.filter(status__in=[Delivery.Status.FAILED, Delivery.Status.RETRY])
        .select_related("subscriber")
        .order_by("pk")[:FAILED_SHOWN]
    )


def subscribers_of(municipality, query=""):
    queryset = Subscriber.objects.filter(municipality=municipality)
    if query:
        queryset = queryset.filter(email__icontains=query.strip())
    return queryset.prefetch_related(
        Prefetch("subscriptions", queryset=Subscription.objects.select_related("mailing_list"))
    )


def subscriber(municipality, pk) -> Subscriber:
    queryset = Subscriber.objects.filter(municipality=municipality).select_related("municipality")
    queryset = queryset.prefetch_related(
        Prefetch("subscriptions", queryset=Subscription.objects.select_related("mailing_list")),
        Prefetch("consents", queryset=ConsentRecord.objects.select_related("mailing_list")),
    )
    return get_object_or_404(queryset, pk=pk)


def subscriber_by_key(municipality, key) -> Subscriber:
    queryset = Subscriber.objects.filter(municipality=municipality).select_related("municipality")
    queryset = queryset.prefetch_related(
        Prefetch("subscriptions", queryset=Subscription.objects.select_related("mailing_list"))
    )
    return get_object_or_404(queryset, key=key)


def archive(municipality):
    """Sent issues of the municipality's external lists, newest first."""
    return (
        issues_of(municipality)
        .filter(status=Issue.Status.SENT, mailing_list__audience=MailingList.Audience.EXTERNAL)
        .select_related("mailing_list")
        .order_by("-sent_at", "-pk")
    )


def archived_issue(municipality, pk) -> Issue:
    queryset = archive(municipality).select_related("municipality")
    return get_object_or_404(queryset.prefetch_related(*compose.content_prefetch()), pk=pk)
