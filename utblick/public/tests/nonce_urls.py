"""A public page (in the "public" namespace, as the page cache requires) whose inline script
carries the CSP nonce: for the page cache's tests."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import include, path


def page_with_nonce(request, municipality_slug):
    return HttpResponse(f'<script nonce="{request.csp_nonce}">/* inline */</script>')


pages = [path("<slug:municipality_slug>/nonce/", page_with_nonce, name="nonce")]
urlpatterns = i18n_patterns(path("", include((pages, "public"))), prefix_default_language=False)
