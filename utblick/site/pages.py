"""The frame of every public page of a municipality, for the public site and the apps'
public pages: the municipality from the URL (else 404), the footer's "Last reviewed" date and
the municipality's schema.org node."""

from functools import wraps

from django.shortcuts import render

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
    request, template, municipality, context, *, section="", changed=(), nodes=(), reviewed_on=None
):
    """Render a municipal page with what public/base.html needs."""
    page = {
        "municipality": municipality,
        "section": section,
        # A page a person reviews on its own (the accessibility statement) shows that date.
        "last_reviewed": reviewed_on or selectors.last_reviewed(municipality, *changed),
        "json_ld": jsonld.graph(jsonld.government_organization(request, municipality), *nodes),
    }
    page.update(context)
    return render(request, template, page)
