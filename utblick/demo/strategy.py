"""Demo: Trollhättan's international strategy and its action plan 2025–2026, complete.

Every focus area, core task (grunduppdrag) and identified development potential of the
seed plan (``001_cc0e8f546612b01e.txt``) restated in our own words; names of organisations,
networks, places and programmes as they are. The first focus area has no list of core tasks
in the plan; its one core task is the coordination group the plan describes. The
follow-up entries are illustrations for the demo, not reported facts.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from utblick.core.names import folded
from utblick.demo.documents import ACTION_PLAN_NUMBER
from utblick.documents.models import GoverningDocument
from utblick.partners.models import NetworkMembership, Partnership
from utblick.projects import services as project_services
from utblick.projects.models import Project
from utblick.strategy import services
from utblick.strategy.forms import EntryForm
from utblick.strategy.models import (
    ActionPlan,
    Activity,
    Direction,
    FocusArea,
    Strategy,
)
from utblick.tenancy.models import Municipality, Unit, User

CORE, DEVELOPMENT = Activity.Kind.CORE, Activity.Kind.DEVELOPMENT
OFFICE = "Administrativa kontoret"
BUSINESS = "Näringslivsenheten"
SUSTAINABILITY = "Kontoret för Hållbarhet och Tillväxt"
PLANNING = "Samhällsbyggnadsförvaltningen"

FOCUS_AREAS = [
    {
        "name": ("Verksamhets- och kompetensutveckling", "Service and skills development"),
        "text": (
            "Stadens verksamheter utvecklas genom internationalisering på flera sätt. Kärnan "
            "är den fortlöpande dialogen mellan den internationella samordnaren och "
            "förvaltningar, kontor och bolag. Den internationella samverkansgruppen (ISG), "
            "med en representant per förvaltning och bolag, ger dialogen ett återkommande "
            "forum där verksamheternas behov kan lyftas.",
            "The city's services develop through internationalisation in several ways. At "
            "the core is the ongoing dialogue between the international coordinator and the "
            "departments, offices and companies. The international cooperation group (ISG), "
            "with one representative per department and company, gives that dialogue a "
            "recurring forum where each service can raise its needs.",
        ),
        "directions": [],
        "activities": [
            (
                "VK-G01",
                CORE,
                OFFICE,
                "Samordna den internationella samverkansgruppen (ISG) med aktuella utlysningar, "
                "pågående projekt, verksamheternas behov av extern finansiering, "
                "Ukrainasamarbetet och nytt från EU",
                "Coordinate the international cooperation group (ISG): open calls, ongoing "
                "projects, the services' need for external funding, the Ukraine cooperation and "
                "news from the EU",
            ),
            (
                "VK-U01",
                DEVELOPMENT,
                OFFICE,
                "Involvera de kommunala bolagen mer i diskussionen om extern finansiering och "
                "internationalisering",
                "Involve the municipal companies more in the discussion on external funding and "
                "internationalisation",
            ),
            (
                "VK-U02",
                DEVELOPMENT,
                OFFICE,
                "Ta fram ett nyhetsbrev om det internationella arbetet i Trollhättan för spridning "
                "internt och externt",
                "Produce a newsletter on Trollhättan's international work for readers inside and "
                "outside the organisation",
            ),
            (
                "VK-U03",
                DEVELOPMENT,
                OFFICE,
                "Stärka EU-informationen internt, bland annat genom att ta upp aktuella beslut och "
                "processer i Bryssel i Samordningsutskottet och andra forum för tjänstepersoner "
                "och politiker",
                "Strengthen EU information internally, for example by raising current decisions "
                "and processes in Brussels in the Samordningsutskottet and other forums where "
                "officials and politicians meet",
            ),
        ],
    },
    {
        "name": ("Näringslivsutveckling", "Business development"),
        "text": (
            "Trollhättans näringsliv är i hög grad internationellt, med många företag som har "
            "filialer, kontakter eller ägare utomlands. Att stärka näringslivet är en tydlig "
            "politisk prioritering, och den internationella samordnaren arbetar nära "
            "Näringslivsenheten. Strategin pekar ut tre prioriterade inriktningar: "
            "etableringar, besökare och kompetensförsörjning.",
            "Trollhättan's business community is highly international, with many companies "
            "that have branches, contacts or owners abroad. Strengthening business is a clear "
            "political priority, and the international coordinator works closely with the "
            "Business Development Unit. The strategy names three priority directions: "
            "establishments, visitors and skills supply.",
        ),
        "directions": [
            ("Etableringar", "Establishments"),
            ("Besökare", "Visitors"),
            ("Kompetensförsörjning", "Skills supply"),
        ],
        "activities": [
            (
                "NL-G01",
                CORE,
                BUSINESS,
                "Samverka med Näringslivsenheten",
                "Cooperate with the Business Development Unit",
            ),
            (
                "NL-G02",
                CORE,
                BUSINESS,
                "Samverka med Visit Trollhättan-Vänersborg",
                "Cooperate with Visit Trollhättan-Vänersborg",
            ),
            (
                "NL-G03",
                CORE,
                BUSINESS,
                "Samverka med Svensk-Amerikanska handelskammaren i Arizona med utgångspunkt i "
                "vänortsrelationen med Tempe",
                "Cooperate with the Swedish-American Chamber of Commerce in Arizona, building on "
                "the twin-town relationship with Tempe",
            ),
            (
                "NL-G04",
                CORE,
                BUSINESS,
                "Samverka med regionala aktörer som Position Väst, Innovatum Science Park och "
                "Västsvenska handelskammaren",
                "Cooperate with regional actors such as Position Väst, Innovatum Science Park and "
                "Västsvenska handelskammaren",
            ),
            (
                "NL-G05",
                CORE,
                BUSINESS,
                "Informera företag om EU-finansiering och internationella möjligheter",
                "Inform companies about EU funding and international opportunities",
            ),
            (
                "NL-G06",
                CORE,
                BUSINESS,
                "Ordna frukostföreläsningar och seminarier om ämnen som intresserar näringslivet",
                "Hold breakfast talks and seminars on subjects of interest to businesses",
            ),
            (
                "NL-G07",
                CORE,
                BUSINESS,
                "Nätverka på relevanta mässor och konferenser, till exempel Internationella "
                "handelsdagen i Göteborg",
                "Network at relevant fairs and conferences, such as the International Trade Day "
                "in Gothenburg",
            ),
            (
                "NL-G08",
                CORE,
                BUSINESS,
                "Delta i Högskolan Västs nätverk för regionens globala konkurrenskraft (NCRGC)",
                "Take part in University West's network for the region's global competitiveness "
                "(NCRGC)",
            ),
            (
                "NL-U01",
                DEVELOPMENT,
                BUSINESS,
                "Lägga till ett näringslivsperspektiv i samarbetet med Fastiv i Ukraina och "
                "undersöka om Trollhättaföretag kan bidra och göra affärer med aktörer i Fastiv",
                "Add a business perspective to the cooperation with Fastiv in Ukraine and explore "
                "whether Trollhättan companies can contribute and do business with actors there",
            ),
            (
                "NL-U02",
                DEVELOPMENT,
                BUSINESS,
                "Marknadsföra Trollhättan tydligare mot utländska investerare och etablerare "
                "tillsammans med samverkansparterna ovan",
                "Market Trollhättan more clearly to foreign investors and companies looking to "
                "establish, together with the partners above",
            ),
            (
                "NL-U03",
                DEVELOPMENT,
                BUSINESS,
                "Etablera kontakt och samverkan med International House i Göteborg, som möter "
                "många internationella studenter och talanger",
                "Establish contact and cooperation with International House in Gothenburg, which "
                "meets many international students and talents",
            ),
        ],
    },
    {
        "name": ("Hållbar samhällsutveckling", "Sustainable development"),
        "text": (
            "Omställningen till ett hållbart samhälle har länge varit prioriterad i "
            "Trollhättan, vilket syns i stadens åtaganden för Agenda 2030, färdplanerna för "
            "social hållbarhet och klimat och i nätverk som WHO:s Healthy Cities och Viable "
            "Cities, vars städer vill bli klimatneutrala till 2030. Strategin har två "
            "inriktningar: en socialt hållbar och jämlik stad och en grön stad med låg "
            "klimatpåverkan.",
            "The transition to a sustainable society has long been a priority in Trollhättan, "
            "as the city's commitments to the 2030 Agenda, its roadmaps for social "
            "sustainability and climate, and networks such as WHO Healthy Cities and Viable "
            "Cities (whose cities aim to be climate neutral by 2030) show. The strategy has "
            "two directions: a socially sustainable, equal city and a green city with a low "
            "climate impact.",
        ),
        "directions": [
            ("En socialt hållbar och jämlik stad", "A socially sustainable and equal city"),
            ("En grön stad med låg klimatpåverkan", "A green city with a low climate impact"),
        ],
        "activities": [
            (
                "HS-G01",
                CORE,
                SUSTAINABILITY,
                "Samverka med Kontoret för Hållbarhet och Tillväxt",
                "Cooperate with the Office for Sustainability and Growth",
            ),
            (
                "HS-G02",
                CORE,
                PLANNING,
                "Samverka med Samhällsbyggnadsförvaltningens miljökontor",
                "Cooperate with the environmental office of the Urban Planning and Environment "
                "Department",
            ),
            (
                "HS-G03",
                CORE,
                SUSTAINABILITY,
                "Lyfta och informera om EU-finansiering för social och ekologisk (grön) hållbarhet",
                "Highlight and inform about EU funding for social and ecological (green) "
                "sustainability",
            ),
            (
                "HS-G04",
                CORE,
                OFFICE,
                "Driva samarbetet med Fastiv i Ukraina framåt",
                "Drive the cooperation with Fastiv in Ukraine forward",
            ),
            (
                "HS-G05",
                CORE,
                SUSTAINABILITY,
                "Bevaka arbetet inom Healthy Cities",
                "Follow the work within Healthy Cities",
            ),
            (
                "HS-G06",
                CORE,
                SUSTAINABILITY,
                "Bevaka arbetet inom Viable Cities",
                "Follow the work within Viable Cities",
            ),
            (
                "HS-U01",
                DEVELOPMENT,
                OFFICE,
                "Använda EU-nätverket SERN bättre som plattform för fler projekt och insatser "
                "inom hållbarhet",
                "Make better use of the EU network SERN as a platform for more projects and "
                "actions on sustainability",
            ),
            (
                "HS-U02",
                DEVELOPMENT,
                SUSTAINABILITY,
                "Samla förvaltningarna kring ansökningar om externa medel för hållbarhetsarbetet",
                "Bring departments together on applications for external funding for "
                "sustainability work",
            ),
            (
                "HS-U03",
                DEVELOPMENT,
                OFFICE,
                "Lägga till ett hållbarhetsperspektiv i samarbetet med Fastiv, till exempel "
                "biologisk mångfald, klimatneutralitet, cirkulär ekonomi eller grön stadsplanering",
                "Add a sustainability perspective to the cooperation with Fastiv, such as "
                "biodiversity, climate neutrality, the circular economy or green urban planning",
            ),
        ],
    },
]

BACKGROUND = (
    "Kommunfullmäktige antog i april 2024 en ny internationell strategi för Trollhättans "
    "stad med tre fokusområden: verksamhets- och kompetensutveckling, näringslivsutveckling "
    "och hållbar samhällsutveckling. Handlingsplanen gör strategin konkret genom att visa "
    "vilka insatser som görs för att den ska följas, och pekar under varje fokusområde ut "
    "utvecklingsbehov som kan förbättra stadens internationella arbete.",
    "In April 2024 the municipal council adopted a new international strategy for the City "
    "of Trollhättan with three focus areas: service and skills development, business "
    "development and sustainable development. The action plan makes the strategy concrete "
    "by showing what is done to follow it, and names under each focus area development "
    "needs that can improve the city's international work.",
)

# (key, days before the day the demo is loaded, text sv, text en, new status, progress):
# illustrations for the demo, placed relative to that day so that the follow-up is recent.
ENTRIES = [
    (
        "VK-G01",
        130,
        "ISG träffades; aktuella utlysningar gicks igenom.",
        "The ISG met; current calls for proposals were reviewed.",
        Activity.Status.ONGOING,
        30,
    ),
    (
        "NL-G01",
        100,
        "Gemensam planering av året med Näringslivsenheten.",
        "Joint planning of the year with the Business Development Unit.",
        Activity.Status.ONGOING,
        25,
    ),
    (
        "HS-U01",
        65,
        "Möjliga hållbarhetsprojekt inom SERN diskuterades i ISG.",
        "Possible sustainability projects within SERN were discussed in the ISG.",
        Activity.Status.ONGOING,
        15,
    ),
    (
        "HS-G04",
        25,
        "Avstämning med Fastiv om samarbetets nästa steg.",
        "Check-in with Fastiv on the next steps of the cooperation.",
        Activity.Status.ONGOING,
        40,
    ),
]

LINKS = {
    "NL-G03": {"partnerships": ["Tempe"]},
    "NL-U01": {"partnerships": ["Fastiv"]},
    "HS-G04": {"partnerships": ["Fastiv"]},
    "HS-U03": {"partnerships": ["Fastiv"]},
    "HS-G05": {"networks": ["Healthy Cities"]},
    "HS-G06": {"networks": ["Viable Cities"]},
    "HS-U01": {"networks": ["SERN"], "projects": ["50-50-projektet"]},
    "VK-G01": {"projects": ["Praktikplatser för yrkesprogram"]},
    "HS-G01": {"projects": ["Ungdomsutbyte om jämställdhet"]},
}
PROJECT_FOCUS = {
    "50-50-projektet": 2,
    "Ungdomsutbyte om jämställdhet": 2,
    "Praktikplatser för yrkesprogram": 0,
}


def _membership(municipality, name):
    """The municipality's membership of the network whose name holds ``name`` or whose
    acronym is ``name``, in any case (compared as core.names does: not by SQLite's LIKE,
    which folds ASCII letters only)."""
    memberships = list(
        NetworkMembership.objects.filter(municipality=municipality).select_related("network")
    )
    wanted = folded(name)
    by_name = [m for m in memberships if wanted in folded(m.network.name)]
    by_acronym = [m for m in memberships if folded(m.network.acronym) == wanted]
    return next(iter(by_name + by_acronym), None)


@transaction.atomic
def load_demo_data():
    municipality = Municipality.objects.get(slug="trollhattan")
    units = {u.name: u for u in Unit.objects.filter(municipality=municipality)}
    # Through the one write path of each (its rules); loading again changes nothing.
    strategy = services.save_strategy(
        municipality=municipality,
        strategy=Strategy.objects.filter(
            municipality=municipality, title_sv="Internationell strategi för Trollhättans stad"
        ).first(),
        title_sv="Internationell strategi för Trollhättans stad",
        title_en="International strategy of the City of Trollhättan",
        summary_sv=BACKGROUND[0].split(". ")[0] + ".",
        summary_en=BACKGROUND[1].split(". ")[0] + ".",
        adopted_on=datetime.date(2024, 4, 1),
        valid_from=datetime.date(2024, 4, 1),
        is_public=True,
    )
    plan = services.save_action_plan(
        strategy=strategy,
        plan=ActionPlan.objects.filter(
            strategy=strategy, start_date=datetime.date(2025, 1, 1)
        ).first(),
        title_sv="Handlingsplan för internationell strategi 2025–2026",
        title_en="Action plan for the international strategy 2025–2026",
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        background_sv=BACKGROUND[0],
        background_en=BACKGROUND[1],
        document=GoverningDocument.objects.filter(
            municipality=municipality, registration_number=ACTION_PLAN_NUMBER
        ).first(),
        is_public=True,
    )
    areas, activities = [], {}
    for order, data in enumerate(FOCUS_AREAS):
        area = services.save_focus_area(
            strategy=strategy,
            focus_area=FocusArea.objects.filter(strategy=strategy, name_sv=data["name"][0]).first(),
            name_sv=data["name"][0],
            name_en=data["name"][1],
            description_sv=data["text"][0],
            description_en=data["text"][1],
            order=order,
        )
        areas.append(area)
        for position, (name_sv, name_en) in enumerate(data["directions"]):
            services.save_direction(
                focus_area=area,
                direction=Direction.objects.filter(focus_area=area, name_sv=name_sv).first(),
                name_sv=name_sv,
                name_en=name_en,
                order=position,
            )
        for position, (key, kind, unit, title_sv, title_en) in enumerate(data["activities"]):
            # Through the activities' one write path (its rules); loading again changes nothing.
            activities[key] = services.save_activity(
                plan=plan,
                user=None,
                activity=Activity.objects.filter(action_plan=plan, key=key).first(),
                key=key,
                focus_area=area,
                kind=kind,
                title_sv=title_sv,
                title_en=title_en,
                unit=units.get(unit),
                responsible_person="Internationell samordnare",
                order=position,
            )
    _links(municipality, activities, areas)
    _entries(municipality, activities)


def _links(municipality, activities, areas):
    """The activities' links and the projects' focus areas, through the activities' and
    the projects' write paths (their rules: only the municipality's own records)."""
    projects = {p.title_sv: p for p in Project.objects.filter(municipality=municipality)}
    partnerships = {
        p.partner.name: p
        for p in Partnership.objects.filter(municipality=municipality).select_related("partner")
    }
    for key, links in LINKS.items():
        activity = activities[key]
        memberships = [_membership(municipality, n) for n in links.get("networks", [])]
        services.save_activity(
            plan=activity.action_plan,
            user=None,
            activity=activity,
            partnerships=[
                partnerships[n] for n in links.get("partnerships", []) if n in partnerships
            ],
            projects=[projects[n] for n in links.get("projects", []) if n in projects],
            network_memberships=[m for m in memberships if m is not None],
        )
    for title, index in PROJECT_FOCUS.items():
        if title in projects:
            project_services.save_project(
                municipality=municipality,
                user=None,
                project=projects[title],
                focus_area=areas[index],
            )


def _entries(municipality, activities):
    """The follow-ups on the activities' timelines, through the entry form and its service
    (which moves the activity's status and progress along), oldest first."""
    author = User.objects.filter(username="trollhattan-samordnare").first()
    today = timezone.localdate()
    for key, days_ago, text_sv, text_en, status, progress in sorted(
        ENTRIES, key=lambda entry: -entry[1]
    ):
        activity = activities[key]
        if activity.entries.filter(text_sv=text_sv).exists():
            continue
        form = EntryForm(
            {
                "date": today - datetime.timedelta(days=days_ago),
                "text_sv": text_sv,
                "text_en": text_en,
                "status": status,
                "progress": "" if progress is None else progress,
            }
        )
        if not form.is_valid():
            raise ValueError(f"Demo follow-up refused: {form.errors.as_json()}")
        services.add_entry(form=form, activity=activity, user=author)
