"""The consortium check against programme rules seeded from the official guides."""

import re

from django.urls import reverse

from utblick.testing import login

from ..models import ProgrammeRule
from .helpers import url

EU_ORGANISATIONS = "Organisations from EU member states or associated countries"
EU_COUNTRIES = "EU member states or associated countries"


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
        "form-TOTAL_FORMS": str(max(3, len(partners))),
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
        [("Trollhättan", "SE"), ("Kaiserslautern", "DE")],
        duration_months="24",
    )
    organisations = found[EU_ORGANISATIONS]
    assert not organisations.ok and organisations.missing == "1 more organisation(s)"
    assert not found[EU_COUNTRIES].ok
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
    assert found["EU member states"].ok and found[EU_COUNTRIES].ok
    assert found["Participants"].ok
    assert not found["International participants"].ok


def swedish_url(home):
    """The page in Swedish (``url`` gives the English one)."""
    return reverse("staff:consortium_check", args=[home.municipality.slug])


def holds(found):
    return all(result.ok for result in found.values())


def test_ka220_does_not_count_partners_from_third_countries(client, home):
    """Sweden, the USA and China are three organisations from three countries, but only
    Sweden is a member state or associated country: Erasmus+ KA220 is not met."""
    ka220 = rule("KA220 Cooperation partnerships")
    partners = [("Trollhättan", "SE"), ("Tempe", "US"), ("Changzhou", "CN")]
    found = check(client, home, ka220, partners)
    assert not holds(found)
    assert found[EU_ORGANISATIONS].actual == 1
    assert found[EU_ORGANISATIONS].missing == "2 more organisation(s)"
    assert found[EU_COUNTRIES].actual == 1
    # Norway and Türkiye are associated to Erasmus+; with them the rule holds.
    partners += [("Fredrikstad", "NO"), ("Bursa", "TR")]
    assert holds(check(client, home, ka220, partners))


def test_the_page_names_the_partners_not_counted_in_swedish(client, home):

    ka220 = rule("KA220 Cooperation partnerships")
    login(client, home.users["reader"])
    params = {"rule": ka220.pk, "form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "0"}
    for index, (name, country) in enumerate([("Trollhättan", "SE"), ("Tempe", "US")]):
        params |= {f"form-{index}-name": name, f"form-{index}-country": country,
                   f"form-{index}-kind": "municipality"}  # fmt: skip
    response = client.get(swedish_url(home), params)
    text = response.content.decode()
    assert "Tempe (Amerikas förenta stater)" in text
    assert "Nej, saknas:" in text


def test_ka210_counts_two_member_states_or_associated_countries(client, home):
    ka210 = rule("KA210 Small-scale partnerships")
    assert not holds(check(client, home, ka210, [("Trollhättan", "SE"), ("Tempe", "US")]))
    assert holds(check(client, home, ka210, [("Trollhättan", "SE"), ("Reykjanesbær", "IS")]))


def test_horizon_ria_counts_its_own_associated_countries(client, home):
    """The United Kingdom and Ukraine are associated to Horizon Europe (not to Erasmus+);
    at least one partner must be in a member state."""
    ria = rule("Research and innovation action (RIA)")
    outside = [("Leeds", "GB"), ("Kharkiv", "UA"), ("Oslo", "NO")]
    found = check(client, home, ria, outside)
    assert found[EU_ORGANISATIONS].ok and found[EU_COUNTRIES].ok
    assert not found["EU member states"].ok
    assert holds(check(client, home, ria, [("Trollhättan", "SE"), *outside[:2]]))
    assert not holds(
        check(
            client,
            home,
            rule("KA220 Cooperation partnerships"),
            [("Trollhättan", "SE"), *outside[:2]],
        )
    )


def test_cerv_town_twinning_counts_ukraine_but_not_the_usa(client, home):
    twinning = rule("Town-Twinning")
    extra = {"participants": "60", "international_participants": "30"}
    assert holds(check(client, home, twinning, [("Trollhättan", "SE"), ("Fastiv", "UA")], **extra))
    found = check(client, home, twinning, [("Trollhättan", "SE"), ("Tempe", "US")], **extra)
    assert not found[EU_COUNTRIES].ok


def test_interreg_has_no_partnership_minimum_only_its_co_financing(client, home):
    from ..models import ProgrammeRule as Rule

    interreg = Rule.objects.get(programme__name="Interreg Östersjöprogrammet")
    assert check(client, home, interreg, [("Trollhättan", "SE"), ("Tempe", "US")]) == {}
    login(client, home.users["reader"])
    response = client.get(
        url("consortium_check", home.municipality.slug),
        {"rule": interreg.pk, "form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "0"},
    )
    assert "80" in response.content.decode()


def test_each_programme_appears_once_with_its_actions_grouped(client, home):
    login(client, home.users["reader"])
    response = client.get(swedish_url(home))
    html = response.content.decode()
    labels = re.findall(r'<optgroup label="([^"]+)">', html)
    assert (
        len(labels)
        == len(set(labels))
        == ProgrammeRule.objects.values("programme").distinct().count()
    )
    assert "Horisont Europa" in labels and "Erasmus+" in labels


def test_more_rows_without_javascript_keeps_what_was_typed_and_adds_one(client, home):
    login(client, home.users["reader"])
    params = {"rule": "", "form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "0",
              "form-0-name": "Tempe", "more_rows": "form"}  # fmt: skip
    response = client.get(url("consortium_check", home.municipality.slug), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="form-TOTAL_FORMS" value="4"' in html
    assert 'name="form-3-name"' in html
    assert 'value="Tempe"' in html
    assert "errorlist" not in html and response.context["results"] is None


def test_rows_left_untouched_in_the_browser_are_ignored(client, home):
    """A browser submits every row's type (its first option); rows without a name or a
    country are then still empty, not errors."""
    login(client, home.users["reader"])
    params = {"rule": rule("KA210 Small-scale partnerships").pk,
              "form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "0"}  # fmt: skip
    for index, (name, country) in enumerate([("Trollhättan", "SE"), ("Oslo", "NO"), ("", "")]):
        params |= {f"form-{index}-name": name, f"form-{index}-country": country,
                   f"form-{index}-kind": "municipality"}  # fmt: skip
    response = client.get(url("consortium_check", home.municipality.slug), params)
    assert response.context["results"] is not None
    assert all(result.ok for result in response.context["results"])
