"""Demo data of the funding radar (idempotent): a cut of real EU calls, Trollhättan's funding
needs written from its action plan's development potential, an ISG with a meeting; every
need, member and meeting through the services of the staff pages."""

import datetime
import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from utblick.funding import services as funding_services
from utblick.funding.embeddings import embed_calls_job
from utblick.funding.imports import import_file
from utblick.funding.models import Need
from utblick.isg import services as isg_services
from utblick.isg.forms import GroupMemberForm, MeetingForm, NewMeetingForm
from utblick.isg.models import GroupMember, Meeting
from utblick.jobs.services import start_job
from utblick.strategy.models import FocusArea
from utblick.tenancy.models import Municipality, Unit

CUT = Path(__file__).resolve().parents[1] / "funding" / "data" / "eu-topics-cut.json"
# The day the cut was harvested from the EU portal. The demo moves every deadline by the days
# since then, so that the calls are as open (or closed) on the day the demo is loaded as they
# were on the day they were harvested.
HARVESTED_ON = datetime.date(2026, 8, 1)

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
        "Ungdomsutbyte om idrott för alla: inkludering, jämställdhet och förebyggande av "
        "rasism inom idrotten, tillsammans med partner i SERN-nätverket.",
        400_000,
        "Verksamhets- och kompetensutveckling",
    ),
    (
        "Näringslivsenheten",
        "Vänortsutbyte med Fastiv",
        "Town twinning exchange with Fastiv",
        "Vänortsmöten mellan medborgare i Trollhättan och Fastiv i Ukraina: invånare, "
        "föreningar och företag träffas för att stärka det europeiska samarbetet och "
        "undersöka hur Trollhättaföretag kan bidra till återuppbyggnaden och göra affärer "
        "med aktörer där.",
        300_000,
        "Näringslivsutveckling",
    ),
]


def load_demo_data():
    municipality = Municipality.objects.filter(slug="trollhattan").first()
    with transaction.atomic():
        result = import_file(data=current_cut(timezone.localdate()))
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
            funding_services.save_need(
                municipality=municipality,
                user=None,
                need=Need.objects.filter(municipality=municipality, title_sv=title_sv).first(),
                title_sv=title_sv,
                title_en=title_en,
                description_sv=description,
                unit=unit,
                amount=amount,
                focus_area=focus_areas.get(focus),
            )
        load_group(municipality, units.values())
        if result["changed_ids"]:
            start_job(
                municipality=municipality,
                user=None,
                title=_("Semantic index of the demo calls"),
                task=embed_calls_job,
            )


def load_group(municipality, units):
    """A representative of every unit and the next meeting, three weeks ahead, with its
    agenda drafted: through the group's forms and services, like the staff pages."""
    members = {m.unit_id: m for m in GroupMember.objects.filter(municipality=municipality)}
    for index, unit in enumerate(units):
        number = index + 1
        data = {
            "unit": unit.pk,
            "name": f"Representant {number}",
            "email": f"isg{number}@example.org",
        }
        form = GroupMemberForm(data, instance=members.get(unit.pk), municipality=municipality)
        _valid(form)
        isg_services.save_member(form=form, municipality=municipality)
    starts = datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=21), datetime.time(9, 0)
    )
    data = {"starts_at": f"{starts:%Y-%m-%dT%H:%M}", "place": "Stadshuset, Trollhättan"}
    meeting = Meeting.objects.filter(municipality=municipality, place=data["place"]).first()
    if meeting is None:
        form = NewMeetingForm(data)
        _valid(form)
        isg_services.create_meeting(form=form, municipality=municipality)
    else:
        form = MeetingForm({**data, "minutes": meeting.minutes}, instance=meeting)
        _valid(form)
        isg_services.save_meeting(form=form, formsets=[])


def _valid(form):
    """Demo data that the form refuses is a bug in the demo: stop the loading."""
    if not form.is_valid():
        raise ValueError(f"Demo data refused: {form.errors.as_json()}")


def current_cut(today: datetime.date) -> bytes:
    """The harvested cut with its deadlines moved by the days from the harvest to ``today``
    (the same format: concatenated JSON objects)."""
    shift = today - HARVESTED_ON
    text = CUT.read_bytes().decode("utf-8-sig")
    decoder, position, records = json.JSONDecoder(), 0, []
    while position < len(text):
        record, position = decoder.raw_decode(text, position)
        while position < len(text) and text[position].isspace():
            position += 1
        days = str(record["deadline"]).replace(";", ",").split(",")
        record["deadline"] = ", ".join(
            (datetime.date.fromisoformat(day.strip()) + shift).isoformat() for day in days
        )
        records.append(json.dumps(record, ensure_ascii=False))
    return "".join(records).encode()
