"""Which countries count for a programme's partnership rules.

EU programmes count partners from EU member states and from the countries associated to
that programme; partners from other (third) countries may often take part but do not count
towards "three organisations from three countries". The associated countries differ per
programme, so they are listed per programme (by its Swedish name in the projects' programme list),
each with the date and source they were taken from. Update them when the Commission's lists
change; a programme missing here counts every country.
"""

from __future__ import annotations

from enum import StrEnum

# The 27 EU member states (ISO 3166-1 alpha-2).
EU_MEMBER_STATES = frozenset(
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

ASSOCIATED_COUNTRIES = {
    # Erasmus+ Programme Guide 2025, "Eligible countries": third countries associated to the
    # programme (https://erasmus-plus.ec.europa.eu/programme-guide/part-a/eligible-countries).
    "Erasmus+": frozenset(["IS", "LI", "NO", "MK", "RS", "TR"]),
    # Horizon Europe, "List of participating countries" (2025): associated countries;
    # Canada, New Zealand and Korea for Pillar II (collaborative research, e.g. RIA and IA).
    "Horisont Europa": frozenset(
        [
            "AL",
            "AM",
            "BA",
            "CA",
            "CH",
            "FO",
            "GE",
            "GB",
            "IL",
            "IS",
            "KR",
            "MD",
            "ME",
            "MK",
            "NO",
            "NZ",
            "RS",
            "TN",
            "TR",
            "UA",
            "XK",
        ]
    ),
    # CERV work programme 2025, "Eligible countries": non-EU countries associated to CERV.
    "Medborgare, jämlikhet, rättigheter och värden (CERV)": frozenset(["AL", "BA", "RS", "UA"]),
}


class Standing(StrEnum):
    MEMBER_STATE = "member_state"
    ASSOCIATED = "associated"
    THIRD_COUNTRY = "third_country"


def counts_every_country(programme_name: str) -> bool:
    return programme_name not in ASSOCIATED_COUNTRIES


def standing(programme_name: str, country: str) -> Standing:
    if country in EU_MEMBER_STATES:
        return Standing.MEMBER_STATE
    if country in ASSOCIATED_COUNTRIES.get(programme_name, ()):
        return Standing.ASSOCIATED
    return Standing.THIRD_COUNTRY


def counted(programme_name: str, country: str) -> bool:
    """Whether a partner from ``country`` counts towards the programme's minimums."""
    return counts_every_country(programme_name) or (
        standing(programme_name, country) is not Standing.THIRD_COUNTRY
    )
