from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "utblick.security"
    verbose_name = _("Sign-in and audit log")

    def ready(self):
        from . import receivers  # noqa: F401
