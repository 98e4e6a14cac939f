import datetime

import factory
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from utblick.partners.models import (
    ContactPerson,
    Network,
    NetworkMembership,
    Organisation,
    Partnership,
    PartnershipActivity,
)

# The smallest PDF that readers open: one empty page.
TINY_PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n"
    b"%%EOF\n"
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Partner organisation {n:03d}")
    kind = Organisation.Kind.MUNICIPALITY
    country = "DE"
    city = factory.Sequence(lambda n: f"City {n}")


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    role = "Coordinator"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    legal_basis = ContactPerson.LegalBasis.PUBLIC_TASK
    review_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    partner = factory.SubFactory(
        OrganisationFactory, municipality=factory.SelfAttribute("..municipality")
    )
    kind = Partnership.Kind.TWIN_TOWN
    status = Partnership.Status.ACTIVE
    since = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    description_sv = "Vänort sedan länge."


class PartnershipActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipActivity

    partnership = factory.SubFactory(PartnershipFactory)
    date = factory.LazyFunction(timezone.localdate)
    text = factory.Sequence(lambda n: f"Visit number {n}")


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Network {n:03d}")
    acronym = factory.Sequence(lambda n: f"N{n}")


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    network = factory.SubFactory(NetworkFactory)
    member_since = datetime.date(2015, 1, 1)
    yearly_fee = 12000
    fee_currency = "SEK"


def stored_agreement(municipality):
    """The name of a tiny PDF agreement in storage, written once (kept between test runs)."""
    name = f"m{municipality.pk}/partnership/world-agreement.pdf"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(TINY_PDF))
    return name


def world_records(*, municipality, unit):
    """Sample records of the partners app for the test world, all owned by ``unit``."""
    organisation = OrganisationFactory(
        municipality=municipality, unit=unit, name=f"Kaiserslautern ({municipality.code})"
    )
    partnership = PartnershipFactory(municipality=municipality, partner=organisation, unit=unit)
    partnership.agreement.name = stored_agreement(municipality)
    partnership.save()
    network = NetworkFactory(name="Union of the Baltic Cities", acronym="UBC")
    membership = NetworkMembershipFactory(municipality=municipality, network=network, unit=unit)
    membership.representative_units.add(unit)
    return {
        "partner_organisation": organisation,
        "partner_contact": ContactPersonFactory(organisation=organisation),
        "partnership": partnership,
        "partnership_activity": PartnershipActivityFactory(partnership=partnership),
        "network": network,
        "network_membership": membership,
    }
