"""The consortium check: which of a programme's rules a planned partnership meets."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

# The 27 EU member states (ISO 3166-1 alpha-2).
EU_MEMBER_STATES = set(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
    ]
)


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
    """``partners``: dicts with ``name``, ``country`` (ISO code) and ``kind``."""
    organisations = len(partners)
    countries = {p["country"] for p in partners if p.get("country")}
    eu = countries & EU_MEMBER_STATES
    results = []

    def add(label, required, actual, missing):
        if required is None:
            return
        ok = actual is not None and actual >= required
        results.append(Check(label, required, actual, ok, "" if ok else missing))

    add(
        _("Organisations"),
        rule.min_organisations,
        organisations,
        _("%(n)s more organisation(s)") % {"n": (rule.min_organisations or 0) - organisations},
    )
    add(
        _("Countries"),
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
