import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from utblick.partners.models import ContactPerson, Organisation
from utblick.projects.models import Project, ProjectPartner

from .factories import ContactPersonFactory, OrganisationFactory, PartnershipFactory
from .helpers import as_user, page_text, staff_url

pytestmark = pytest.mark.django_db


def organisation_data(**overrides):
    data = {
        "name": "Ville de Nîmes",
        "kind": Organisation.Kind.MUNICIPALITY,
        "country": "FR",
        "city": "Nîmes",
        "website": "https://www.nimes.fr",
        "pic": "999123456",
        "notes": "",
    }
    data.update(overrides)
    return data


# List -------------------------------------------------------------------------------------


def test_list_shows_columns_and_counts(client, home, away):
    organisation = home.records["partner_organisation"]
    PartnershipFactory(
        municipality=home.municipality, partner=organisation, kind="friendship"
    )  # second partnership
    project = Project.objects.create(municipality=home.municipality, title="Baltic", role="lead")
    ProjectPartner.objects.create(project=project, organisation=organisation, role="partner")
    OrganisationFactory(municipality=away.municipality, name="Only in Motala")

    response = as_user(client, home.users["reader"]).get(staff_url("organisation_list", home))

    assert response.status_code == 200
    row = next(o for o in response.context["object_list"] if o.pk == organisation.pk)
    assert (row.partnership_count, row.project_count) == (2, 1)
    text = page_text(response)
    assert organisation.name in text
    assert "Germany" in text
    assert "Only in Motala" not in text


def test_list_filters_by_type_country_and_search(client, home):
    # Other apps add organisations to the test world; only this test's own ones count here.
    existing = set(
        Organisation.objects.filter(municipality=home.municipality).values_list("name", flat=True)
    )
    OrganisationFactory(
        municipality=home.municipality, name="Uni Tartu", kind="university", country="EE"
    )
    OrganisationFactory(
        municipality=home.municipality, name="Oslo kommune", country="NO", city="Oslo"
    )
    OrganisationFactory(municipality=home.municipality, name="Firma", pic="912345678")
    as_user(client, home.users["coordinator"])
    url = staff_url("organisation_list", home)

    def names(query):
        response = client.get(url, query)
        assert response.status_code == 200
        return {o.name for o in response.context["object_list"]} - existing

    assert names({"kind": "university"}) == {"Uni Tartu"}
    assert names({"country": "NO"}) == {"Oslo kommune"}
    assert names({"q": "oslo"}) == {"Oslo kommune"}
    assert names({"q": "912 345 678"}) == {"Firma"}
    # A value that is not among the choices is ignored, not an error page.
    assert "Firma" in names({"country": "ZZ", "page": "99"})


def test_country_names_follow_the_language(client, home):
    as_user(client, home.users["reader"])
    with translation.override("sv"):
        swedish = reverse("staff:organisation_list", args=[home.municipality.slug])
    assert not swedish.startswith("/en/")
    assert "Tyskland" in page_text(client.get(swedish))
    assert "Germany" in page_text(client.get(staff_url("organisation_list", home)))


def test_list_filters_organisations_with_contacts_due_for_review(client, home):
    late = OrganisationFactory(municipality=home.municipality, name="Late review")
    ContactPersonFactory(
        organisation=late, review_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = as_user(client, home.users["reader"]).get(
        staff_url("organisation_list", home), {"review": "yes"}
    )
    assert [o.name for o in response.context["object_list"]] == ["Late review"]
    assert "Contact review overdue" in page_text(response)


# Detail -----------------------------------------------------------------------------------


def test_detail_shows_facts_contacts_partnerships_projects(client, home):
    organisation = home.records["partner_organisation"]
    organisation.pic = "949876543"
    organisation.save()
    project = Project.objects.create(
        municipality=home.municipality, title="Green harbours", role="lead"
    )
    ProjectPartner.objects.create(project=project, organisation=organisation, role="partner")

    response = as_user(client, home.users["reader"]).get(
        staff_url("organisation_detail", home, pk=organisation.pk)
    )

    text = page_text(response)
    assert response.status_code == 200
    assert "949876543" in text
    assert home.records["partner_contact"].name in text
    assert home.records["partner_contact"].email in text
    assert staff_url("partnership_detail", home, pk=home.records["partnership"].pk) in text
    assert "Green harbours" in text
    assert "Change history" in text
    # A reader sees no edit links.
    assert staff_url("organisation_edit", home, pk=organisation.pk) not in text


def test_overdue_review_is_shown_in_words(client, home):
    organisation = home.records["partner_organisation"]
    ContactPersonFactory(
        organisation=organisation,
        name="Old Contact",
        review_date=timezone.localdate() - datetime.timedelta(days=3),
    )
    url = staff_url("organisation_detail", home, pk=organisation.pk)

    text = page_text(as_user(client, home.users["reader"]).get(url))

    assert text.count("Review overdue") == 1
    row = text[text.index("Old Contact") :]
    assert "Review overdue" in row[: row.index("</tr>")]


# Create, edit, delete ---------------------------------------------------------------------


def test_coordinator_creates_organisation(client, home):
    response = as_user(client, home.users["coordinator"]).post(
        staff_url("organisation_create", home), organisation_data(unit=home.other_unit.pk)
    )

    organisation = Organisation.objects.get(name="Ville de Nîmes")
    assert response.status_code == 302
    assert response["Location"] == staff_url("organisation_detail", home, pk=organisation.pk)
    assert organisation.municipality == home.municipality
    assert organisation.unit == home.other_unit
    assert organisation.country.code == "FR"


def test_unit_representative_creates_for_own_unit(client, home):
    response = as_user(client, home.users["rep"]).post(
        staff_url("organisation_create", home), organisation_data(unit=home.other_unit.pk)
    )
    assert response.status_code == 302
    assert Organisation.objects.get(name="Ville de Nîmes").unit == home.unit


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("pic", "12345", "The PIC must be exactly nine digits"),
        ("pic", "12345678X", "The PIC must be exactly nine digits"),
        ("name", "", "This field is required."),
        ("country", "XX", "Select a valid choice"),
        ("website", "not a site", "Enter a valid URL."),
    ],
)
def test_invalid_organisation_is_refused(client, home, field, value, message):
    before = Organisation.objects.count()
    response = as_user(client, home.users["coordinator"]).post(
        staff_url("organisation_create", home), organisation_data(**{field: value})
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert message in page_text(response)
    assert Organisation.objects.count() == before


def test_duplicate_name_in_same_country_is_refused(client, home):
    existing = home.records["partner_organisation"]
    response = as_user(client, home.users["coordinator"]).post(
        staff_url("organisation_create", home),
        organisation_data(name=existing.name.upper(), country="DE"),
    )
    assert response.status_code == 400
    assert "There is already an organisation with this name in this country." in page_text(response)


def test_duplicate_name_in_another_case_beyond_ascii_is_refused(client, home):
    # "Å" and "É" are not ASCII letters: SQLite's own case folding would not see the clash.
    OrganisationFactory(
        municipality=home.municipality, name="Ålands landskapsregering", country="FI"
    )
    OrganisationFactory(municipality=home.municipality, name="École de Genève", country="CH")
    as_user(client, home.users["coordinator"])
    for name, country in (("ÅLANDS LANDSKAPSREGERING", "FI"), ("école de genève", "CH")):
        response = client.post(
            staff_url("organisation_create", home), organisation_data(name=name, country=country)
        )
        assert response.status_code == 400
        assert response.context["form"].errors["name"] == [
            "There is already an organisation with this name in this country."
        ]
    # The same name in another country is another organisation.
    response = client.post(
        staff_url("organisation_create", home),
        organisation_data(name="ÅLANDS LANDSKAPSREGERING", country="SE"),
    )
    assert response.status_code == 302


def test_unit_from_another_municipality_is_refused(client, home, away):
    response = as_user(client, home.users["coordinator"]).post(
        staff_url("organisation_create", home), organisation_data(unit=away.unit.pk)
    )
    assert response.status_code == 400
    assert "unit" in response.context["form"].errors
    assert not Organisation.objects.filter(name="Ville de Nîmes").exists()


def test_edit_is_recorded_in_the_history(client, home):
    organisation = home.records["partner_organisation"]
    as_user(client, home.users["rep"])
    data = organisation_data(name=organisation.name, country="DE", city="Kaiserslautern-Mitte")

    response = client.post(staff_url("organisation_edit", home, pk=organisation.pk), data)

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.city == "Kaiserslautern-Mitte"
    assert organisation.unit == home.unit
    detail = page_text(client.get(staff_url("organisation_detail", home, pk=organisation.pk)))
    assert "Changed:" in detail
    assert "city" in detail[detail.index("Change history") :]
    assert home.users["rep"].get_full_name() in detail


def test_delete_asks_then_deletes(client, home):
    organisation = OrganisationFactory(municipality=home.municipality, unit=home.unit)
    contact = ContactPersonFactory(organisation=organisation)
    url = staff_url("organisation_delete", home, pk=organisation.pk)
    as_user(client, home.users["coordinator"])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert f"Delete “{organisation.name}”?" in page_text(confirm)
    assert Organisation.objects.filter(pk=organisation.pk).exists()

    response = client.post(url)
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert not ContactPerson.objects.filter(organisation_id=organisation.pk).exists()
    assert not ContactPerson.history.filter(id=contact.pk).exists()


def test_organisation_in_use_is_not_deleted(client, home):
    organisation = home.records["partner_organisation"]
    url = staff_url("organisation_delete", home, pk=organisation.pk)
    as_user(client, home.users["coordinator"])

    assert "It is the partner in a partnership." in page_text(client.get(url))
    response = client.post(url)
    assert response.status_code == 409
    assert Organisation.objects.filter(pk=organisation.pk).exists()


# Contact persons --------------------------------------------------------------------------


def contact_data(**overrides):
    data = {
        "name": "Anna Schmidt",
        "role": "Head of international affairs",
        "email": "anna.schmidt@example.de",
        "phone": "+49 631 365 0",
        "legal_basis": ContactPerson.LegalBasis.PUBLIC_TASK,
        "review_date": "2030-01-31",
    }
    data.update(overrides)
    return data


def test_add_contact_person(client, home):
    organisation = home.records["partner_organisation"]
    response = as_user(client, home.users["rep"]).post(
        staff_url("contact_create", home, pk=organisation.pk), contact_data()
    )
    assert response.status_code == 302
    contact = organisation.contacts.get(name="Anna Schmidt")
    assert contact.review_date == datetime.date(2030, 1, 31)
    assert contact.legal_basis == "public_task"


def test_contact_form_explains_gdpr(client, home):
    organisation = home.records["partner_organisation"]
    response = as_user(client, home.users["coordinator"]).get(
        staff_url("contact_create", home, pk=organisation.pk)
    )
    assert "never shown on the public site" in page_text(response)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("review_date", "", "This field is required."),
        ("review_date", "31/31/2030", "Enter a valid date."),
        ("legal_basis", "", "This field is required."),
        ("legal_basis", "gut feeling", "Select a valid choice"),
        ("email", "anna-at-example", "Enter a valid email address."),
        ("phone", "call me", "Enter a phone number with digits only"),
        ("name", "", "This field is required."),
    ],
)
def test_invalid_contact_is_refused(client, home, field, value, message):
    organisation = home.records["partner_organisation"]
    before = ContactPerson.objects.count()
    response = as_user(client, home.users["coordinator"]).post(
        staff_url("contact_create", home, pk=organisation.pk), contact_data(**{field: value})
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert ContactPerson.objects.count() == before


def test_edit_and_delete_contact(client, home):
    contact = home.records["partner_contact"]
    as_user(client, home.users["coordinator"])

    response = client.post(
        staff_url("contact_edit", home, pk=contact.pk), contact_data(name="Anna Neu")
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.name == "Anna Neu"

    assert client.get(staff_url("contact_delete", home, pk=contact.pk)).status_code == 200
    assert ContactPerson.history.filter(id=contact.pk).exists()
    response = client.post(staff_url("contact_delete", home, pk=contact.pk))
    assert response.status_code == 302
    assert not ContactPerson.objects.filter(pk=contact.pk).exists()
    # Personal data is erased, also from the change history.
    assert not ContactPerson.history.filter(id=contact.pk).exists()


def test_representative_of_another_unit_cannot_touch_contacts(client, home):
    contact = home.records["partner_contact"]
    as_user(client, home.users["rep_other"])
    response = client.post(
        staff_url("contact_edit", home, pk=contact.pk), contact_data(name="Hacked")
    )
    assert response.status_code == 403
    contact.refresh_from_db()
    assert contact.name != "Hacked"
