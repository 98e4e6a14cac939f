import datetime

import pytest
from django.utils import timezone

from utblick.testing import login

from ..models import Project, ProjectLink, ProjectPartner, ProjectStatusChange, Tag
from .factories import ProjectFactory, goal, organisation, programme
from .helpers import url


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def form_data(home, partners=(), links=(), **fields):
    """A complete, valid project form; ``partners``: (organisation, role) rows."""
    data = {
        "title_sv": "Unga röster i Europa",
        "title_en": "Young voices in Europe",
        "acronym_sv": "UNGA",
        "acronym_en": "YOUNG",
        "summary_sv": "Ungdomsutbyte.",
        "summary_en": "Youth exchange.",
        "role": "lead",
        "unit": home.unit.pk,
        "other_units": [home.other_unit.pk],
        "programme": programme("Erasmus+").pk,
        "call_identifier": "KA220-YOU",
        "start_date": "2025-01-01",
        "end_date": "2026-12-31",
        "status": "submitted",
        "currency": "EUR",
        "exchange_rate": "11.25",
        "budget_total": "100000",
        "grant": "80000",
        "own_cash": "10000",
        "own_in_kind": "10000",
        "goals": [goal(4).pk, goal(10).pk],
        "tags": "ungdom, Demokrati, ungdom",
        "is_public": "on",
        "status_date": "",
    }
    data.update(management("partners", len(partners)))
    for n, (org, role) in enumerate(partners):
        data[f"partners-{n}-organisation"] = org.pk if org else ""
        data[f"partners-{n}-role"] = role
    data.update(management("links", len(links)))
    for n, (title, address) in enumerate(links):
        data[f"links-{n}-title"] = title
        data[f"links-{n}-url"] = address
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def post_create(client, home, persona="coordinator", **kwargs):
    login(client, home.users[persona])
    return client.post(url("project_create", home.municipality.slug), form_data(home, **kwargs))


@pytest.fixture
def orgs(home):
    return [
        organisation(home.municipality, name="Comune di Prato", country="IT"),
        organisation(home.municipality, name="Gmina Gdańsk", country="PL"),
    ]


def test_create_form_offers_both_languages_and_the_municipality_s_choices(client, home, away):
    login(client, home.users["coordinator"])
    response = client.get(url("project_create", home.municipality.slug))
    assert response.status_code == 200
    form = response.context["form"]
    assert {"title_sv", "title_en", "acronym_en", "summary_en"} <= set(form.fields)
    assert form.fields["title_sv"].required and not form.fields["title_en"].required
    assert set(form.fields["unit"].queryset) == {home.unit, home.other_unit}
    assert form.fields["goals"].queryset.count() == 17
    organisations = response.context["formsets"][0].forms[0].fields["organisation"].queryset
    assert away.records["project_organisation"] not in organisations
    assert home.records["project_organisation"] in organisations


def test_create_saves_project_partners_links_tags_and_first_status(client, home, orgs):
    # Read around the save, not at import: a run may cross midnight.
    days_of_the_save = {timezone.localdate()}
    response = post_create(
        client,
        home,
        partners=[(orgs[0], "lead"), (orgs[1], "associated")],
        links=[("Projektsida", "https://example.org/young")],
    )
    project = Project.objects.get(title_sv="Unga röster i Europa")
    assert response.status_code == 302
    assert response["Location"].endswith(url("project_detail", home.municipality.slug, project.pk))
    assert project.municipality == home.municipality
    assert project.title_en == "Young voices in Europe" and project.acronym_en == "YOUNG"
    assert project.unit == home.unit and list(project.other_units.all()) == [home.other_unit]
    assert {g.number for g in project.goals.all()} == {4, 10}
    assert sorted(t.name for t in project.tags.all()) == ["Demokrati", "ungdom"]
    assert {(p.organisation.name, p.role) for p in project.partners.all()} == {
        ("Comune di Prato", "lead"),
        ("Gmina Gdańsk", "associated"),
    }
    assert [(link.title, link.url) for link in project.links.all()] == [
        ("Projektsida", "https://example.org/young")
    ]
    days_of_the_save.add(timezone.localdate())
    change = project.status_changes.get()
    assert (change.status, change.changed_by) == ("submitted", home.users["coordinator"])
    assert change.date in days_of_the_save


def test_existing_tags_are_reused_case_insensitively(client, home):
    post_create(client, home, tags="KLIMAT, nytt")
    project = Project.objects.get(title_sv="Unga röster i Europa")
    assert sorted(t.name for t in project.tags.all()) == ["klimat", "nytt"]
    assert Tag.objects.filter(name__iexact="klimat").count() == 1


def test_a_unit_representative_s_new_project_belongs_to_their_unit(client, home):
    response = post_create(client, home, persona="rep_other", unit=home.unit.pk)
    assert response.status_code == 302
    project = Project.objects.get(title_sv="Unga röster i Europa")
    assert project.unit == home.other_unit


def test_a_unit_representative_cannot_move_a_project_to_another_unit(client, home):
    project = home.records["internal_project"]
    login(client, home.users["rep"])
    page = client.get(url("project_edit", home.municipality.slug, project.pk))
    assert page.context["form"].fields["unit"].disabled
    response = client.post(
        url("project_edit", home.municipality.slug, project.pk),
        form_data(home, unit=home.other_unit.pk, title_sv="Flyttförsök"),
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title_sv == "Flyttförsök"
    assert project.unit == home.unit


def test_edit_with_a_new_status_adds_a_dated_status_change(client, home):
    project = home.records["public_project"]
    login(client, home.users["rep"])
    edit = url("project_edit", home.municipality.slug, project.pk)
    data = form_data(home, status="completed", status_date="2025-01-31")
    data.update(management("partners", 1, 1))
    data.update(
        {
            "partners-0-id": home.records["project_partner"].pk,
            "partners-0-organisation": home.records["project_organisation"].pk,
            "partners-0-role": "partner",
        }
    )
    assert client.post(edit, data).status_code == 302
    changes = list(project.status_changes.values_list("status", "date", "changed_by"))
    assert changes == [
        ("ongoing", datetime.date(2024, 3, 1), None),
        ("completed", datetime.date(2025, 1, 31), home.users["rep"].pk),
    ]
    # Saving again without a new status adds nothing to the timeline.
    assert client.post(edit, data).status_code == 302
    assert project.status_changes.count() == 2
    assert project.partners.count() == 1


def test_edit_removes_a_partner_and_shows_history(client, home):
    project = home.records["public_project"]
    login(client, home.users["coordinator"])
    data = form_data(home, status="ongoing", title_en="Greener border towns")
    data.update(management("partners", 1, 1))
    data.update(
        {
            "partners-0-id": home.records["project_partner"].pk,
            "partners-0-organisation": home.records["project_organisation"].pk,
            "partners-0-role": "partner",
            "partners-0-DELETE": "on",
        }
    )
    response = client.post(url("project_edit", home.municipality.slug, project.pk), data)
    assert response.status_code == 302
    assert not project.partners.exists()
    page = client.get(url("project_detail", home.municipality.slug, project.pk)).content.decode()
    assert "Changed:" in page and "title [en]" in page
    assert str(home.users["coordinator"]) in page


def test_eur_amounts_over_the_total_save_with_a_warning(client, home):
    response = post_create(client, home, own_cash="20000")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Please check the figures." in page


INVALID = [
    ({"title_sv": ""}, "title_sv", "This field is required."),
    ({"role": ""}, "role", "This field is required."),
    ({"end_date": "2024-12-31"}, "end_date", "The end cannot be before the start."),
    ({"exchange_rate": ""}, "exchange_rate", "Enter the exchange rate for a budget in EUR."),
    ({"exchange_rate": "0"}, "exchange_rate", "The exchange rate must be greater than zero."),
    ({"grant": "-5"}, "grant", "The amount cannot be negative."),
    ({"own_in_kind": "-1"}, "own_in_kind", "The amount cannot be negative."),
    ({"grant": "100001"}, "grant", "The grant cannot be larger than the total budget."),
    ({"goals": ["99999"]}, "goals", "Select a valid choice."),
    ({"tags": "ok, " + "x" * 61}, "tags", "A tag can have at most 60 characters"),
    ({"status_date": "2999-01-01"}, "status_date", "cannot be in the future."),
    ({"start_date": "2025-13-45"}, "start_date", "Enter a valid date."),
]


@pytest.mark.parametrize(("fields", "field", "message"), INVALID)
def test_invalid_project_is_refused_and_nothing_saved(client, home, fields, field, message):
    tags_before = Tag.objects.count()
    response = post_create(client, home, **fields)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert "Nothing was saved." in response.content.decode()
    assert not Project.objects.filter(title_sv="Unga röster i Europa").exists()
    assert Tag.objects.count() == tags_before


def test_unit_of_another_municipality_is_refused(client, home, away):
    response = post_create(client, home, unit=away.unit.pk, other_units=[away.other_unit.pk])
    assert response.status_code == 400
    assert "Select a valid choice" in " ".join(response.context["form"].errors["unit"])
    assert "Select a valid choice" in " ".join(response.context["form"].errors["other_units"])


def test_bad_partner_row_saves_nothing(client, home, away, orgs):
    response = post_create(
        client,
        home,
        partners=[(orgs[0], "lead"), (away.records["project_organisation"], "partner")],
        links=[("Sida", "https://example.org")],
    )
    assert response.status_code == 400
    row = response.context["formsets"][0].forms[1]
    assert "Select a valid choice" in " ".join(row.errors["organisation"])
    page = response.content.decode()
    assert "Some rows below have errors." in page
    assert 'href="#id_partners-1-organisation"' in page
    assert not Project.objects.filter(title_sv="Unga röster i Europa").exists()
    assert not ProjectLink.objects.filter(title="Sida").exists()


def test_duplicate_partner_is_refused(client, home, orgs):
    response = post_create(client, home, partners=[(orgs[0], "lead"), (orgs[0], "partner")])
    assert response.status_code == 400
    row = response.context["formsets"][0].forms[1]
    assert row.errors["organisation"] == ["Comune di Prato is already a partner in this project."]
    assert not Project.objects.filter(title_sv="Unga röster i Europa").exists()


def test_partner_row_without_role_and_bad_link_are_refused(client, home, orgs):
    response = post_create(
        client, home, partners=[(orgs[0], "")], links=[("Sida", "inte en adress")]
    )
    assert response.status_code == 400
    partners, links = response.context["formsets"]
    assert partners.forms[0].errors["role"] == ["This field is required."]
    assert links.forms[0].errors["url"] == ["Enter a valid URL."]
    assert not Project.objects.filter(title_sv="Unga röster i Europa").exists()


def test_invalid_edit_changes_nothing(client, home):
    project = home.records["public_project"]
    login(client, home.users["coordinator"])
    response = client.post(
        url("project_edit", home.municipality.slug, project.pk),
        form_data(home, title_sv="Nytt namn", grant="999999999"),
    )
    assert response.status_code == 400
    project.refresh_from_db()
    assert project.title_sv == "Gröna gränsstäder"
    assert project.status_changes.count() == 1


def test_failure_while_saving_partners_rolls_back_the_project(client, home, orgs, monkeypatch):
    def broken_save(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ProjectPartner, "save", broken_save)
    with pytest.raises(RuntimeError):
        post_create(client, home, partners=[(orgs[0], "lead")])
    assert not Project.objects.filter(title_sv="Unga röster i Europa").exists()
    assert not ProjectStatusChange.objects.filter(status="submitted").exists()
    assert not Tag.objects.filter(name="Demokrati").exists()


def test_unit_representative_edits_own_unit_s_project_but_not_another_s(client, home):
    own = home.records["internal_project"]
    other = ProjectFactory(municipality=home.municipality, unit=home.other_unit, title_sv="Annan")
    login(client, home.users["rep"])
    assert client.get(url("project_edit", home.municipality.slug, own.pk)).status_code == 200
    response = client.post(
        url("project_edit", home.municipality.slug, other.pk), form_data(home, title_sv="Kapat")
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.title_sv == "Annan"
    # A project the unit only takes part in (another unit owns it) is not theirs to change
    # or delete.
    other.other_units.add(home.unit)
    assert client.get(url("project_edit", home.municipality.slug, other.pk)).status_code == 403
    response = client.post(url("project_delete", home.municipality.slug, other.pk))
    assert response.status_code == 403
    assert Project.objects.filter(pk=other.pk).exists()
