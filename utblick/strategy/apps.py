from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "utblick.strategy"
    verbose_name = _("Strategy and action plans")
