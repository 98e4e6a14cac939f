from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "utblick.opendata"
    verbose_name = _("EU open data")
