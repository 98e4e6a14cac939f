from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "utblick.core"
    verbose_name = _("Utblick core")

    def ready(self):
        # Connects the receivers that drop cached public pages when their data changes.
        from . import public_cache  # noqa: F401
