"""The public site of each active municipality, in Swedish and English.

Anyone may read it; it shows only records the municipality has marked public (see
``selectors``). Every page gets the municipality, the "Last reviewed" date for the footer and
the schema.org data for the page.
"""

from pathlib import PurePath

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from utblick.core.crud import download
from utblick.site import jsonld, worldmap
from utblick.site import selectors as site_selectors
from utblick.site.pages import public_view, render_page

from . import selectors
from .accessibility import statement as accessibility_statement


def _latest_update(*groups):
    """The latest ``updated_at`` among records already loaded (no queries)."""
    moments = [record.updated_at for group in groups for record in group]
    return max(moments) if moments else None


def index(request):
    """All municipalities that publish their international work here."""
    municipalities = list(site_selectors.active_municipalities())
    return render(
        request,
        "public/index.html",
        {
            "municipalities": municipalities,
            "last_reviewed": selectors.municipalities_changed_on(municipalities),
        },
    )


@public_view
def home(request, municipality):
    today = timezone.localdate()
    projects = selectors.latest_projects(municipality, today)
    twins = list(selectors.twin_towns(municipality))
    context = {
        "figures": selectors.key_figures(municipality, today),
        "projects": projects,
        "twin_towns": twins,
    }
    return render_page(
        request,
        "public/home.html",
        municipality,
        context,
        section="home",
        changed=[_latest_update(projects, twins)],
    )


@public_view
def partners(request, municipality):
    partnerships = list(selectors.public_partnerships(municipality))
    organisations = list(selectors.project_partner_organisations(municipality))
    by_pk = {p.partner.pk: p.partner for p in partnerships}
    by_pk.update({organisation.pk: organisation for organisation in organisations})
    context = {
        "partnership_groups": selectors.group_by_country(partnerships, lambda p: p.partner.country),
        "organisation_groups": selectors.group_by_country(organisations, lambda o: o.country),
        "worldmap": _partner_map(partnerships, organisations),
    }
    return render_page(
        request,
        "public/partners.html",
        municipality,
        context,
        section="partners",
        changed=[_latest_update(partnerships, organisations, by_pk.values())],
        crumb=_("Partners and twin towns"),
        nodes=[jsonld.organization(organisation) for organisation in by_pk.values()],
    )


def _partner_map(partnerships, organisations):
    """The world map of the partners page; each marker links to its entry in the list."""
    places = worldmap.places_from(
        [
            (p.partner.country, p.partner.city, f"#partnership-{p.pk}", p.partner.name)
            for p in partnerships
        ]
        + [(o.country, o.city, f"#organisation-{o.pk}", o.name) for o in organisations]
    )
    if not places:
        return ""
    return worldmap.render(
        places, title=_("Map of our partners"), description=worldmap.summary(places)
    )


@public_view
def networks(request, municipality):
    memberships = list(selectors.public_memberships(municipality))
    return render_page(
        request,
        "public/networks.html",
        municipality,
        {"memberships": memberships},
        section="networks",
        changed=[_latest_update(memberships)],
        crumb=_("Networks"),
    )


def _project_list(request, municipality, *, queryset, section, title, intro, other):
    page = Paginator(queryset, selectors.PROJECT_PAGE_SIZE).get_page(request.GET.get("page"))
    projects = list(page.object_list)
    context = {
        "page": page,
        "projects": projects,
        "title": title,
        "intro": intro,
        "other": other,
    }
    return render_page(
        request,
        "public/project_list.html",
        municipality,
        context,
        section=section,
        changed=[_latest_update(projects)],
        crumb=title,
    )


@public_view
def projects_ongoing(request, municipality):
    return _project_list(
        request,
        municipality,
        queryset=selectors.ongoing_projects(municipality),
        section="ongoing",
        title=_("Ongoing projects"),
        intro=_("Projects with external funding that the municipality is running now."),
        other=("public:projects_completed", _("Completed projects")),
    )


@public_view
def projects_completed(request, municipality):
    return _project_list(
        request,
        municipality,
        queryset=selectors.completed_projects(municipality),
        section="completed",
        title=_("Completed projects"),
        intro=_("Projects with external funding that the municipality has taken part in."),
        other=("public:projects_ongoing", _("Ongoing projects")),
    )


def _project_list_crumb(municipality, listed_in):
    """The list that shows the project, for its breadcrumbs (none if neither list does)."""
    if not listed_in:
        return []
    name = _("Completed projects") if listed_in == "completed" else _("Ongoing projects")
    return [(name, reverse(f"public:projects_{listed_in}", args=[municipality.slug]))]


@public_view
def project_detail(request, municipality, pk):
    project = selectors.project_or_404(municipality, pk)
    for document in project.public_documents:
        document.extension = PurePath(document.file.name).suffix.lstrip(".").upper()
    listed_in = selectors.listed_in(project)
    return render_page(
        request,
        "public/project_detail.html",
        municipality,
        {"project": project, "completed": listed_in == "completed"},
        section=listed_in,
        changed=[project.updated_at],
        nodes=[jsonld.project(request, municipality, project)],
        crumb=project.title,
        trail=_project_list_crumb(municipality, listed_in),
    )


@public_view
def document_download(request, municipality, project_pk, pk):
    """A public document of a public project; everything else is not found."""
    document = selectors.document_or_404(municipality, project_pk, pk)
    return download(document.file)


@public_view
def contact(request, municipality):
    return render_page(
        request,
        "public/contact.html",
        municipality,
        {},
        section="contact",
        crumb=_("Contact"),
    )


@public_view
def accessibility(request, municipality):
    return render_page(
        request,
        "public/accessibility.html",
        municipality,
        {
            **accessibility_statement(municipality),
            "statement_updated_on": selectors.statement_updated_on(municipality),
            "report_email": municipality.accessibility_contact_email or municipality.email,
            "site_url": request.build_absolute_uri(
                reverse("public:home", args=[municipality.slug])
            ),
        },
        section="accessibility",
        crumb=_("Accessibility statement"),
        reviewed_on=municipality.accessibility_statement_reviewed_on,
    )
