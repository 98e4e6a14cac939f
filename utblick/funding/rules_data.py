"""Programme rules 2021–2027 as stated in the official guides (seeded by migration 0002).

Each entry: programme (Swedish name in the projects reference list), action (sv, en),
call identifier pattern, rules, notes (sv, en) and the source. Coordinators read these on the
consortium check and correct them on the staff rule pages when a guide changes (with the
new source link; every change is in the rule's history).
"""

ERASMUS_GUIDE = "https://erasmus-plus.ec.europa.eu/programme-guide/erasmus-plus-programme-guide"
HORIZON_ANNEXES = (
    "https://ec.europa.eu/info/funding-tenders/opportunities/docs/2021-2027/horizon/"
    "wp-call/2025/wp-13-general-annexes_horizon-2025_en.pdf"
)
CERV = "Medborgare, jämlikhet, rättigheter och värden (CERV)"

RULES = [
    {
        "programme": "Erasmus+",
        "name": ("KA220 Samarbetspartnerskap", "KA220 Cooperation partnerships"),
        "call_pattern": "KA220",
        "min_organisations": 3,
        "min_countries": 3,
        "min_duration_months": 12,
        "max_duration_months": 36,
        "lump_sums_eur": "120000, 250000, 400000",
        "notes": (
            "Minst tre organisationer från tre olika EU-medlemsstater eller associerade länder.",
            "At least three organisations from three different EU member states or third "
            "countries associated to the programme.",
        ),
        "source_url": ERASMUS_GUIDE,
    },
    {
        "programme": "Erasmus+",
        "name": ("KA210 Småskaliga partnerskap", "KA210 Small-scale partnerships"),
        "call_pattern": "KA210",
        "min_organisations": 2,
        "min_countries": 2,
        "min_duration_months": 6,
        "max_duration_months": 24,
        "lump_sums_eur": "30000, 60000",
        "notes": (
            "Minst två organisationer från två olika EU-medlemsstater eller associerade länder.",
            "At least two organisations from two different EU member states or associated "
            "third countries.",
        ),
        "source_url": ERASMUS_GUIDE,
    },
    {
        "programme": CERV,
        "name": ("Vänortssamarbete (Town-Twinning)", "Town-Twinning"),
        "call_pattern": "CITIZENS-TOWN-TT",
        "min_organisations": 2,
        "min_countries": 2,
        "min_eu_member_states": 1,
        "min_participants": 50,
        "min_international_participants": 25,
        "notes": (
            "Kommuner (eller deras föreningar) från minst två berättigade länder, varav minst "
            "en EU-medlemsstat. Minst 50 deltagare, varav 25 inbjudna från andra länder.",
            "Towns/municipalities (or their associations) from at least two eligible "
            "countries, at least one an EU member state. At least 50 participants, 25 of "
            "them international participants.",
        ),
        "source_url": (
            "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/"
            "opportunities/topic-details/cerv-2025-citizens-town-tt"
        ),
    },
    {
        "programme": CERV,
        "name": ("Nätverk av städer (2025)", "Networks of Towns (2025)"),
        "call_pattern": "CITIZENS-TOWN-NT",
        "period": "2025",
        "min_organisations": 4,
        "min_countries": 4,
        "min_eu_member_states": 2,
        "notes": (
            "Minst fyra sökande från fyra berättigade länder, varav minst två EU-medlemsstater.",
            "At least four applicants from four eligible countries, of which at least two "
            "EU member states.",
        ),
        "source_url": (
            "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/"
            "opportunities/topic-details/cerv-2025-citizens-town-nt"
        ),
    },
    {
        "programme": "Horisont Europa",
        "name": (
            "Forsknings- och innovationsåtgärd (RIA)",
            "Research and innovation action (RIA)",
        ),
        "call_pattern": "HORIZON-",
        "min_organisations": 3,
        "min_countries": 3,
        "min_eu_member_states": 1,
        "cofinancing_rate": "100",
        "notes": (
            "Minst tre oberoende juridiska personer från tre olika medlemsstater eller "
            "associerade länder, minst en i en medlemsstat.",
            "At least three independent legal entities, each from a different member state "
            "or associated country, at least one of them in a member state.",
        ),
        "source_url": HORIZON_ANNEXES,
    },
    {
        "programme": "Horisont Europa",
        "name": ("Innovationsåtgärd (IA)", "Innovation action (IA)"),
        "call_pattern": "HORIZON-",
        "min_organisations": 3,
        "min_countries": 3,
        "min_eu_member_states": 1,
        "cofinancing_rate": "70",
        "notes": (
            "70 % av stödberättigande kostnader; ideella organisationer (t.ex. kommuner) "
            "får 100 %.",
            "70 % of eligible costs; 100 % for non-profit legal entities (such as municipalities).",
        ),
        "source_url": HORIZON_ANNEXES,
    },
    {
        "programme": "Interreg Östersjöprogrammet",
        "name": ("Ordinarie projekt", "Core projects"),
        "cofinancing_rate": "80",
        "notes": ("80 % medfinansiering från Eruf.", "80 % co-financing from the ERDF."),
        "source_url": "https://interreg-baltic.eu/gateway/programme-manual/",
    },
    {
        "programme": "Interreg Europe",
        "name": ("Samarbetsprojekt", "Interregional cooperation projects"),
        "cofinancing_rate": "80",
        "notes": (
            "80 % för offentliga organisationer och ideella organisationer styrda av "
            "offentlig rätt.",
            "80 % for public authorities and bodies governed by public law.",
        ),
        "source_url": "https://www.interregeurope.eu/programme-manual",
    },
    {
        "programme": "Interreg Öresund-Kattegat-Skagerrak",
        "name": ("Projekt", "Projects"),
        "cofinancing_rate": "60",
        "notes": ("Högst 60 % EU-stöd.", "At most 60 % EU co-financing."),
        "source_url": "https://interreg-oks.eu/",
    },
    {
        "programme": "Interreg Aurora",
        "name": ("Projekt", "Projects"),
        "cofinancing_rate": "65",
        "notes": ("Högst 65 % EU-stöd.", "At most 65 % EU co-financing."),
        "source_url": "https://www.interregaurora.eu/",
    },
    {
        "programme": "LIFE",
        "name": ("Standardprojekt (SAP)", "Standard action projects (SAP)"),
        "call_pattern": "LIFE-",
        "cofinancing_rate": "60",
        "notes": ("60 % av stödberättigande kostnader.", "60 % of eligible costs."),
        "source_url": "https://cinea.ec.europa.eu/programmes/life_en",
    },
]


def load_rules(FunderProgramme, ProgrammeRule):
    for entry in RULES:
        entry = dict(entry)
        programme = FunderProgramme.objects.get(name=entry.pop("programme"))
        name_sv, name_en = entry.pop("name")
        notes_sv, notes_en = entry.pop("notes")
        period = entry.pop("period", "2021–2027")
        ProgrammeRule.objects.update_or_create(
            programme=programme,
            name=name_sv,
            period=period,
            defaults={
                "name_sv": name_sv,
                "name_en": name_en,
                "notes": notes_sv,
                "notes_sv": notes_sv,
                "notes_en": notes_en,
                **entry,
            },
        )
