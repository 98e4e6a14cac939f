"""schema.org data (JSON-LD) for the public pages.

Every municipal page carries the municipality as a ``GovernmentOrganization``; project pages
add a ``Project``, the partners page an ``Organization`` per partner. The nodes go into one
``@graph`` that the template embeds with the ``json_ld`` filter.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def graph(*nodes):
    return {"@context": "https://schema.org", "@graph": [node for node in nodes if node]}


def _compact(data: dict) -> dict:
    """Leave out empty values, schema.org consumers prefer absent to empty."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def municipality_id(request, municipality):
    """The same identifier on every page and in both languages (the Swedish start page)."""
    with translation.override(settings.LANGUAGE_CODE):
        home = reverse("public:home", args=[municipality.slug])
    return request.build_absolute_uri(home) + "#org"


def government_organization(request, municipality):
    home = request.build_absolute_uri(reverse("public:home", args=[municipality.slug]))
    address = _compact(
        {
            "@type": "PostalAddress",
            "streetAddress": municipality.address,
            "addressRegion": str(municipality.county) if municipality.county_id else "",
            "addressCountry": "SE",
        }
    )
    return _compact(
        {
            "@type": "GovernmentOrganization",
            "@id": municipality_id(request, municipality),
            "name": municipality.name,
            "alternateName": municipality.short_name,
            "url": municipality.website or home,
            "address": address,
            "telephone": municipality.phone,
            "email": municipality.email,
        }
    )


def organization(organisation):
    return _compact(
        {
            "@type": "Organization",
            "name": organisation.name,
            "url": organisation.website,
            "address": _compact(
                {
                    "@type": "PostalAddress",
                    "addressLocality": organisation.city,
                    "addressCountry": organisation.country.code,
                }
            ),
        }
    )


def project(request, municipality, project):
    members = [{"@id": municipality_id(request, municipality)}]
    members += [organization(partner.organisation) for partner in project.public_partners]
    funder = None
    if project.programme_id:
        funder = _compact(
            {
                "@type": "Organization",
                "name": project.programme.name,
                "url": project.programme.website,
            }
        )
    url = request.build_absolute_uri(
        reverse("public:project_detail", args=[municipality.slug, project.pk])
    )
    return _compact(
        {
            "@type": "Project",
            "@id": url + "#project",
            "url": url,
            "name": project.title,
            "alternateName": project.acronym,
            "description": project.summary,
            "startDate": project.start_date.isoformat() if project.start_date else None,
            "endDate": project.end_date.isoformat() if project.end_date else None,
            "funder": funder,
            "member": members,
        }
    )


def dataset(request, municipality, *, url, name, description, licence, downloads, temporal=None):
    """A schema.org ``Dataset`` (what search engines' dataset search reads): ``downloads``
    maps an encoding format (MIME type) to its address; ``temporal`` is (first, last)."""
    absolute = request.build_absolute_uri(url)
    return _compact(
        {
            "@type": "Dataset",
            "@id": absolute,
            "url": absolute,
            "name": name,
            "description": description,
            "license": licence,
            "isAccessibleForFree": True,
            "creator": {"@id": municipality_id(request, municipality)},
            "publisher": {"@id": municipality_id(request, municipality)},
            "temporalCoverage": f"{temporal[0].isoformat()}/{temporal[1].isoformat()}"
            if temporal
            else None,
            "distribution": [
                {
                    "@type": "DataDownload",
                    "encodingFormat": media_type,
                    "contentUrl": request.build_absolute_uri(address),
                }
                for media_type, address in downloads.items()
            ],
        }
    )


def news_article(request, municipality, item):
    url = request.build_absolute_uri(
        reverse("public:news_detail", args=[municipality.slug, item.pk])
    )
    image = None
    if item.image:
        image = request.build_absolute_uri(
            reverse("public:news_image", args=[municipality.slug, item.pk])
        )
    return _compact(
        {
            "@type": "NewsArticle",
            "@id": url + "#article",
            "url": url,
            "headline": item.title,
            "description": item.lead,
            "image": image,
            "datePublished": item.publish_at.isoformat(),
            "dateModified": item.updated_at.isoformat() if item.updated_at else None,
            "inLanguage": translation.get_language(),
            "publisher": {"@id": municipality_id(request, municipality)},
            "author": {"@id": municipality_id(request, municipality)},
        }
    )


def breadcrumbs(request, trail):
    """A ``BreadcrumbList`` from (name, path) pairs, the start page first."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }
