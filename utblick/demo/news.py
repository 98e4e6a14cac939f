"""Demo news, drawn from the municipalities' own pages and Trollhättan's action plan
(/work/shared/seeds); idempotent."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from utblick.news.forms import NewsItemForm
from utblick.news.models import NewsItem
from utblick.news.services import save_news_item
from utblick.tenancy.models import Municipality, Unit


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


NEWS = {
    "trollhattan": [
        {
            "title_sv": "Ny handlingsplan för den internationella strategin 2025–2026",
            "title_en": "New action plan for the international strategy 2025–2026",
            "lead_sv": "Handlingsplanen konkretiserar strategin som kommunfullmäktige antog i "
            "april 2024.",
            "lead_en": "The action plan puts into practice the strategy the municipal council "
            "adopted in April 2024.",
            "body_sv": "Strategin har tre fokusområden:\n\n- Verksamhets- och "
            "kompetensutveckling\n- Näringslivsutveckling\n- Hållbar samhällsutveckling\n\n"
            "Planen (KS 2024/310) följs upp **2027-01-21**.",
            "body_en": "The strategy has three focus areas:\n\n- Development of services and "
            "skills\n- Business development\n- Sustainable development\n\nThe plan "
            "(KS 2024/310) is followed up on **21 January 2027**.",
            "category": NewsItem.Category.EU,
            "publish_at": datetime.date(2025, 1, 21),
            "is_public": True,
        },
        {
            "title_sv": "SERN – en plattform för fler projekt om hållbarhet",
            "title_en": "SERN – a platform for more sustainability projects",
            "lead_sv": "Sweden Emilia Romagna Network sammanbinder norra och södra Europa.",
            "lead_en": "The Sweden Emilia Romagna Network links northern and southern Europe.",
            "body_sv": "SERN fungerar som en katalysator för EU-finansierade projekt. "
            "Handlingsplanen pekar ut att vi ska nyttja nätverket bättre för insatser inom "
            "hållbarhet. Läs mer på [sern.eu](https://www.sern.eu).",
            "body_en": "SERN works as a catalyst for EU-funded projects. The action plan says "
            "we shall make better use of the network for sustainability work. Read more at "
            "[sern.eu](https://www.sern.eu).",
            "category": NewsItem.Category.PARTNERS,
            "publish_at": datetime.date(2025, 3, 10),
            "is_public": True,
        },
        {
            "title_sv": "Samarbetet med Fastiv får ett hållbarhetsperspektiv",
            "title_en": "The cooperation with Fastiv gains a sustainability perspective",
            "lead_sv": "Biologisk mångfald, klimatneutralitet och cirkulär ekonomi kan bli en "
            "del av samarbetet med Fastiv i Ukraina.",
            "lead_en": "Biodiversity, climate neutrality and circular economy may become part "
            "of the cooperation with Fastiv in Ukraine.",
            "body_sv": "Förvaltningarna samlas kring ansökningar om externa medel.",
            "body_en": "The departments join forces on applications for external funding.",
            "category": NewsItem.Category.PARTNERS,
            "publish_at": datetime.date(2025, 5, 6),
            "is_public": True,
        },
        {
            "title_sv": "Internt: samverkan med International House i Göteborg",
            "title_en": "Internal: cooperation with International House Gothenburg",
            "lead_sv": "Näringslivsenheten etablerar kontakt med International House.",
            "body_sv": "Målet är att nå internationella studenter och talanger.",
            "category": NewsItem.Category.EVENTS,
            "publish_at": datetime.date(2025, 6, 2),
            "is_public": False,
        },
    ],
    "motala": [
        {
            "title_sv": "EU-Handslaget stärker kunskapen om EU-beslut",
            "title_en": "The EU Handshake strengthens knowledge of EU decisions",
            "lead_sv": "Vi stärker delaktigheten, kunskapen och engagemanget kring beslut som "
            "fattas på EU-nivå.",
            "lead_en": "We strengthen participation, knowledge and engagement around decisions "
            "taken at EU level.",
            "body_sv": "Motala samarbetar nära med Region Östergötland och EU-kontoret i Bryssel.",
            "body_en": "Motala works closely with Region Östergötland and the EU office in "
            "Brussels.",
            "category": NewsItem.Category.EU,
            "publish_at": datetime.date(2025, 2, 14),
            "is_public": True,
        },
        {
            "title_sv": "Projekt med stöd av EU-medel genom SERN",
            "title_en": "Projects with EU funding through SERN",
            "lead_sv": "Ett flertal projekt har tillkommit genom kommunens medlemskap i SERN.",
            "lead_en": "Several projects have come about through the municipality's "
            "membership of SERN.",
            "body_sv": "Alla nämnder och förvaltningar deltar i internationella projekt eller "
            "utbyten.",
            "body_en": "All committees and departments take part in international projects "
            "or exchanges.",
            "category": NewsItem.Category.PROJECTS,
            "publish_at": datetime.date(2025, 4, 1),
            "is_public": True,
        },
    ],
    "kungalv": [
        {
            "title_sv": "LEADER Södra Bohuslän: sök stöd för din projektidé",
            "title_en": "LEADER Södra Bohuslän: apply for support for your project idea",
            "lead_sv": "Företag, föreningar och organisationer med en landsbygdsutvecklande "
            "projektidé kan söka stöd.",
            "lead_en": "Companies, associations and organisations with a rural development "
            "idea can apply for support.",
            "body_sv": "Projekten ska vara lokalt förankrade och ha ett tydligt "
            "underifrånperspektiv.",
            "body_en": "Projects shall be rooted locally, with a clear bottom-up perspective.",
            "category": NewsItem.Category.CALLS,
            "publish_at": datetime.date(2025, 3, 3),
            "is_public": True,
        },
    ],
    "vasteras": [
        {
            "title_sv": "Stöd för internationellt arbete från ICLD",
            "title_en": "Support for international work from ICLD",
            "lead_sv": "Västerås stad söker stöd från bland andra Internationellt Centrum för "
            "Lokal Demokrati och Universitets- och högskolerådet.",
            "lead_en": "Västerås applies for support from, among others, the International "
            "Centre for Local Democracy and the Swedish Council for Higher Education.",
            "body_sv": "Internationella samarbeten ger utveckling och kompetensutbyte.",
            "body_en": "International cooperation brings development and an exchange of skills.",
            "category": NewsItem.Category.CALLS,
            "publish_at": datetime.date(2025, 4, 22),
            "is_public": True,
        },
    ],
}


def load_demo_data():
    """Every item through the news form and its service, like the staff page; an item that
    exists (by its Swedish title) is updated."""
    nobody = AnonymousUser()  # the demo acts for the municipality as a whole
    for slug, items in NEWS.items():
        municipality = Municipality.objects.filter(slug=slug).first()
        if municipality is None:
            continue
        unit = Unit.objects.filter(municipality=municipality).order_by("pk").first()
        for data in items:
            fields = {**data, "publish_at": f"{_at(data['publish_at']):%Y-%m-%d %H:%M}"}
            fields["unit"] = unit.pk if unit else ""
            form = NewsItemForm(
                fields,
                instance=NewsItem.objects.filter(
                    municipality=municipality, title_sv=data["title_sv"]
                ).first(),
                municipality=municipality,
                user=nobody,
            )
            if not form.is_valid():
                raise ValueError(f"Demo news refused: {form.errors.as_json()}")
            save_news_item(form=form, municipality=municipality, user=nobody)
