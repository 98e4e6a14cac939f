"""Records for the public site's tests.

The factories make *public* records unless told otherwise (``is_public=False``), since that
is what the public site shows; tests create the internal ones explicitly. The public site adds
no sample records to the test world (no ``world_records``): the matrix uses the projects and
partners apps' samples, and other apps' tests count the world's records.
"""

import datetime

import factory
from django.utils import timezone

from utblick.partners.models import Network, NetworkMembership, Organisation, Partnership
from utblick.projects.models import (
    FunderProgramme,
    Project,
    ProjectDocument,
    ProjectLink,
    ProjectPartner,
)

PDF_BYTES = b"%PDF-1.4\n% Utblick test document\n"


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Partnerorganisation {n}")
    kind = Organisation.Kind.MUNICIPALITY
    country = "DE"
    city = factory.Sequence(lambda n: f"Stadt {n}")


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    partner = factory.SubFactory(
        OrganisationFactory, municipality=factory.SelfAttribute("..municipality")
    )
    kind = Partnership.Kind.TWIN_TOWN
    since = datetime.date(1965, 5, 1)
    status = Partnership.Status.ACTIVE
    description_sv = ""
    is_public = True


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Nätverk {n}")
    description_sv = factory.Sequence(lambda n: f"Beskrivning av nätverk {n}")


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    network = factory.SubFactory(NetworkFactory)
    member_since = datetime.date(2012, 3, 1)
    description_sv = ""
    is_public = True


def programme(name_sv="Interreg Östersjöprogrammet"):
    """A funding programme from the reference data (loaded by a migration)."""
    return FunderProgramme.objects.get(name_sv=name_sv)


class ProjectFactory(factory.django.DjangoModelFactory):
    """An ongoing public project; pass ``is_public=False`` for an internal one."""

    class Meta:
        model = Project

    title_sv = factory.Sequence(lambda n: f"Projekt nummer {n}")
    summary_sv = factory.Sequence(lambda n: f"Sammanfattning av projekt {n}.")
    role = Project.Role.PARTNER
    status = Project.Status.ONGOING
    start_date = factory.LazyFunction(lambda: in_days(-200))
    end_date = factory.LazyFunction(lambda: in_days(300))
    programme = factory.LazyFunction(programme)
    is_public = True


class ProjectPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectPartner

    organisation = factory.SubFactory(
        OrganisationFactory, municipality=factory.SelfAttribute("..project.municipality")
    )
    role = ProjectPartner.Role.PARTNER


class ProjectLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectLink

    title = factory.Sequence(lambda n: f"Länk {n}")
    url = factory.Sequence(lambda n: f"https://example.org/projekt/{n}")


class ProjectDocumentFactory(factory.django.DjangoModelFactory):
    """A public document with a small PDF file (stored under MEDIA_ROOT)."""

    class Meta:
        model = ProjectDocument

    title = factory.Sequence(lambda n: f"Dokument {n}")
    file = factory.django.FileField(filename="rapport.pdf", data=PDF_BYTES)
    is_public = True
