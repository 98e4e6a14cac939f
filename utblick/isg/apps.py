from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IsgConfig(AppConfig):
    name = "utblick.isg"
    verbose_name = _("Collaboration group (ISG)")
