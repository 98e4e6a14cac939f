import datetime
import itertools
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from utblick.partners.models import Organisation

from ..models import (
    FunderProgramme,
    Project,
    ProjectDocument,
    ProjectLink,
    ProjectPartner,
    ProjectReport,
    ProjectStatusChange,
    SustainableDevelopmentGoal,
    Tag,
)

# The smallest file our upload validation accepts as a PDF.
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


WORLD_FILE = "tests/utblick-projects-world.pdf"


def pdf_file(name="document.pdf"):
    return ContentFile(TINY_PDF, name=name)


def world_file():
    """One stored file shared by the world's documents, written once (not on every run)."""
    if not default_storage.exists(WORLD_FILE):
        default_storage.save(WORLD_FILE, pdf_file())
    return WORLD_FILE


_numbers = itertools.count(1)


def organisation(municipality, **fields):
    """A partner organisation, made with the ORM (the partners app owns its factories)."""
    fields.setdefault("name", f"Partner {next(_numbers)}")
    fields.setdefault("kind", Organisation.Kind.MUNICIPALITY)
    fields.setdefault("country", "DE")
    return Organisation.objects.create(municipality=municipality, **fields)


def programme(name="Interreg Europe"):
    return FunderProgramme.objects.get(name=name)


def goal(number):
    return SustainableDevelopmentGoal.objects.get(number=number)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"Projekt {n}")
    title_sv = factory.SelfAttribute("title")
    role = Project.Role.PARTNER
    status = Project.Status.IDEA


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"tag {n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectPartner

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.LazyAttribute(lambda o: organisation(o.project.municipality))
    role = ProjectPartner.Role.PARTNER


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectDocument

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Dokument {n}")
    file = factory.LazyFunction(pdf_file)


def world_records(*, municipality, unit):
    """A public and an internal project of ``unit``, with a partner, a status change, a link,
    a public and an internal document."""
    public = ProjectFactory(
        municipality=municipality,
        title="Gröna gränsstäder",
        title_sv="Gröna gränsstäder",
        title_en="Green border towns",
        acronym_sv="GREEN",
        acronym_en="GREEN",
        summary_sv="Klimatsmarta stadskärnor i gränsregioner.",
        summary_en="Climate-smart town centres in border regions.",
        role=Project.Role.LEAD,
        unit=unit,
        programme=programme("Interreg Europe"),
        call_identifier="IE-2024-3",
        start_date=datetime.date(2024, 3, 1),
        end_date=datetime.date(2099, 2, 28),
        status=Project.Status.ONGOING,
        currency=Project.Currency.EUR,
        exchange_rate=Decimal("11.5000"),
        budget_total=Decimal("200000"),
        grant=Decimal("160000"),
        own_cash=Decimal("25000"),
        own_in_kind=Decimal("15000"),
        is_public=True,
    )
    public.goals.set([goal(11), goal(13)])
    public.tags.set([TagFactory(name="klimat")])
    internal = ProjectFactory(
        municipality=municipality,
        title="Intern förstudie",
        title_sv="Intern förstudie",
        role=Project.Role.PARTNER,
        unit=unit,
        status=Project.Status.PREPARATION,
        is_public=False,
    )
    partner_organisation = organisation(
        municipality, name=f"Stadt Flensburg ({municipality.slug})", country="DE", unit=unit
    )
    partner = ProjectPartner.objects.create(
        project=public, organisation=partner_organisation, role=ProjectPartner.Role.PARTNER
    )
    status_change = ProjectStatusChange.objects.create(
        project=public, status=Project.Status.ONGOING, date=datetime.date(2024, 3, 1)
    )
    link = ProjectLink.objects.create(
        project=public, title="Projektets webbplats", url="https://example.org/green"
    )
    document = ProjectDocument.objects.create(
        project=public, title="Slutrapport", is_public=True, file=world_file()
    )
    internal_document = ProjectDocument.objects.create(
        project=public, title="Budgetunderlag", is_public=False, file=world_file()
    )
    report = ProjectReport.objects.create(
        project=public,
        title="Delrapport 1",
        kind=ProjectReport.Kind.INTERIM,
        due_date=datetime.date.today() + datetime.timedelta(days=45),
        due_time=datetime.time(10, 0),
    )
    return {
        "project": public,
        "project_report": report,
        "public_project": public,
        "internal_project": internal,
        "project_organisation": partner_organisation,
        "project_partner": partner,
        "project_status_change": status_change,
        "project_link": link,
        "project_document": document,
        "internal_project_document": internal_document,
    }
