"""Programme rules on the staff pages: shared by every municipality, read by all staff,
edited by coordinators with a source link, every change in the history."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from utblick.projects.models import FunderProgramme
from utblick.testing import login

from .. import consortium
from ..models import ProgrammeRule
from .helpers import url

GUIDE = "https://erasmus-plus.ec.europa.eu/programme-guide/erasmus-plus-programme-guide"


def sv_url(name, *args):
    with translation.override("sv"):
        return reverse(f"staff:{name}", args=args)


def ka220():
    return ProgrammeRule.objects.get(name_en="KA220 Cooperation partnerships")


def form_data(rule, **changes):
    data = {
        "programme": rule.programme_id,
        "name_sv": rule.name_sv,
        "name_en": rule.name_en or "",
        "period": rule.period,
        "call_pattern": rule.call_pattern,
        "min_organisations": rule.min_organisations,
        "min_countries": rule.min_countries,
        "min_eu_member_states": rule.min_eu_member_states,
        "min_participants": rule.min_participants,
        "min_international_participants": rule.min_international_participants,
        "cofinancing_rate": rule.cofinancing_rate,
        "lump_sums_eur": rule.lump_sums_eur,
        "min_duration_months": rule.min_duration_months,
        "max_duration_months": rule.max_duration_months,
        "notes_sv": rule.notes_sv or "",
        "notes_en": rule.notes_en or "",
        "source_url": rule.source_url,
    }
    data.update(changes)
    return {k: "" if v is None else v for k, v in data.items()}


def test_reader_sees_the_rules_with_their_source(client, home):
    login(client, home.users["reader"])
    response = client.get(url("programme_rule_list", home.municipality.slug))
    assert response.status_code == 200
    body = response.content.decode()
    assert "KA220 Cooperation partnerships" in body
    assert "Interreg Aurora" in body
    assert GUIDE in body
    assert "New programme rule" not in body  # readers do not edit
    detail = client.get(url("programme_rule_detail", home.municipality.slug, ka220().pk))
    assert detail.status_code == 200
    assert "120\u00a0000, 250\u00a0000, 400\u00a0000" in detail.content.decode()


def test_rule_list_filters_by_programme(client, home):
    login(client, home.users["reader"])
    aurora = FunderProgramme.objects.get(name="Interreg Aurora")
    response = client.get(
        url("programme_rule_list", home.municipality.slug), {"programme": aurora.pk}
    )
    assert [r.programme_id for r in response.context["object_list"]] == [aurora.pk]


def test_coordinator_edits_a_rule_and_the_history_shows_it(client, home):
    rule = ka220()
    login(client, home.users["coordinator"])
    form = client.get(sv_url("programme_rule_edit", home.municipality.slug, rule.pk))
    assert "delas av alla kommuner" in form.content.decode()  # the shared-rule notice
    response = client.post(
        sv_url("programme_rule_edit", home.municipality.slug, rule.pk),
        form_data(rule, min_organisations="4", max_duration_months="30"),
    )
    assert response.status_code == 302
    assert response["Location"] == sv_url("programme_rule_detail", home.municipality.slug, rule.pk)
    rule.refresh_from_db()
    assert (rule.min_organisations, rule.max_duration_months) == (4, 30)
    assert rule.name_en == "KA220 Cooperation partnerships"  # the other language is kept
    latest = rule.history.latest()
    assert latest.history_user == home.users["coordinator"]
    page = client.get(url("programme_rule_detail", home.municipality.slug, rule.pk))
    entry = page.context["history"][0]
    assert entry["record"].history_user == home.users["coordinator"]
    assert {(c["field"], c["old"], c["new"]) for c in entry["changes"]} == {
        ("minimum organisations", "3", "4"),
        ("maximum duration (months)", "36", "30"),
    }
    seeded = page.context["history"][1]["record"]  # migration 0004's baseline
    assert (seeded.history_type, seeded.history_user) == ("+", None)
    body = page.content.decode()
    assert "3 → 4" in body and str(home.users["coordinator"]) in body


def test_coordinator_adds_a_rule(client, home):
    login(client, home.users["coordinator"])
    programme = FunderProgramme.objects.get(name="Erasmus+")
    data = form_data(
        ka220(),
        name_sv="KA2 Testpartnerskap",
        name_en="KA2 Test partnerships",
        lump_sums_eur="60000",
        min_duration_months="6",
        max_duration_months="24",
        programme=programme.pk,
    )
    response = client.post(url("programme_rule_create", home.municipality.slug), data)
    assert response.status_code == 302
    rule = ProgrammeRule.objects.get(name_sv="KA2 Testpartnerskap")
    assert rule.lump_sums == [60000]
    assert rule.history.get().history_type == "+"


@pytest.mark.parametrize("persona", ["rep", "rep_other", "reader"])
def test_only_coordinators_edit_rules(client, home, persona):
    rule = ka220()
    login(client, home.users[persona])
    edit = url("programme_rule_edit", home.municipality.slug, rule.pk)
    assert client.get(edit).status_code == 403
    assert client.post(edit, form_data(rule, min_organisations="9")).status_code == 403
    assert client.get(url("programme_rule_create", home.municipality.slug)).status_code == 403
    rule.refresh_from_db()
    assert rule.min_organisations == 3
    detail = client.get(url("programme_rule_detail", home.municipality.slug, rule.pk))
    assert detail.status_code == 200 and not detail.context["can_manage"]


def test_coordinator_deletes_a_rule_and_the_history_keeps_it(client, home):
    rule = ka220()
    slug, coordinator = home.municipality.slug, home.users["coordinator"]
    delete = url("programme_rule_delete", slug, rule.pk)
    login(client, coordinator)
    detail = client.get(url("programme_rule_detail", slug, rule.pk))
    assert delete in detail.content.decode()
    ask = client.get(delete)
    assert ask.status_code == 200
    body = ask.content.decode()
    assert "Delete the programme rule KA220 Cooperation partnerships (2021–2027)?" in body
    assert "deleted for every municipality on this installation" in body
    assert ProgrammeRule.objects.filter(pk=rule.pk).exists()  # asking deletes nothing
    response = client.post(delete, follow=True)
    assert response.redirect_chain == [(url("programme_rule_list", slug), 302)]
    assert (
        "The programme rule KA220 Cooperation partnerships (2021–2027) was deleted for every "
        "municipality." in response.content.decode()
    )
    assert rule.pk not in [r.pk for r in response.context["object_list"]]
    assert not ProgrammeRule.objects.filter(pk=rule.pk).exists()
    assert client.get(url("programme_rule_detail", slug, rule.pk)).status_code == 404
    gone = ProgrammeRule.history.filter(id=rule.pk).latest()
    assert (gone.history_type, gone.history_user) == ("-", coordinator)
    assert gone.name_en == "KA220 Cooperation partnerships" and gone.min_organisations == 3


@pytest.mark.parametrize("persona", ["rep", "reader"])
def test_only_coordinators_delete_rules(client, home, persona):
    rule = ka220()
    delete = url("programme_rule_delete", home.municipality.slug, rule.pk)
    login(client, home.users[persona])
    assert client.get(delete).status_code == 403
    assert client.post(delete).status_code == 403
    detail = client.get(url("programme_rule_detail", home.municipality.slug, rule.pk))
    assert delete not in detail.content.decode()
    assert ProgrammeRule.objects.filter(pk=rule.pk).exists()
    assert not ProgrammeRule.history.filter(id=rule.pk, history_type="-").exists()


def test_anonymous_visitors_are_sent_to_sign_in_and_delete_no_rule(client, home):
    rule = ka220()
    delete = url("programme_rule_delete", home.municipality.slug, rule.pk)
    for response in (client.get(delete), client.post(delete)):
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    assert ProgrammeRule.objects.filter(pk=rule.pk).exists()


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"cofinancing_rate": "120"}, "cofinancing_rate", "mellan 0 och 100"),
        ({"cofinancing_rate": "-5"}, "cofinancing_rate", "mellan 0 och 100"),
        ({"lump_sums_eur": "120000, tusen"}, "lump_sums_eur", "”tusen”"),
        ({"lump_sums_eur": "120000, 0"}, "lump_sums_eur", "positiva"),
        (
            {"min_duration_months": "24", "max_duration_months": "12"},
            "max_duration_months",
            "kortare än den kortaste",
        ),
        ({"min_countries": "5"}, "min_countries", "fler länder än organisationer"),
        ({"min_eu_member_states": "4"}, "min_eu_member_states", "fler EU-medlemsstater"),
        ({"source_url": ""}, "source_url", "Ange länken"),
        ({"source_url": "programhandboken"}, "source_url", "https://"),
        ({"name_sv": "KA210 Småskaliga partnerskap"}, "name_sv", "har redan en programregel"),
    ],
)
def test_invalid_rule_shows_swedish_errors_and_saves_nothing(client, home, changes, field, message):
    rule = ka220()
    history_before = rule.history.count()
    login(client, home.users["coordinator"])
    response = client.post(
        sv_url("programme_rule_edit", home.municipality.slug, rule.pk),
        form_data(rule, min_organisations="4", **changes),
    )
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors, errors
    assert "Ingenting sparades" in response.content.decode()
    rule.refresh_from_db()
    assert rule.min_organisations == 3 and rule.history.count() == history_before


def test_an_edited_rule_changes_the_consortium_check(client, home):
    rule = ka220()
    partners = [
        {"name": "Trollhättan", "country": "SE", "kind": "municipality"},
        {"name": "Vaasa", "country": "FI", "kind": "municipality"},
        {"name": "Tartu", "country": "EE", "kind": "municipality"},
    ]
    assert all(c.ok for c in consortium.check(rule, partners, duration_months=24))
    login(client, home.users["coordinator"])
    client.post(
        url("programme_rule_edit", home.municipality.slug, rule.pk),
        form_data(rule, min_organisations="4", min_countries="4"),
    )
    params = {"rule": rule.pk, "duration_months": "24", "form-TOTAL_FORMS": "5"}
    params["form-INITIAL_FORMS"] = "0"
    for index, partner in enumerate(partners):
        for key, value in partner.items():
            params[f"form-{index}-{key}"] = value
    login(client, home.users["reader"])
    response = client.get(url("consortium_check", home.municipality.slug), params)
    found = {r.label: r for r in response.context["results"]}
    organisations = found["Organisations from EU member states or associated countries"]
    assert not organisations.ok
    assert organisations.missing == "1 more organisation(s)"
    assert not found["EU member states or associated countries"].ok


def _fill_rules(count):
    programme = FunderProgramme.objects.get(name="Erasmus+")
    existing = ProgrammeRule.objects.filter(name_en__startswith="Fill ").count()
    for n in range(existing, count):
        ProgrammeRule.objects.create(
            programme=programme,
            name=f"Fyll {n:03d}",
            name_sv=f"Fyll {n:03d}",
            name_en=f"Fill {n:03d}",
            lump_sums_eur="1000, 2000",
            source_url=GUIDE,
        )


def test_rule_list_query_count_is_constant_from_10_to_100_rows(
    client, home, django_assert_num_queries
):
    login(client, home.users["reader"])
    target = url("programme_rule_list", home.municipality.slug)
    _fill_rules(10)
    client.get(target)
    with CaptureQueriesContext(connection) as at_10:
        response = client.get(target)
    assert len(response.context["object_list"]) >= 10
    _fill_rules(100)
    with django_assert_num_queries(len(at_10)):
        response = client.get(target)
    assert len(response.context["object_list"]) == 50  # one full page
