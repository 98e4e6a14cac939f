"""E-mail reminders a configurable number of days before watched deadlines, each sent once."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from utblick.tenancy.models import Membership

from .models import CallDeadline, ReminderSent, Watch


def recipients(watch: Watch) -> list:
    if watch.user_id:
        return [watch.user]
    return [
        m.user
        for m in Membership.objects.filter(
            municipality_id=watch.municipality_id, unit_id=watch.unit_id
        ).select_related("user")
    ]


def send_deadline_reminders(*, now=None, days=None) -> int:
    """Remind the watchers of every deadline within ``days``; returns the number of e-mails."""
    now = now or timezone.now()
    days = settings.FUNDING_REMINDER_DAYS if days is None else days
    horizon = now + datetime.timedelta(days=days)
    deadlines = CallDeadline.objects.filter(due__gte=now, due__lte=horizon).select_related("call")
    sent = 0
    for deadline in deadlines:
        watches = Watch.objects.filter(call_id=deadline.call_id).select_related(
            "user", "municipality"
        )
        users = {}
        for watch in watches:
            for user in recipients(watch):
                if user.email:
                    # The call's page in the municipality that watches it.
                    users[user.pk] = (user, watch.municipality)
        for user, municipality in users.values():
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(deadline=deadline, user=user, due=deadline.due)
            except IntegrityError:
                continue  # already reminded about this deadline
            with translation.override("sv"):
                local = timezone.localtime(deadline.due)
                send_mail(
                    _("Deadline %(date)s: %(call)s")
                    % {"date": f"{local:%Y-%m-%d %H:%M}", "call": deadline.call.identifier},
                    _(
                        "The call “%(title)s” closes on %(date)s (Swedish time).\n\n"
                        "The call in Utblick: %(link)s\n%(funder)s"
                    )
                    % {
                        "title": deadline.call.title,
                        "date": f"{local:%Y-%m-%d %H:%M}",
                        "link": settings.SITE_URL
                        + reverse("staff:call_detail", args=[municipality.slug, deadline.call_id]),
                        "funder": _("The funder's page: %(url)s") % {"url": deadline.call.url}
                        if deadline.call.url
                        else "",
                    },
                    None,
                    [user.email],
                )
            sent += 1
    return sent
