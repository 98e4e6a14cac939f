"""Reads of partners, partnerships and networks, for the views of this and other apps."""

import calendar
import datetime

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from .models import ContactPerson, NetworkMembership, Organisation, Partnership


def partnerships_of(municipality):
    return Partnership.objects.filter(municipality=municipality)


def partnerships_by_country(municipality) -> list[dict]:
    """Number of partnerships per partner country, most first."""
    rows = (
        partnerships_of(municipality)
        .values("partner__country")
        .annotate(n=Count("pk"))
        .order_by("-n", "partner__country")
    )
    from django_countries import countries

    return [
        {
            "country": row["partner__country"],
            "name": countries.name(row["partner__country"]),
            "count": row["n"],
        }
        for row in rows
    ]


def organisations_of(municipality):
    return Organisation.objects.filter(municipality=municipality)


def memberships_of(municipality):
    return NetworkMembership.objects.filter(municipality=municipality)


# Organisations ---------------------------------------------------------------------------


def _count_of(queryset, field):
    """A correlated sub-query counting the rows of ``queryset`` that point at the outer row."""
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def contacts_due_for_review(today=None):
    today = today or timezone.localdate()
    return ContactPerson.objects.filter(review_date__lt=today)


def organisation_places(organisations):
    """Name, country and city of each organisation in ``organisations`` (a queryset, e.g.
    the filtered list), for the world map: one query however many there are."""
    return list(organisations.order_by("name", "pk").values_list("pk", "name", "country", "city"))


def organisation_rows(municipality):
    """The municipality's organisations with their number of partnerships and projects."""
    # The projects app sits above this one: reach its rows through the reverse relation.
    project_partners = Organisation.project_roles.rel.related_model.objects.all()
    return (
        organisations_of(municipality)
        .select_related("unit")
        .annotate(
            partnership_count=_count_of(Partnership.objects.all(), "partner"),
            project_count=_count_of(project_partners, "organisation"),
            has_overdue_contacts=Exists(
                contacts_due_for_review().filter(organisation=OuterRef("pk"))
            ),
        )
    )


def organisation_countries(municipality) -> list[str]:
    """The country codes the municipality's organisations are in (for the list filter)."""
    return list(
        organisations_of(municipality).order_by().values_list("country", flat=True).distinct()
    )


def contacts_of(organisation):
    return organisation.contacts.order_by("name")


def project_roles_of(organisation):
    """The organisation's roles in projects, with the projects."""
    return (
        organisation.project_roles.filter(project__municipality_id=organisation.municipality_id)
        .select_related("project")
        .order_by("project__title")
    )


# Partnerships ----------------------------------------------------------------------------


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months earlier (the last day of a shorter month)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def dormancy_cutoff(today=None) -> datetime.date:
    """Without logged activity since this date (and older than it) a partnership is dormant."""
    return months_before(today or timezone.localdate(), settings.DORMANT_AFTER_MONTHS)


def with_activity(queryset, today=None):
    """Annotate ``last_activity`` and ``dormant_by_activity`` (one query for any number).

    A partnership that has not ended, started (or was recorded) before the cut-off and has
    no logged activity since then is dormant by activity, whatever its recorded status.
    """
    cutoff = dormancy_cutoff(today)
    return queryset.annotate(
        last_activity=Max("activities__date"),
        started=Coalesce("since", TruncDate("created_at"), output_field=DateField()),
    ).annotate(
        dormant_by_activity=Case(
            When(
                Q(started__lt=cutoff)
                & (Q(last_activity__isnull=True) | Q(last_activity__lt=cutoff))
                & ~Q(status=Partnership.Status.ENDED),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def partnership_rows(municipality, today=None):
    """The municipality's partnerships for the list, with partner and activity annotations."""
    return with_activity(
        partnerships_of(municipality).select_related("partner", "unit"), today
    ).order_by("partner__name", "pk")


def partnership_countries(municipality) -> list[str]:
    return list(
        partnerships_of(municipality)
        .order_by()
        .values_list("partner__country", flat=True)
        .distinct()
    )


def activities_of(partnership):
    """The activity log, newest first."""
    return partnership.activities.select_related("author").order_by("-date", "-pk")


# Networks ---------------------------------------------------------------------------------


def membership_rows(municipality):
    return (
        memberships_of(municipality)
        .select_related("network", "unit")
        .prefetch_related("representative_units")
        .order_by("network__name", "pk")
    )
