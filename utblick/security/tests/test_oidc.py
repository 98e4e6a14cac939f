"""Sign-in through the municipality's identity provider maps to existing accounts only."""

from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from utblick.security.oidc import MunicipalityOIDCBackend
from utblick.security.services import SSO_SESSION_KEY, second_factor_required

OIDC_SETTINGS = {
    "OIDC_ENABLED": True,
    "OIDC_RP_CLIENT_ID": "utblick",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_RP_SIGN_ALGO": "HS256",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example/auth",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.example/userinfo",
    "OIDC_CREATE_USER": False,
    "STAFF_SECOND_FACTOR": True,
}


@pytest.fixture
def oidc(settings):
    for key, value in OIDC_SETTINGS.items():
        setattr(settings, key, value)
    settings.ROOT_URLCONF = "utblick.security.tests.oidc_urls"


def authenticate(claims):
    request = RequestFactory().get("/oidc/callback/", {"code": "c", "state": "s"})
    request.session = SessionStore()
    backend = MunicipalityOIDCBackend()
    with (
        mock.patch.object(
            backend, "get_token", return_value={"id_token": "x", "access_token": "y"}
        ),
        mock.patch.object(backend, "verify_token", return_value={"nonce": None}),
        mock.patch.object(backend, "get_userinfo", return_value=claims),
    ):
        return request, backend.authenticate(request)


def test_a_known_e_mail_signs_in_without_a_second_factor_here(oidc, home):
    user = home.users["coordinator"]
    user.email = "Anna.Samordnare@Trollhattan.se"
    user.save()
    request, found = authenticate({"email": "anna.samordnare@trollhattan.se", "sub": "1"})
    assert found == user
    assert request.session[SSO_SESSION_KEY] is True
    request.user = user
    assert second_factor_required(request) is False


def test_the_sign_in_page_offers_the_municipality_account(oidc, client, db):
    from django.urls import reverse

    response = client.get("/oidc/authenticate/")
    assert response.status_code == 302
    assert response["Location"].startswith("https://idp.example/auth?")
    assert reverse("oidc_authentication_callback") == "/oidc/callback/"


def test_an_unknown_person_gets_no_account(oidc, home):
    from utblick.tenancy.models import User

    before = User.objects.count()
    _request, found = authenticate({"email": "stranger@example.org", "sub": "2"})
    assert found is None
    assert User.objects.count() == before
