"""The frame of every public page of a municipality, for the public site and the apps'
public pages: the municipality from the URL (else 404), the footer's "Last reviewed" date and
the municipality's schema.org node, and the breadcrumbs (a visible trail and a schema.org
``BreadcrumbList``) of every page below the start page."""

from functools import wraps

from django.shortcuts import render
from django.urls import reverse

from . import jsonld, selectors


def public_view(view):
    """Resolve the active municipality from the URL (else 404) and pass it to the view."""

    @wraps(view)
    def wrapper(request, municipality_slug, *args, **kwargs):
        municipality = selectors.municipality_or_404(municipality_slug)
        request.municipality = municipality
        return view(request, municipality, *args, **kwargs)

    return wrapper


def render_page(
    request,
    template,
    municipality,
    context,
    *,
    section="",
    changed=(),
    nodes=(),
    reviewed_on=None,
    crumb=None,
    trail=(),
):
    """Render a municipal page with what public/base.html needs. A page below the start page
    names itself in ``crumb`` and the pages between the start page and itself in ``trail``
    ((name, path) pairs); the breadcrumbs end with the page's own address."""
    breadcrumbs = []
    if crumb is not None:
        home = reverse("public:home", args=[municipality.slug])
        breadcrumbs = [(municipality.short_name, home), *trail, (crumb, request.path)]
    page = {
        "municipality": municipality,
        "section": section,
        # A page a person reviews on its own (the accessibility statement) shows that date.
        "last_reviewed": reviewed_on or selectors.last_reviewed(municipality, *changed),
        "breadcrumbs": [
            {"name": name, "url": path, "current": position == len(breadcrumbs)}
            for position, (name, path) in enumerate(breadcrumbs, start=1)
        ],
        "json_ld": jsonld.graph(
            jsonld.government_organization(request, municipality),
            *nodes,
            jsonld.breadcrumbs(request, breadcrumbs) if breadcrumbs else None,
        ),
    }
    page.update(context)
    return render(request, template, page)
