"""The API's language: its paths have no language prefix, so LocaleMiddleware would answer
every client in Swedish (the site's language for unprefixed paths). A foreign partner's
client that asks for English (``Accept-Language: en``) gets DRF's and the rules' messages
in English; a client that names neither language gets Swedish. The data itself is
language-neutral (``title_sv`` and ``title_en`` side by side)."""

from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.utils.cache import patch_vary_headers
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

API_PREFIX = "/api/"


class ApiLanguageMiddleware:
    """After LocaleMiddleware: for the API only, the language the client asks for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        language = translation.get_language_from_request(request) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers["Content-Language"] = language
        return response


def exception_handler(exc, context):
    """DRF's, but a missing record is answered with DRF's translated "Not found." rather than
    Django's untranslated "No Project matches the given query." (English in a Swedish answer,
    and the model's class name is no business of the client)."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    return drf_exception_handler(exc, context)
