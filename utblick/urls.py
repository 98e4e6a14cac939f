from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    # The open data API is language-neutral: outside the language prefixes.
    path("api/v1/", include("utblick.api.urls", namespace="api")),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("utblick.tenancy.urls")),
    path("", include("utblick.security.urls")),
    path("staff/<slug:municipality_slug>/", include("utblick.staff_urls", namespace="staff")),
    path("", include("utblick.public.urls", namespace="public")),
    prefix_default_language=False,
)
if settings.OIDC_ENABLED:
    urlpatterns += [path("oidc/", include("mozilla_django_oidc.urls"))]
