"""Sign-in through the municipality's OpenID Connect identity provider (mozilla-django-oidc).

Only people who already have an account in Utblick get in (matched by e-mail address):
the identity provider says who someone is, Utblick's memberships say what they may do.
The identity provider is trusted to have asked for its own second factor.
"""

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .services import SSO_SESSION_KEY


class MunicipalityOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def create_user(self, claims):
        # Accounts and roles are created in Utblick by the coordinator, never by the IdP.
        return None

    def authenticate(self, request, **kwargs):
        user = super().authenticate(request, **kwargs)
        if user is not None and request is not None and getattr(settings, "OIDC_ENABLED", False):
            request.session[SSO_SESSION_KEY] = True
        return user
