"""Sign-in through the municipality's identity provider maps to existing accounts only."""

from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse

from utblick.security.models import AuditEvent, ExternalIdentity
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
    "OIDC_OP_ISSUER": "https://idp.example",
    "OIDC_CREATE_USER": False,
    "STAFF_SECOND_FACTOR": True,
}


@pytest.fixture
def oidc(settings):
    for key, value in OIDC_SETTINGS.items():
        setattr(settings, key, value)
    settings.ROOT_URLCONF = "utblick.security.tests.oidc_urls"


ISSUER = "https://idp.example"


def authenticate(claims, issuer=ISSUER):
    """Run the callback with a verified ID token for ``claims["sub"]`` and this userinfo."""
    request = RequestFactory().get("/oidc/callback/", {"code": "c", "state": "s"})
    request.session = SessionStore()
    backend = MunicipalityOIDCBackend()
    id_token = {"nonce": None, "iss": issuer, "sub": claims.get("sub")}
    with (
        mock.patch.object(
            backend, "get_token", return_value={"id_token": "x", "access_token": "y"}
        ),
        mock.patch.object(backend, "verify_token", return_value=id_token),
        mock.patch.object(backend, "get_userinfo", return_value=claims),
    ):
        return request, backend.authenticate(request)


def test_a_known_e_mail_signs_in_without_a_second_factor_here(oidc, home):
    user = home.users["coordinator"]
    user.email = "Anna.Samordnare@Trollhattan.se"
    user.save()
    request, found = authenticate(
        {"email": "anna.samordnare@trollhattan.se", "email_verified": True, "sub": "1"}
    )
    assert found == user
    assert request.session[SSO_SESSION_KEY] is True
    request.user = user
    assert second_factor_required(request) is False


def test_the_sign_in_page_offers_the_municipality_account(oidc, client, db):
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


def test_an_unverified_e_mail_does_not_sign_in_as_the_superuser(oidc, home):
    """Issue #14, finding 9: any IdP account could claim the superuser's address."""
    superuser = home.users["superuser"]
    superuser.email = "admin@example.se"
    superuser.save()
    _request, found = authenticate(
        {"sub": "x", "email": "ADMIN@EXAMPLE.SE", "email_verified": False}
    )
    assert found is None
    _request, found = authenticate({"sub": "x", "email": "admin@example.se"})
    assert found is None
    assert not ExternalIdentity.objects.exists()


def test_the_first_verified_sign_in_binds_issuer_and_subject(oidc, home):
    user = home.users["reader"]
    user.email = "rita.lasare@trollhattan.se"
    user.save()
    _request, found = authenticate(
        {"sub": "rita-1", "email": "rita.lasare@trollhattan.se", "email_verified": "true"}
    )
    assert found == user
    assert ExternalIdentity.objects.get().user == user
    assert AuditEvent.objects.filter(kind="sso_linked", user=user).exists()

    # Later sign-ins follow the subject, whatever e-mail address the provider sends now.
    _request, found = authenticate({"sub": "rita-1", "email": "new@elsewhere.example"})
    assert found == user
    # Someone else at the provider who gets her address verified does not get her account.
    _request, found = authenticate(
        {"sub": "mallory", "email": "rita.lasare@trollhattan.se", "email_verified": True}
    )
    assert found is None
    # Nor does the same subject at another provider.
    _request, found = authenticate({"sub": "rita-1"}, issuer="https://other-idp.example")
    assert found is None


def test_a_token_without_issuer_signs_in_no_one(oidc, home):
    user = home.users["reader"]
    user.email = "rita.lasare@trollhattan.se"
    user.save()
    _request, found = authenticate(
        {"sub": "rita-1", "email": user.email, "email_verified": True}, issuer=""
    )
    assert found is None


def test_a_superuser_signed_in_through_the_provider_still_gives_the_second_factor(
    oidc, client, home
):
    superuser = home.users["superuser"]
    superuser.email = "admin@example.se"
    superuser.save()
    request, found = authenticate(
        {"sub": "adm", "email": "admin@example.se", "email_verified": True}
    )
    assert found == superuser
    assert request.session[SSO_SESSION_KEY] is True

    client.force_login(superuser)
    session = client.session
    session[SSO_SESSION_KEY] = True
    session.save()
    dashboard = client.get(reverse("staff:dashboard", args=[home.municipality.slug]))
    assert dashboard.status_code == 302
    assert dashboard["Location"].startswith(reverse("second_factor"))
    assert client.get("/admin/").status_code == 302


def test_a_token_from_another_issuer_signs_in_no_one(oidc, home):
    """Another tenant of the same provider (its own issuer) cannot sign in, even with the
    verified e-mail address of a known account, nor use an identity bound earlier."""
    user = home.users["coordinator"]
    user.email = "anna@trollhattan.se"
    user.save()
    _request, found = authenticate(
        {"email": "anna@trollhattan.se", "email_verified": True, "sub": "1"},
        issuer="https://idp.example/other-tenant",
    )
    assert found is None
    assert not ExternalIdentity.objects.filter(user=user).exists()
    _request, found = authenticate(
        {"email": "anna@trollhattan.se", "email_verified": True, "sub": "1"}
    )
    assert found == user
    _request, found = authenticate({"sub": "1"}, issuer="https://idp.example/other-tenant")
    assert found is None
