"""Every public page, in Swedish and English: content, structure and what must never show."""

import datetime

import pytest
from django.utils import timezone, translation

from utblick.core import public_cache
from utblick.partners.models import Partnership
from utblick.projects.models import Project
from utblick.tenancy.models import Municipality
from utblick.tenancy.services import activate_municipality

from .factories import OrganisationFactory, PartnershipFactory, ProjectFactory, in_days
from .helpers import LANGUAGES, PAGES, SECRETS, all_pages, get, msg, url
from .html import page

# Every page ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_is_well_formed_and_shows_no_internal_record(client, town, site, language):
    for name, args in all_pages(site):
        response = get(client, name, language, town, *args)
        html = response.content.decode()
        doc = page(response)
        assert f'<html lang="{language}">' in html, name
        assert len(doc.h1()) == 1, (name, doc.h1())
        # Skip link to the main landmark, and the landmarks themselves.
        assert doc.all("a", href="#main"), name
        assert doc.all("main", id="main"), name
        assert len(doc.all("header")) == 1 and len(doc.all("footer")) == 1, name
        assert len(doc.all("nav")) >= 2, name
        for nav in doc.all("nav"):
            assert nav.get("aria-label"), name
        # The only script is the JSON-LD block.
        assert [attrs.get("type") for attrs, _text in doc.scripts] == ["application/ld+json"]
        # Headings do not skip a level.
        levels = [level for level, _text in doc.headings]
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), (name, levels)
        # Brand is the municipality; the links marked as the current page (in the menu, in
        # the breadcrumbs) lead to the page itself, and the menu marks one link at most.
        assert doc.by_class["brand"][0].startswith("Trollhättans kommun"), name
        marked = {a["href"] for a in doc.all("a", **{"aria-current": "page"})}
        assert marked <= {response.request["PATH_INFO"]}, name
        menu = html.split('class="main-nav')[1].split("</nav>")[0]
        assert menu.count("aria-current=") <= 1, name
        for secret in SECRETS:
            assert secret not in html, (name, secret)


def test_brand_navigation_and_footer(client, town, site):
    response = get(client, "networks", "sv", town)
    doc = page(response)
    brand = [a for a in doc.all("a") if a.get("class") == "brand"]
    assert brand and brand[0]["href"] == url("home", "sv", town.municipality.slug)
    assert town.municipality.name in response.content.decode()
    current = doc.all("a", **{"aria-current": "page"})
    networks = url("networks", "sv", town.municipality.slug)
    assert [a["href"] for a in current] == [networks, networks]  # the menu, the breadcrumbs
    hrefs = doc.hrefs()
    for name in ("home", "partners", "projects_ongoing", "projects_completed", "contact"):
        assert url(name, "sv", town.municipality.slug) in hrefs
    assert url("accessibility", "sv", town.municipality.slug) in hrefs


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switcher_links_the_same_page(client, town, site, language):
    other = "en" if language == "sv" else "sv"
    response = get(client, "project_detail", language, town, site["ongoing"].pk)
    target = url("project_detail", other, town.municipality.slug, site["ongoing"].pk)
    assert page(response).all("a", href=target, hreflang=other)


def test_english_pages_live_under_en():
    assert url("home", "sv", "trollhattan") == "/trollhattan/"
    assert url("home", "en", "trollhattan") == "/en/trollhattan/"


# Municipalities ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_index_lists_active_municipalities_only(client, town, other_town, language):
    response = client.get(url("index", language))
    assert response.status_code == 200
    doc = page(response)
    hrefs = doc.hrefs()
    assert url("home", language, town.municipality.slug) in hrefs
    assert url("home", language, other_town.municipality.slug) in hrefs
    assert url("home", language, "stockholm") not in hrefs
    assert "Stockholms kommun" not in response.content.decode()
    assert len(doc.h1()) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_inactive_or_unknown_municipality_is_not_found(client, town, site, language):
    inactive = Municipality.objects.get(code="0180")  # Stockholm, not set up here
    assert not inactive.is_active
    for name, args in [(name, ()) for name in PAGES] + [("project_detail", (1,))]:
        assert client.get(url(name, language, inactive.slug, *args)).status_code == 404
        assert client.get(url(name, language, "no-such-town", *args)).status_code == 404


def test_a_municipality_that_is_deactivated_disappears(client, town, site):
    assert client.get(url("home", "sv", town.municipality.slug)).status_code == 200
    # As the admin does it: a save, then every cached public page goes (DropsPublicPages).
    municipality = Municipality.objects.get(pk=town.municipality.pk)
    municipality.is_active = False
    municipality.save()
    public_cache.invalidate()
    assert client.get(url("home", "sv", town.municipality.slug)).status_code == 404
    assert client.get(url("contact", "en", town.municipality.slug)).status_code == 404
    index = client.get(url("index", "sv")).content.decode()
    assert url("home", "sv", town.municipality.slug) not in index


# Start page -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "intro", "title"),
    [
        ("sv", "Trollhättan samarbetar med städer i hela Europa.", "Gröna kajer"),
        ("en", "Trollhättan works with towns all over Europe.", "Green quays"),
    ],
)
def test_start_page(client, town, site, language, intro, title):
    response = get(client, "home", language, town)
    html = response.content.decode()
    doc = page(response)
    assert intro in html
    figures = response.context["figures"]
    # One ongoing and one completed project of our own, plus the projects app's sample.
    assert (
        figures["ongoing"]
        == Project.objects.filter(municipality=town.municipality, is_public=True).ongoing().count()
    )
    assert figures["completed"] == 1
    assert figures["networks"] >= 1
    assert 'class="stat">1</span>' in html  # the completed projects
    assert title in doc.by_id["projects-title"] or title in html
    assert url("project_detail", language, town.municipality.slug, site["ongoing"].pk) in html
    # Twin towns with their country, in the page's language.
    with translation.override(language):
        norway = str(site["twin"].partner.country.name)
    assert f"Skedsmo kommune, {norway}" in html
    assert "Saint-Maur" not in html.split('id="twins-title"')[1]  # a friendship town


def test_start_page_figures_count_public_records_only(client, town, site):
    figures = get(client, "home", "sv", town).context["figures"]
    public = Partnership.objects.filter(municipality=town.municipality, is_public=True).exclude(
        status="ended"
    )
    assert figures["partnerships"] == public.count()
    assert figures["twin_towns"] == public.filter(kind="twin").count()
    assert figures["countries"] == len(set(public.values_list("partner__country", flat=True)))


# Partners and twin towns ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "germany", "norway", "france"),
    [("sv", "Tyskland", "Norge", "Frankrike"), ("en", "Germany", "Norway", "France")],
)
def test_partners_are_grouped_by_country_in_the_page_language(
    client, town, site, language, germany, norway, france
):
    response = get(client, "partners", language, town)
    html = response.content.decode()
    doc = page(response)
    groups = {group["code"]: group for group in response.context["partnership_groups"]}
    assert groups["DE"]["name"] == germany
    assert groups["NO"]["name"] == norway
    assert groups["FR"]["name"] == france
    assert doc.by_id["partnerships-NO"] == norway
    assert doc.by_id["partnerships-DE"] == germany
    names = [group["name"] for group in response.context["partnership_groups"]]
    assert names == sorted(names, key=str.casefold)
    # Partnerships sit under their country's heading with their kind and year.
    germany_section = html.split('id="partnerships-DE"')[1].split("</section>")[0]
    assert "Stadt Kaiserslautern" in germany_section
    assert msg(language, "Cooperation") in germany_section
    norway_section = html.split('id="partnerships-NO"')[1].split("</section>")[0]
    assert "Skedsmo kommune" in norway_section
    assert msg(language, "Twin town") in norway_section
    assert '<time datetime="1965-05-01">1965</time>' in norway_section
    france_section = html.split('id="partnerships-FR"')[1].split("</section>")[0]
    assert msg(language, "Friendship town") in france_section


@pytest.mark.parametrize(
    ("language", "expected"),
    [("sv", ["FR", "DE", "AX", "AT"]), ("en", ["AX", "AT", "FR", "DE"])],
)
def test_countries_are_in_the_alphabetical_order_of_the_language(
    client, other_town, language, expected
):
    # sv: Frankrike, Tyskland, Åland, Österrike; en: Åland Islands, Austria, France, Germany.
    m = other_town.municipality
    for code in ("AT", "DE", "AX", "FR"):
        PartnershipFactory(
            municipality=m, partner=OrganisationFactory(municipality=m, country=code)
        )
    response = get(client, "partners", language, other_town)
    assert [group["code"] for group in response.context["partnership_groups"]] == expected
    headings = [text for level, text in page(response).headings if level == 3]
    assert headings == [group["name"] for group in response.context["partnership_groups"]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_partners_page_lists_organisations_of_public_projects(client, town, site, language):
    response = get(client, "partners", language, town)
    html = response.content.decode()
    groups = {group["code"]: group for group in response.context["organisation_groups"]}
    assert [o.name for o in groups["FI"]["items"]] == ["Hämeenlinna"]
    finland = html.split('id="organisations-FI"')[1].split("</section>")[0]
    assert "Hämeenlinna" in finland
    project_url = url("project_detail", language, town.municipality.slug, site["ongoing"].pk)
    assert project_url in finland
    assert "AT" not in groups  # only in the internal project
    assert "Hemlig partner GmbH" not in html


def test_partners_page_shows_nothing_of_another_municipality(client, town, other_town, site):
    html = get(client, "partners", "sv", other_town).content.decode()
    assert "Motalas vänort" in html
    assert "Skedsmo kommune" not in html
    assert "Hämeenlinna" not in html


# Networks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "description"),
    [("sv", "Nätverk för europeiska storstäder."), ("en", "Network of major European cities.")],
)
def test_networks_page(client, town, site, language, description):
    response = get(client, "networks", language, town)
    html = response.content.decode()
    heading = page(response).by_id[f"network-{response.context['memberships'][0].pk}"]
    assert heading  # every membership has a heading
    section = html.split("Eurocities (EC)")[1].split("</section>")[0]
    assert description in section
    assert msg(language, "Member since") in section
    assert '<time datetime="2012-03-01">2012</time>' in section


# Project lists ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_ongoing_and_completed_lists(client, town, site, language):
    ongoing = get(client, "projects_ongoing", language, town).content.decode()
    completed = get(client, "projects_completed", language, town).content.decode()
    title = "Gröna kajer" if language == "sv" else "Green quays"
    assert title in ongoing
    assert "Avslutat utbyte" not in ongoing
    assert "Avslutat utbyte" in completed  # no English title: falls back to Swedish
    assert title not in completed
    with translation.override(language):
        lead = str(Project.Role.LEAD.label)
    assert lead in ongoing
    assert '<time datetime="2024-02-01">' in ongoing


def test_a_running_project_past_its_end_is_listed_as_completed(client, town, site):
    ProjectFactory(
        municipality=town.municipality,
        title_sv="Försenad avslutning",
        status=Project.Status.ONGOING,
        start_date=datetime.date(2020, 1, 1),
        end_date=in_days(-1),
    )
    assert "Försenad avslutning" in get(client, "projects_completed", "sv", town).content.decode()
    assert "Försenad avslutning" not in get(client, "projects_ongoing", "sv", town).content.decode()


def test_project_lists_are_paginated(client, town):
    for n in range(25):
        ProjectFactory(municipality=town.municipality, title_sv=f"Listprojekt {n:02d}")
    first = get(client, "projects_ongoing", "sv", town)
    assert len(first.context["projects"]) == 20
    assert 'rel="next"' in first.content.decode()
    response = client.get(url("projects_ongoing", "sv", town.municipality.slug) + "?page=2")
    assert response.status_code == 200
    assert response.context["page"].number == 2
    total = Project.objects.filter(municipality=town.municipality, is_public=True).ongoing()
    assert len(response.context["projects"]) == total.count() - 20


# Project page -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "title", "summary", "goal"),
    [
        ("sv", "Gröna kajer", "Kajerna längs älven blir gröna.", "Hållbara städer och samhällen"),
        ("en", "Green quays", "The quays along the river turn green.", "Sustainable cities"),
    ],
)
def test_project_page(client, town, site, language, title, summary, goal):
    project = site["ongoing"]
    response = get(client, "project_detail", language, town, project.pk)
    html = response.content.decode()
    doc = page(response)
    assert doc.h1() == [f"{title} (GRÖN)"]  # the acronym falls back to Swedish
    assert summary in html
    assert '<time datetime="2024-02-01">' in html
    assert f'<time datetime="{project.end_date:%Y-%m-%d}">' in html
    with translation.override(language):
        expected = [
            str(Project.Status.ONGOING.label),
            str(Project.Role.LEAD.label),
            str(project.programme.name),
            str(project.partners.get(organisation__country="FI").get_role_display()),
        ]
        germany = "Tyskland" if language == "sv" else "Germany"
    for text in expected:
        assert text in html, text
    partners = html.split('id="partners-title"')[1].split("</section>")[0]
    assert "Stadt Kaiserslautern" in partners and germany in partners
    assert "Hämeenlinna" in partners
    assert goal in html
    assert "https://example.org/g" in html and "Projektets webbplats" in html
    download = url(
        "document_download",
        language,
        town.municipality.slug,
        project.pk,
        site["public_document"].pk,
    )
    assert download in doc.hrefs()
    assert "Slutrapport" in html and "(PDF)" in html
    assert "Intern budget" not in html


def test_completed_project_page_says_completed(client, town, site):
    project = ProjectFactory(
        municipality=town.municipality,
        title_sv="Försenat projekt",
        status=Project.Status.GRANTED,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2021, 1, 1),
    )
    response = get(client, "project_detail", "en", town, project.pk)
    assert response.context["completed"] is True
    facts = response.content.decode().split('id="facts-title"')[1]
    assert msg("en", "Completed") in facts
    # The menu marks the list as the current section, the breadcrumbs lead through it.
    section = page(response).all("a", **{"aria-current": "true"})
    completed = url("projects_completed", "en", town.municipality.slug)
    assert [a["href"] for a in section] == [completed]
    current = page(response).all("a", **{"aria-current": "page"})
    assert [a["href"] for a in current] == [
        url("project_detail", "en", town.municipality.slug, project.pk)
    ]
    crumbs = response.content.decode().split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert f'href="{completed}"' in crumbs


@pytest.mark.parametrize("language", LANGUAGES)
def test_internal_and_foreign_projects_are_not_found(client, town, other_town, site, language):
    assert (
        client.get(
            url("project_detail", language, town.municipality.slug, site["secret"].pk)
        ).status_code
        == 404
    )
    foreign = Project.objects.get(title_sv="Motalas projekt")
    assert (
        client.get(url("project_detail", language, town.municipality.slug, foreign.pk)).status_code
        == 404
    )
    assert (
        client.get(
            url("project_detail", language, other_town.municipality.slug, foreign.pk)
        ).status_code
        == 200
    )


# Documents --------------------------------------------------------------------------------


def test_public_document_is_downloaded(client, town, site):
    project, document = site["ongoing"], site["public_document"]
    response = client.get(
        url("document_download", "sv", town.municipality.slug, project.pk, document.pk)
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


def test_documents_that_are_not_public_are_not_found(client, town, other_town, site):
    slug, ongoing = town.municipality.slug, site["ongoing"]
    cases = [
        (slug, ongoing.pk, site["internal_document"].pk),  # internal document, public project
        (slug, site["secret"].pk, site["secret_document"].pk),  # public document, internal project
        (slug, site["completed"].pk, site["public_document"].pk),  # document of another project
        (
            other_town.municipality.slug,
            ongoing.pk,
            site["public_document"].pk,
        ),  # other municipality
    ]
    for case in cases:
        assert client.get(url("document_download", "sv", *case)).status_code == 404, case


# Contact ----------------------------------------------------------------------------------


def test_contact_page_in_swedish(client, town, site):
    response = get(client, "contact", "sv", town)
    html = response.content.decode()
    assert "Måndag–fredag 8:00–16:30" in html
    assert "Gärdhemsvägen 9, 461 83" in html
    assert "461 83 Trollhättan" in html
    assert '<a href="tel:0520495000">0520-49 50 00</a>' in html
    assert 'href="mailto:kommun@trollhattan.se"' in html
    assert "Kontakta internationella samordnaren." in html
    assert msg("sv", "Opening hours") in html


def test_contact_page_in_english(client, town, site):
    town.municipality.opening_hours_en = "Monday–Friday 8:00–16:30"
    town.municipality.save()
    html = get(client, "contact", "en", town).content.decode()
    assert "Monday–Friday 8:00–16:30" in html
    assert "Måndag–fredag" not in html
    assert "Contact the international coordinator." in html


def test_contact_page_falls_back_to_swedish_opening_hours(client, town, site):
    html = get(client, "contact", "en", town).content.decode()
    assert "Måndag–fredag 8:00–16:30" in html


# Accessibility statement ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "issues"),
    [("sv", "Några PDF-dokument saknar taggar."), ("en", "Some PDF documents lack tags.")],
)
def test_accessibility_statement_has_every_required_part(client, town, site, language, issues):
    response = get(client, "accessibility", language, town)
    html = response.content.decode()
    doc = page(response)
    # Whose site it covers, and where.
    scope = doc.by_id["statement-scope"]
    assert town.municipality.name in scope
    assert f"http://testserver{url('home', language, town.municipality.slug)}" in scope
    # Compliance level.
    assert (
        msg(
            language,
            "This website is partially compliant with the Act on accessibility to digital public "
            "services, because of the shortcomings described below.",
        )
        in html
    )
    # Known shortcomings.
    assert issues in html
    # Method and date of the assessment.
    method = doc.by_class["method"][0]
    assert "axe-core" in method
    assert method == msg(
        language,
        "We have assessed the website ourselves. Every page is tested automatically with "
        "axe-core against WCAG 2.1 level AA and reviewed manually: keyboard use, screen reader, "
        "zoom and reflow, contrast, headings and forms.",
    )
    assert msg(language, "How we tested the website") in html
    assert '<time datetime="2025-03-14">' in html.split('class="assessed"')[1]
    # How to report problems, and the supervisory authority.
    assert 'href="mailto:tillganglighet@trollhattan.se"' in html
    assert 'href="https://www.digg.se/tdosanmalan"' in html
    assert msg(language, "Supervision") in doc.by_id["supervision"]
    # When the statement was last updated.
    updated = html.split('class="statement-updated"')[1].split("</p>")[0]
    assert "<time datetime=" in updated


def test_accessibility_reporting_falls_back_to_the_municipality_email(client, town, site):
    town.municipality.accessibility_contact_email = ""
    town.municipality.accessibility_known_issues_sv = ""
    town.municipality.accessibility_known_issues_en = ""
    town.municipality.save()
    html = get(client, "accessibility", "sv", town).content.decode()
    assert 'href="mailto:kommun@trollhattan.se"' in html
    # Without shortcomings of its own, the municipality's statement lists Utblick's.
    assert "known-issues own" not in html
    assert html.count("<li>", html.index('class="known-issues"')) >= 1


def test_statement_date_follows_changes_of_the_statement_not_of_other_details(client, town, site):
    m = town.municipality
    m.history.update(history_date=datetime.datetime(2025, 4, 1, 12, tzinfo=datetime.UTC))
    # A new version today, but the statement does not change.
    activate_municipality(municipality=m, phone="0520-00 00 00")
    response = get(client, "accessibility", "sv", town)
    assert response.context["statement_updated_on"] == datetime.date(2025, 4, 1)
    activate_municipality(
        municipality=m, accessibility_known_issues_sv="Kartan saknar textalternativ."
    )
    response = get(client, "accessibility", "sv", town)
    assert response.context["statement_updated_on"] == timezone.localdate()
