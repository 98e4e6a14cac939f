"""The consortium check: which of a programme's rules a planned partnership meets."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django_countries import countries

from .eligibility import EU_MEMBER_STATES, counted, counts_every_country

__all__ = ["EU_MEMBER_STATES", "Check", "check", "not_counted"]


@dataclass
class Check:
    label: str
    required: object
    actual: object
    ok: bool
    missing: str = ""


def check(
    rule,
    partners: list[dict],
    *,
    duration_months=None,
    participants=None,
    international_participants=None,
) -> list[Check]:
    """``partners``: dicts with ``name``, ``country`` (ISO code) and ``kind``.

    Only partners from EU member states and the programme's associated countries count
    towards the minimums of organisations and countries (see ``eligibility``)."""
    programme = rule.programme.name_sv  # the Swedish name, as in eligibility
    eligible = [p for p in partners if p.get("country") and counted(programme, p["country"])]
    organisations = len(eligible)
    countries = {p["country"] for p in eligible}
    eu = countries & EU_MEMBER_STATES
    scoped = not counts_every_country(programme)
    results = []

    def add(label, required, actual, missing):
        if required is None:
            return
        ok = actual is not None and actual >= required
        results.append(Check(label, required, actual, ok, "" if ok else missing))

    add(
        _("Organisations from EU member states or associated countries")
        if scoped
        else _("Organisations"),
        rule.min_organisations,
        organisations,
        _("%(n)s more organisation(s)") % {"n": (rule.min_organisations or 0) - organisations},
    )
    add(
        _("EU member states or associated countries") if scoped else _("Countries"),
        rule.min_countries,
        len(countries),
        _("partners from %(n)s more country/countries")
        % {"n": (rule.min_countries or 0) - len(countries)},
    )
    add(
        _("EU member states"),
        rule.min_eu_member_states,
        len(eu),
        _("partners from %(n)s more EU member state(s)")
        % {"n": (rule.min_eu_member_states or 0) - len(eu)},
    )
    add(
        _("Participants"),
        rule.min_participants,
        participants,
        _("at least %(n)s participants") % {"n": rule.min_participants},
    )
    add(
        _("International participants"),
        rule.min_international_participants,
        international_participants,
        _("at least %(n)s international participants") % {"n": rule.min_international_participants},
    )
    if duration_months is not None and (rule.min_duration_months or rule.max_duration_months):
        low, high = rule.min_duration_months or 0, rule.max_duration_months or 10**6
        ok = low <= duration_months <= high
        results.append(
            Check(
                _("Duration (months)"),
                f"{low}–{high}",
                duration_months,
                ok,
                ""
                if ok
                else _("a duration between %(low)s and %(high)s months")
                % {"low": low, "high": high},
            )
        )
    return results


def not_counted(rule, partners: list[dict]) -> list[dict]:
    """The partners from third countries, which the rule's minimums do not count, each with
    its country's name in the active language."""
    programme = rule.programme.name_sv  # the Swedish name, as in eligibility
    return [
        {**p, "country_name": countries.name(p["country"])}
        for p in partners
        if p.get("country") and not counted(programme, p["country"])
    ]
