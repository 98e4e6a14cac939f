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


# Whether a Swedish municipality (or its company, school or care unit) can apply for a call
# or join its consortium, from 0 (no) to 1 (yes); the ranking pushes the others down.
# Development aid and external action for third countries, frontier research grants for one
# researcher, researcher mobility, defence and nuclear research, coal and steel research,
# agencies' own tenders and instruments for single companies are not for a municipality.
NOT_FOR_MUNICIPALITIES = [
    # (identifier starts with, or programme name contains; the share kept)
    ("EuropeAid/", 0.1),
    ("External Action", 0.1),
    ("ERC-", 0.1),
    ("HORIZON-ERC", 0.1),
    ("HORIZON-MSCA", 0.2),
    ("EDF-", 0.2),
    ("European Defence Fund", 0.2),
    ("HORIZON-EURATOM", 0.2),
    ("Euratom", 0.2),
    ("RFCS", 0.3),
    ("EU Agencies", 0.3),
    ("HORIZON-EIC", 0.4),
    ("HORIZON-INFRA", 0.5),
    ("HORIZON-JU-CHIPS", 0.4),
    ("DIGITAL-JU-CHIPS", 0.4),
    ("HORIZON-JU-EUROHPC", 0.5),
    ("HORIZON-JU-EDCTP3", 0.4),
    ("HORIZON-JU-GH-EDCTP3", 0.4),
    # Industry-led partnerships: pharmaceutical and medtech research (IHI), bio-based
    # industry (CBE), telecom networks (SNS); a municipality is at most a test site.
    ("HORIZON-JU-IHI", 0.5),
    ("HORIZON-JU-CBE", 0.6),
    ("HORIZON-JU-SNS", 0.5),
]
# Phrases of a call's opening that say who may apply.
NARROW_APPLICANTS = [
    ("third countries", 0.5),
    ("partner countries", 0.5),
    ("only smes", 0.4),
    ("single sme", 0.4),
    ("single-beneficiary", 0.6),
    ("research infrastructure", 0.6),
    # Research for and in low- and middle-income countries, and clinical trials, which
    # hospitals and companies run, not a municipality's care.
    ("low- and middle-income countries", 0.5),
    ("low and middle income countries", 0.5),
    ("clinical trial", 0.5),
]
ELIGIBILITY_CHARS = 1500


def municipal_eligibility(*, identifier: str, programme_name: str, description: str) -> float:
    """How open a call is to a Swedish municipality: 1 when nothing says otherwise."""
    kept = 1.0
    for marker, share in NOT_FOR_MUNICIPALITIES:
        if identifier.startswith(marker) or marker in programme_name:
            kept = min(kept, share)
    opening = description[:ELIGIBILITY_CHARS].lower()
    for phrase, share in NARROW_APPLICANTS:
        if phrase in opening:
            kept = min(kept, share)
    return kept
