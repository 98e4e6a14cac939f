"""sitemap.xml (django.contrib.sitemaps): every public page of every active municipality, in
Swedish and English, each with its hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from utblick.documents.models import GoverningDocument
from utblick.news.models import NewsItem
from utblick.projects.models import Project
from utblick.site import selectors as site_selectors

# The public pages that every municipality has (url names in the "public" namespace).
MUNICIPALITY_PAGES = (
    "home",
    "partners",
    "networks",
    "projects_ongoing",
    "projects_completed",
    "news_index",
    "governing_documents",
    "strategy",
    "newsletter_archive",
    "opendata_downloads",
    "contact",
    "accessibility",
)


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class MunicipalityPagesSitemap(BilingualSitemap):
    def items(self):
        return [
            (name, municipality.slug)
            for municipality in site_selectors.active_municipalities()
            for name in MUNICIPALITY_PAGES
        ]

    def location(self, item):
        name, slug = item
        return reverse(f"public:{name}", args=[slug])


class ProjectSitemap(BilingualSitemap):
    def items(self):
        return (
            Project.objects.filter(is_public=True, municipality__is_active=True)
            .select_related("municipality")
            .order_by("pk")
        )

    def location(self, project):
        return reverse("public:project_detail", args=[project.municipality.slug, project.pk])


class NewsSitemap(BilingualSitemap):
    def items(self):
        return (
            NewsItem.objects.public(timezone.now())
            .filter(municipality__is_active=True)
            .select_related("municipality")
            .order_by("pk")
        )

    def location(self, item):
        return reverse("public:news_detail", args=[item.municipality.slug, item.pk])


class GoverningDocumentSitemap(BilingualSitemap):
    def items(self):
        return (
            GoverningDocument.objects.filter(
                status=GoverningDocument.Status.ADOPTED,
                is_public=True,
                municipality__is_active=True,
            )
            .select_related("municipality")
            .order_by("pk")
        )

    def location(self, document):
        return reverse("public:governing_document", args=[document.municipality.slug, document.pk])


SITEMAPS = {
    "pages": MunicipalityPagesSitemap,
    "projects": ProjectSitemap,
    "news": NewsSitemap,
    "documents": GoverningDocumentSitemap,
}


def robots_txt(request):
    """Crawlers may read the public site and the open data API, not the staff pages, the
    admin or the sign-in; the sitemap lists the public pages."""
    lines = ["User-agent: *"]
    for prefix in ("", "/en"):
        lines += [f"Disallow: {prefix}/staff/", f"Disallow: {prefix}/admin/"]
        lines += [f"Disallow: {prefix}/login/"]
    lines += ["", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
