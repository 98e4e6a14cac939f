"""The consortium check against programme rules seeded from the official guides."""

from utblick.testing import login

from ..models import ProgrammeRule
from .helpers import url


def rule(name_en):
    return ProgrammeRule.objects.get(name_en=name_en)


def test_rules_are_seeded_with_sources(db):
    ka220 = rule("KA220 Cooperation partnerships")
    assert (ka220.min_organisations, ka220.min_countries) == (3, 3)
    assert ka220.lump_sums == [120000, 250000, 400000]
    assert (ka220.min_duration_months, ka220.max_duration_months) == (12, 36)
    assert rule("KA210 Small-scale partnerships").lump_sums == [30000, 60000]
    twinning = rule("Town-Twinning")
    assert (twinning.min_participants, twinning.min_international_participants) == (50, 25)
    assert rule("Networks of Towns (2025)").min_eu_member_states == 2
    assert rule("Innovation action (IA)").cofinancing_rate == 70
    assert ProgrammeRule.objects.get(programme__name="Interreg Aurora").cofinancing_rate == 65
    assert all(r.source_url.startswith("https://") for r in ProgrammeRule.objects.all())


def check(client, home, rule_obj, partners, **extra):
    params = {
        "rule": rule_obj.pk,
        "form-TOTAL_FORMS": "5",
        "form-INITIAL_FORMS": "0",
        **{k: v for k, v in extra.items()},
    }
    for index, (name, country) in enumerate(partners):
        params[f"form-{index}-name"] = name
        params[f"form-{index}-country"] = country
        params[f"form-{index}-kind"] = "municipality"
    login(client, home.users["reader"])
    response = client.get(url("consortium_check", home.municipality.slug), params)
    assert response.status_code == 200
    return {r.label: r for r in response.context["results"]}


def test_ka220_with_two_partners_misses_one_organisation_and_country(client, home):
    found = check(
        client,
        home,
        rule("KA220 Cooperation partnerships"),
        [("Trollhättan", "SE"), ("Fastiv", "UA")],
        duration_months="24",
    )
    assert (
        not found["Organisations"].ok and found["Organisations"].missing == "1 more organisation(s)"
    )
    assert not found["Countries"].ok
    assert found["Duration (months)"].ok


def test_town_twinning_needs_an_eu_member_and_participants(client, home):
    found = check(
        client,
        home,
        rule("Town-Twinning"),
        [("Trollhättan", "SE"), ("Fastiv", "UA")],
        participants="60",
        international_participants="20",
    )
    assert found["EU member states"].ok and found["Countries"].ok
    assert found["Participants"].ok
    assert not found["International participants"].ok
