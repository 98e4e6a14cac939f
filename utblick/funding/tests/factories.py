import datetime
import itertools

import factory
from django.utils import timezone

from utblick.tenancy.models import Membership, Role

from ..models import (
    Call,
    CallDeadline,
    FeedToken,
    Need,
    Watch,
)
from ..parsers import BRUSSELS

_numbers = itertools.count(1)


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    identifier = factory.Sequence(lambda n: f"TEST-CALL-{n}")
    title = factory.Sequence(lambda n: f"Test call {n}")
    source = Call.Source.EU
    status = Call.Status.OPEN
    description = "A call for testing."


def deadline(call, days=30, hour=17):
    day = timezone.localdate() + datetime.timedelta(days=days)
    due = datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=BRUSSELS)
    return CallDeadline.objects.create(call=call, due=due)


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    title = factory.Sequence(lambda n: f"Behov {n}")
    title_sv = factory.SelfAttribute("title")
    description = "Vi behöver pengar."
    description_sv = factory.SelfAttribute("description")


def world_records(*, municipality, unit):
    """A manual call of the municipality with a deadline, a need of ``unit`` with a mark,
    watch list entries and a feed token."""
    call = CallFactory(
        identifier=f"MANUAL-{municipality.slug}-{next(_numbers)}",
        title="Nordplus Junior 2027",
        source=Call.Source.MANUAL,
        municipality=municipality,
        language="sv",
        url="https://www.nordplusonline.org/",
    )
    call_deadline = deadline(call, days=60, hour=23)
    need = NeedFactory(
        municipality=municipality,
        unit=unit,
        title="Ungdomsutbyte mot rasism i idrotten",
        description=(
            "Ungdomsutbyte med fokus på jämställdhet och förebyggande av rasism inom idrotten."
        ),
    )
    Watch.objects.create(municipality=municipality, call=call, unit=unit)
    coordinator = (
        Membership.objects.filter(municipality=municipality, role=Role.COORDINATOR).first().user
    )
    token = FeedToken.objects.create(
        municipality=municipality, kind=FeedToken.Kind.MUNICIPALITY, user=coordinator
    )
    return {
        "funding_call": call,
        "funding_deadline": call_deadline,
        "funding_need": need,
        "funding_feed_token": token,
    }
