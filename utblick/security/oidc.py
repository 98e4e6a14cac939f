"""Sign-in through the municipality's OpenID Connect identity provider (mozilla-django-oidc).

Only people who already have an account in Utblick get in: the identity provider says who
someone is, Utblick's memberships say what they may do. An account is bound to the
provider's (issuer, subject) pair (ExternalIdentity). The first sign-in binds it by e-mail
address, and only when the provider says it has verified that address; after that the
e-mail address plays no part, so changing it at the provider cannot move a login to
another account. The identity provider is trusted to have asked for its own second factor,
except for platform superusers, who always give Utblick's (services.second_factor_required).
"""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .models import AuditEvent, ExternalIdentity
from .services import SSO_SESSION_KEY, record_user_event

logger = logging.getLogger(__name__)


def email_is_verified(claims) -> bool:
    """True only for the boolean true (or the string "true" some providers send)."""
    verified = claims.get("email_verified")
    return verified is True or (isinstance(verified, str) and verified.lower() == "true")


class MunicipalityOIDCBackend(OIDCAuthenticationBackend):
    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        issuer = str(payload.get("iss") or "").strip()
        subject = str(payload.get("sub") or "").strip()
        if not issuer or not subject:
            logger.warning("OIDC sign-in refused: the ID token has no issuer or subject")
            return None
        if issuer != settings.OIDC_OP_ISSUER:
            # OpenID Connect Core 3.1.3.7: the issuer must exactly match the one configured.
            # A token signed with a key the JWKS serves for several tenants (a shared cloud
            # provider) names its own issuer: only the municipality's own may sign in.
            logger.warning("OIDC sign-in refused: the ID token's issuer is not the configured one")
            return None
        if str(claims.get("sub") or subject) != subject:
            # OpenID Connect Core 5.3.2: the userinfo must be about the token's subject.
            logger.warning("OIDC sign-in refused: userinfo subject differs from the ID token")
            return None
        identity = (
            ExternalIdentity.objects.filter(issuer=issuer, subject=subject)
            .select_related("user")
            .first()
        )
        if identity is not None:
            return identity.user if identity.user.is_active else None
        return self._link_by_verified_email(issuer=issuer, subject=subject, claims=claims)

    def _link_by_verified_email(self, *, issuer, subject, claims):
        email = str(claims.get("email") or "").strip()
        if not email or not email_is_verified(claims):
            return None
        users = list(self.UserModel.objects.filter(email__iexact=email, is_active=True)[:2])
        if len(users) != 1:
            return None
        user = users[0]
        if ExternalIdentity.objects.filter(issuer=issuer, user=user).exists():
            # Already bound to another subject of this provider: an e-mail address that
            # moved to someone else must not take the account with it.
            return None
        try:
            with transaction.atomic():
                ExternalIdentity.objects.create(issuer=issuer, subject=subject, user=user)
        except IntegrityError:
            return None
        record_user_event(
            kind=AuditEvent.Kind.SSO_LINKED, user=user, request=self.request, issuer=issuer
        )
        return user

    def create_user(self, claims):
        # Accounts and roles are created in Utblick by the coordinator, never by the IdP.
        return None

    def authenticate(self, request, **kwargs):
        user = super().authenticate(request, **kwargs)
        if user is not None and request is not None and getattr(settings, "OIDC_ENABLED", False):
            request.session[SSO_SESSION_KEY] = True
        return user
