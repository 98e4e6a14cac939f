from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from utblick.public.sitemaps import SITEMAPS, robots_txt

urlpatterns = [
    # The open data API is language-neutral: outside the language prefixes.
    path("api/v1/", include("utblick.api.urls", namespace="api")),
    # Both languages in one sitemap (with hreflang alternates), so outside the prefixes.
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("utblick.tenancy.urls")),
    path("", include("utblick.security.urls")),
    path("staff/<slug:municipality_slug>/", include("utblick.staff_urls", namespace="staff")),
    path("", include("utblick.public_urls", namespace="public")),
    prefix_default_language=False,
)
if settings.OIDC_ENABLED:
    urlpatterns += [path("oidc/", include("mozilla_django_oidc.urls"))]
