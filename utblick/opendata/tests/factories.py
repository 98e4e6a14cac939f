"""Test data of the opendata app, and the sample records it adds to the test world."""

import datetime
import itertools
from pathlib import Path

from utblick.partners.models import Organisation

from ..models import DueDiligence, EUOrganisation, EUProject, OrganisationLink, Participation
from ..text import normalise_name, search_terms

DATA = Path(__file__).resolve().parent.parent / "data"
_numbers = itertools.count(1)


def eu_organisation(**fields):
    number = next(_numbers)
    fields.setdefault("name", f"Organisation {number}")
    fields.setdefault("country", "DE")
    fields.setdefault("key", f"name:{normalise_name(fields['name'])}|{fields['country']}")
    fields.setdefault("normalised_name", normalise_name(fields["name"]))
    return EUOrganisation.objects.create(**fields)


def eu_project(**fields):
    number = next(_numbers)
    fields.setdefault("source", "h2020")
    fields.setdefault("external_id", str(900000 + number))
    fields.setdefault("programme", "Horizon 2020")
    fields.setdefault("title", f"Project {number}")
    fields["search_text"] = search_terms(
        " ".join([fields.get("acronym", ""), fields["title"], fields.get("topic_description", "")])
    )
    return EUProject.objects.create(**fields)


def participation(organisation, project, **fields):
    fields.setdefault("role", "Participant")
    fields.setdefault("year", 2020)
    return Participation.objects.create(organisation=organisation, project=project, **fields)


def world_records(*, municipality, unit):
    """A registry partner of ``unit`` with a pending link to an EU organisation (shared data)
    and a due-diligence check."""
    slug = municipality.slug
    partner = Organisation.objects.create(
        municipality=municipality,
        name=f"Hanzehogeschool Groningen ({slug})",
        kind=Organisation.Kind.UNIVERSITY,
        country="NL",
        unit=unit,
    )
    eu = eu_organisation(name=f"Hanze University Groningen {slug}", country="NL", pic="")
    project = eu_project(title=f"Climate adaptation in cities {slug}")
    participation(eu, project, is_coordinator=True, role="Coordinator", eu_contribution=1000)
    link = OrganisationLink.objects.create(
        municipality=municipality,
        organisation=partner,
        eu_organisation=eu,
        method=OrganisationLink.Method.FUZZY,
        score=88,
        status=OrganisationLink.Status.PENDING,
    )
    check = DueDiligence.objects.create(
        municipality=municipality,
        organisation=partner,
        occasion="Interreg Europe 2026",
        assessed_on=datetime.date(2026, 3, 1),
    )
    return {
        "opendata_partner": partner,
        "eu_organisation": eu,
        "organisation_link": link,
        "due_diligence": check,
    }
