"""Demo data: four municipalities with what their own public pages state (facts only).

Sources: the municipal web pages and the action plan in the project's seed documents
(Trollhättan, Västerås, Kungälv, Motala). Everything here is idempotent: running it again
updates the same records instead of adding new ones.
"""

import datetime

from django.db import transaction

from utblick.partners import services as partner_services
from utblick.partners.models import Network, NetworkMembership, Organisation, Partnership
from utblick.projects import services as project_services
from utblick.projects.models import (
    FunderProgramme,
    Project,
    SustainableDevelopmentGoal,
)
from utblick.tenancy import services as tenancy_services
from utblick.tenancy.models import Municipality, Role, Unit, User

DEMO_PASSWORD = "utblick-demo-2026"  # noqa: S105 (printed by load_demo; demo only)

NETWORKS = [
    {
        "name": "Sweden Emilia-Romagna Network",
        "acronym": "SERN",
        "website": "https://www.sern.eu",
        "description_sv": (
            "Nätverk som förbinder norra och södra Europa: offentliga myndigheter och ideella "
            "organisationer i Sverige och Emilia-Romagna som startar EU-finansierade projekt "
            "tillsammans, på lokal, regional och nationell nivå."
        ),
        "description_en": (
            "A network linking northern and southern Europe: public bodies and non-profit "
            "organisations in Sweden and Emilia-Romagna that start EU-funded projects together, "
            "at local, regional and national level."
        ),
    },
    {
        "name": "WHO European Healthy Cities Network",
        "acronym": "Healthy Cities",
        "website": "https://www.who.int/europe/groups/who-european-healthy-cities-network",
        "description_sv": "WHO:s nätverk för städer som arbetar för hälsa och social hållbarhet.",
        "description_en": "WHO's network of cities working for health and social sustainability.",
    },
    {
        "name": "Viable Cities",
        "acronym": "",
        "website": "https://viablecities.se",
        "description_sv": "Svenska städer med målet att bli klimatneutrala till år 2030.",
        "description_en": "Swedish cities aiming to become climate neutral by 2030.",
    },
    {
        "name": "LEADER Södra Bohuslän",
        "acronym": "LEADER",
        "website": "https://www.leadersodrabohuslan.se",
        "description_sv": (
            "Lokalt ledd utveckling på landsbygden i Uddevalla, Stenungsund, Tjörn, Orust, "
            "Kungälv, Öckerö och Göteborgs södra skärgård. Utvecklingskontoret finns på "
            "Kulturhuset Fregatten i Stenungsund."
        ),
        "description_en": (
            "Community-led local development in the countryside of Uddevalla, Stenungsund, "
            "Tjörn, Orust, Kungälv, Öckerö and Gothenburg's southern archipelago. Its office "
            "is at Kulturhuset Fregatten in Stenungsund."
        ),
    },
]

MUNICIPALITIES = {
    "1488": {
        "details": {
            "address": "Gärdhemsvägen 9, 461 83 Trollhättan",
            "phone": "0520-49 50 00",
            "email": "kontaktcenter@trollhattan.se",
            "website": "https://www.trollhattan.se",
            "opening_hours_sv": "Måndag–fredag 8:00–16:30",
            "opening_hours_en": "Monday–Friday 8:00–16:30",
            "intro_sv": (
                "Kommunfullmäktige antog en internationell strategi 2007 och en ny i april 2024 "
                "med fokusområdena verksamhets- och kompetensutveckling, näringslivsutveckling "
                "och hållbar samhällsutveckling. Vi arbetar främst med europeiska partner inom "
                "långsiktiga nätverk som SERN."
            ),
            "intro_en": (
                "The municipal council adopted an international strategy in 2007 and a new one "
                "in April 2024, focused on service and skills development, business development "
                "and sustainable development. We work mainly with European partners in "
                "long-term networks such as SERN."
            ),
            "contact_text_sv": "Kontaktcenter är en väg in till Trollhättans Stad.",
            "contact_text_en": "The contact centre is the way in to the City of Trollhättan.",
            "content_reviewed_on": datetime.date(2021, 5, 28),
        },
        "units": [
            ("Kommunstyrelsens förvaltning", "Municipal Executive Office", Unit.Kind.DEPARTMENT),
            ("Administrativa kontoret", "Administrative Office", Unit.Kind.OFFICE),
            ("Näringslivsenheten", "Business Development Unit", Unit.Kind.OFFICE),
            (
                "Kontoret för Hållbarhet och Tillväxt",
                "Office for Sustainability and Growth",
                Unit.Kind.OFFICE,
            ),
            (
                "Samhällsbyggnadsförvaltningen",
                "Urban Planning and Environment Department",
                Unit.Kind.DEPARTMENT,
            ),
        ],
        "organisations": [
            ("Tempe", Organisation.Kind.MUNICIPALITY, "US", "Tempe, Arizona"),
            ("Fastiv", Organisation.Kind.MUNICIPALITY, "UA", "Fastiv"),
            (
                "Svensk-Amerikanska handelskammaren i Arizona",
                Organisation.Kind.CHAMBER,
                "US",
                "Phoenix",
            ),
            ("Position Väst", Organisation.Kind.AUTHORITY, "SE", "Trollhättan"),
            ("Innovatum Science Park", Organisation.Kind.COMPANY, "SE", "Trollhättan"),
            ("Västsvenska handelskammaren", Organisation.Kind.CHAMBER, "SE", "Göteborg"),
            ("Högskolan Väst", Organisation.Kind.UNIVERSITY, "SE", "Trollhättan"),
        ],
        "partnerships": [
            (
                "Tempe",
                Partnership.Kind.TWIN_TOWN,
                "Vänort i Arizona, USA.",
                "Twin town in Arizona.",
            ),
            (
                "Fastiv",
                Partnership.Kind.COOPERATION,
                "Samarbete med Fastiv i Ukraina, där näringsliv och hållbarhet ska läggas till.",
                "Cooperation with Fastiv in Ukraine, to be widened to business and sustainability.",
            ),
        ],
        "networks": ["SERN", "Healthy Cities", "Viable Cities"],
        "projects": [
            (
                "50-50-projektet",
                "The 50-50 project",
                "Energibesparing på Strömslundskolan inom SERN-samarbetet.",
                "Energy saving at Strömslundskolan school, within the SERN cooperation.",
                [7, 13],
            ),
            (
                "Ungdomsutbyte om jämställdhet",
                "Youth exchange on gender equality",
                "Ungdomsutbyte med fokus på jämställdhet och att förebygga rasism inom idrotten.",
                "Youth exchange on gender equality and preventing racism in sport.",
                [5, 10],
            ),
            (
                "Praktikplatser för yrkesprogram",
                "Work placements for vocational programmes",
                "Praktikplatser utomlands för elever i yrkesinriktad gymnasieutbildning.",
                "Work placements abroad for students in vocational upper secondary education.",
                [4, 8],
            ),
            (
                "Metoder mot våld mot kvinnor",
                "Methods against violence against women",
                "Gemensamma metoder och strategier för att förebygga våld mot kvinnor.",
                "Shared methods and strategies to prevent violence against women.",
                [5, 16],
            ),
            (
                "Volontärer i äldreomsorgen",
                "Volunteers in elderly care",
                "Volontärsverksamhet inom äldreomsorgen.",
                "Volunteering in elderly care.",
                [3],
            ),
        ],
    },
    "1980": {
        "details": {
            "address": "Stadshuset, 721 87 Västerås",
            "phone": "021-39 26 36",
            "website": "https://www.vasteras.se",
            "opening_hours_sv": "",
            "intro_sv": (
                "De flesta av våra förvaltningar och bolag deltar i internationella samarbeten "
                "genom nätverk eller projekt, med stöd från bland annat EU, ICLD, "
                "Universitets- och högskolerådet, Vinnova, Sida och Nordiska ministerrådet."
            ),
            "intro_en": (
                "Most of our departments and companies take part in international cooperation "
                "through networks or projects, supported by the EU, ICLD, the Swedish Council "
                "for Higher Education, Vinnova, Sida and the Nordic Council of Ministers."
            ),
            "contact_text_sv": (
                "Frågor om internationella samarbeten besvaras av stadens internationella "
                "strateg; frågor om skolornas samarbeten av stadens EU-samordnare."
            ),
            "contact_text_en": (
                "Questions on international cooperation: the city's international strategist; "
                "on schools' cooperation: the city's EU coordinator."
            ),
        },
        "units": [
            ("Stadsledningskontoret", "City Executive Office", Unit.Kind.OFFICE),
            ("Barn- och utbildningsförvaltningen", "Education Department", Unit.Kind.DEPARTMENT),
        ],
        "organisations": [],
        "partnerships": [],
        "networks": [],
        "projects": [
            (
                "Europa Direkt Västerås",
                "Europe Direct Västerås",
                "Informationskontor som ger partipolitiskt neutral information om EU och "
                "kontakt med EU:s institutioner och politiker.",
                "Information centre giving party-politically neutral information about the EU "
                "and contact with its institutions and politicians.",
                [16, 17],
            ),
        ],
    },
    "1482": {
        "details": {
            "intro_sv": (
                "Det internationella arbetet styrs av den internationella policy som "
                "kommunfullmäktige antagit. Prioriterade områden är utveckling av kommunens egen "
                "verksamhet, tillväxt och näringslivsutveckling samt omvärldsbevakning."
            ),
            "intro_en": (
                "International work follows the policy adopted by the municipal council. "
                "Priorities are developing the municipality's own services, growth and "
                "business development, and monitoring the world around us."
            ),
        },
        "units": [("Kommunledningskontoret", "Municipal Executive Office", Unit.Kind.OFFICE)],
        "organisations": [
            ("Hiddenhausen", Organisation.Kind.MUNICIPALITY, "DE", "Hiddenhausen"),
            ("Perano", Organisation.Kind.MUNICIPALITY, "IT", "Perano"),
        ],
        "partnerships": [
            ("Hiddenhausen", Partnership.Kind.TWIN_TOWN, "Vänort i Tyskland.", "Twin town."),
            ("Perano", Partnership.Kind.TWIN_TOWN, "Vänort i Italien.", "Twin town."),
        ],
        "networks": ["LEADER"],
        "projects": [],
    },
    "0583": {
        "details": {
            "email": "samhallsbyggnad@motala.se",
            "intro_sv": (
                "Motala kommun ska aktivt verka för ökad internationell samverkan, med prioritet "
                "på samarbete inom EU, för att nå målen i det lokala utvecklingsprogrammet (LUP)."
            ),
            "intro_en": (
                "Motala works actively for more international cooperation, with priority on the "
                "EU, to reach the goals of its local development programme (LUP)."
            ),
        },
        "units": [
            (
                "Samhällsbyggnadsförvaltningen",
                "Community Development Department",
                Unit.Kind.DEPARTMENT,
            )
        ],
        "organisations": [
            ("Hyvinkää", Organisation.Kind.MUNICIPALITY, "FI", "Hyvinkää (Hyvinge)"),
            ("Daugavpils", Organisation.Kind.MUNICIPALITY, "LV", "Daugavpils"),
            ("Region Östergötland", Organisation.Kind.REGION, "SE", "Linköping"),
        ],
        "partnerships": [
            (
                "Hyvinkää",
                Partnership.Kind.TWIN_TOWN,
                "Vänort som utvecklats mot resultatinriktad samverkan.",
                "Twin town, now a results-oriented cooperation.",
            ),
            (
                "Daugavpils",
                Partnership.Kind.TWIN_TOWN,
                "Vänort som utvecklats mot resultatinriktad samverkan.",
                "Twin town, now a results-oriented cooperation.",
            ),
        ],
        "networks": ["SERN"],
        "projects": [],
    },
}


def _user(username, first_name, last_name, *, superuser=False):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@example.se",
        },
    )
    if created or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
    user.is_superuser = user.is_staff = superuser
    user.save()
    return user


@transaction.atomic
def load_demo():
    """Create or update the demo; returns the logins as (username, description) pairs."""
    # Through the write paths of networks, units and memberships (their rules); loading again
    # changes nothing.
    networks = {}
    for data in NETWORKS:
        network = partner_services.save_network(
            network=Network.objects.filter(name=data["name"]).first(), **data
        )
        networks[data["acronym"] or data["name"]] = network

    logins = [("admin", "Plattformens superanvändare / platform superuser")]
    _user("admin", "Plattform", "Admin", superuser=True)
    for code, data in MUNICIPALITIES.items():
        municipality = Municipality.objects.get(code=code)
        tenancy_services.activate_municipality(
            municipality=municipality,
            accessibility_assessed_on=datetime.date(2026, 11, 1),
            **data["details"],
        )
        units = [
            tenancy_services.save_unit(
                municipality=municipality,
                unit=Unit.objects.filter(municipality=municipality, name_sv=name_sv).first(),
                name_sv=name_sv,
                name_en=name_en,
                kind=kind,
            )
            for name_sv, name_en, kind in data["units"]
        ]
        _demo_people(municipality, units, logins)
        # Through the partners' write paths (their rules); loading again changes nothing.
        organisations = {}
        for name, kind, country, city in data["organisations"]:
            organisations[name] = partner_services.save_organisation(
                municipality=municipality,
                user=None,
                organisation=Organisation.objects.filter(
                    municipality=municipality, name=name, country=country
                ).first(),
                name=name,
                country=country,
                kind=kind,
                city=city,
                unit=units[0],
            )
        for name, kind, text_sv, text_en in data["partnerships"]:
            partner_services.save_partnership(
                municipality=municipality,
                user=None,
                partnership=Partnership.objects.filter(
                    municipality=municipality, partner=organisations[name]
                ).first(),
                partner=organisations[name],
                kind=kind,
                description_sv=text_sv,
                description_en=text_en,
                is_public=True,
                unit=units[0],
                decision_body="kf",
            )
        for key in data["networks"]:
            partner_services.save_membership(
                municipality=municipality,
                user=None,
                membership=NetworkMembership.objects.filter(
                    municipality=municipality, network=networks[key]
                ).first(),
                network=networks[key],
                is_public=True,
                unit=units[0],
            )
        for title_sv, title_en, summary_sv, summary_en, goals in data["projects"]:
            _demo_project(municipality, units[0], title_sv, title_en, summary_sv, summary_en, goals)
    _app_demo_data()
    return logins


def _app_demo_data():
    """The apps' demo data, in order: the strategy refers to a governing document (idempotent)."""
    from . import documents, funding, news, newsletter, opendata, strategy  # noqa: I001

    for module in (documents, strategy, funding, news, newsletter, opendata):
        module.load_demo_data()


def _demo_people(municipality, units, logins):
    prefix = municipality.slug
    people = [
        (f"{prefix}-samordnare", Role.COORDINATOR, None, "internationell samordnare / coordinator"),
        (f"{prefix}-enhet", Role.UNIT_REPRESENTATIVE, units[-1], "enhetsrepresentant / unit rep"),
        (f"{prefix}-lasare", Role.READER, None, "läsare (politiker, chef) / reader"),
    ]
    for username, role, unit, description in people:
        user = _user(username, municipality.short_name, description.split(" / ")[0].capitalize())
        tenancy_services.add_member(municipality=municipality, user=user, role=role, unit=unit)
        logins.append((username, f"{municipality.short_name}: {description}"))


def _demo_project(municipality, unit, title_sv, title_en, summary_sv, summary_en, goals):
    """The project through the projects' one write path (its rules, its first status on the
    timeline); loading the demo again changes nothing."""
    ongoing = title_sv == "Europa Direkt Västerås"
    return project_services.save_project(
        municipality=municipality,
        user=None,
        project=Project.objects.filter(municipality=municipality, title_sv=title_sv).first(),
        title_sv=title_sv,
        title_en=title_en,
        summary_sv=summary_sv,
        summary_en=summary_en,
        role=Project.Role.LEAD if ongoing else Project.Role.PARTNER,
        unit=unit,
        status=Project.Status.ONGOING if ongoing else Project.Status.COMPLETED,
        is_public=True,
        programme=FunderProgramme.objects.filter(name="Annan finansiär").first()
        if ongoing
        else None,
        goals=SustainableDevelopmentGoal.objects.filter(number__in=goals),
    )
