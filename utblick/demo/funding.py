"""Demo data of the funding radar (idempotent): a cut of real EU calls, Trollhättan's funding
needs written from its action plan's development potential, an ISG with a meeting."""

import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from utblick.funding.imports import import_file
from utblick.funding.isg.agenda import draft
from utblick.funding.models import AgendaItem, GroupMember, Meeting, Need
from utblick.jobs.services import start_job
from utblick.strategy.models import FocusArea
from utblick.tenancy.models import Municipality, Unit

CUT = Path(__file__).resolve().parents[1] / "funding" / "data" / "eu-topics-cut.json"

# (unit, title sv, title en, description sv, amount SEK, focus area) from Trollhättan's action plan
# (utvecklingspotential) and its SERN projects.
NEEDS = [
    (
        "Samhällsbyggnadsförvaltningen",
        "Grön stadsplanering med Fastiv",
        "Green city planning with Fastiv",
        "Addera hållbarhetsperspektivet till samarbetet med Fastiv i Ukraina: grön "
        "stadsplanering, klimatneutralitet, biologisk mångfald och cirkulär ekonomi i "
        "återuppbyggnaden.",
        1_500_000,
        "Hållbar samhällsutveckling",
    ),
    (
        "Kontoret för Hållbarhet och Tillväxt",
        "Energibesparing i skolor",
        "Energy saving in schools",
        "Som i 50-50-projektet på Strömslundskolan vill vi minska energianvändningen i "
        "stadens skolor genom renovering, styrning och elevernas egna insatser.",
        800_000,
        "Hållbar samhällsutveckling",
    ),
    (
        "Kommunstyrelsens förvaltning",
        "Ungdomsutbyte mot rasism inom idrotten",
        "Youth exchange against racism in sport",
        "Ungdomsutbyte med fokus på jämställdhet och förebyggande av rasism inom idrotten, "
        "tillsammans med partner i SERN-nätverket.",
        400_000,
        "Verksamhets- och kompetensutveckling",
    ),
    (
        "Näringslivsenheten",
        "Näringslivsutbyte med Fastiv",
        "Business exchange with Fastiv",
        "Undersöka möjligheter för Trollhättaföretag att bidra till samarbetet med Fastiv i "
        "Ukraina och göra affärer med aktörer där.",
        300_000,
        "Näringslivsutveckling",
    ),
]


def load_demo_data():
    municipality = Municipality.objects.filter(slug="trollhattan").first()
    with transaction.atomic():
        result = import_file(data=CUT.read_bytes())
        if municipality is None:
            return
        units = {u.name: u for u in Unit.objects.filter(municipality=municipality)}
        focus_areas = {
            area.name: area
            for area in FocusArea.objects.filter(strategy__municipality=municipality)
        }
        for unit_name, title_sv, title_en, description, amount, focus in NEEDS:
            unit = units.get(unit_name)
            if unit is None:
                continue
            Need.objects.update_or_create(
                municipality=municipality,
                title_sv=title_sv,
                defaults={
                    "title": title_sv,
                    "title_en": title_en,
                    "description": description,
                    "description_sv": description,
                    "unit": unit,
                    "amount": amount,
                    "focus_area": focus_areas.get(focus),
                },
            )
        for index, unit in enumerate(units.values()):
            GroupMember.objects.update_or_create(
                municipality=municipality,
                unit=unit,
                defaults={
                    "name": f"Representant {index + 1}",
                    "email": f"isg{index + 1}@example.org",
                },
            )
        starts = timezone.make_aware(
            datetime.datetime.combine(
                timezone.localdate() + datetime.timedelta(days=21), datetime.time(9, 0)
            )
        )
        meeting, created = Meeting.objects.get_or_create(
            municipality=municipality,
            place="Stadshuset, Trollhättan",
            defaults={"starts_at": starts},
        )
        if created:
            AgendaItem.objects.bulk_create(
                AgendaItem(meeting=meeting, **item) for item in draft(municipality)
            )
        if result["changed_ids"]:
            start_job(
                municipality=municipality,
                user=None,
                title="Semantic index of the demo calls",
                handler="utblick.funding.embeddings.embed_calls_job",
            )
