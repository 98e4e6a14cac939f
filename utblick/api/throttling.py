from rest_framework.permissions import SAFE_METHODS
from rest_framework.settings import api_settings
from rest_framework.throttling import UserRateThrottle


class WriteRateThrottle(UserRateThrottle):
    """Rate-limits writes per user (``API_WRITE_RATE``); reads are not limited."""

    scope = "api_write"

    def get_rate(self):
        # DRF binds THROTTLE_RATES when the class is defined; reading the setting here lets a
        # changed API_WRITE_RATE (or a test's settings) apply without a restart.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        # The same client address as sign-in lockouts and the audit log (TRUSTED_PROXY_COUNT).
        from utblick.security.services import client_ip

        return client_ip(request) or "unknown"

    def allow_request(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return super().allow_request(request, view)
