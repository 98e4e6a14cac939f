from importlib import import_module

from django.apps import AppConfig
from django.conf import settings
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "utblick.jobs"
    verbose_name = _("Background jobs")

    def ready(self):
        # Every job task has to be registered before a stored job can be resumed (see
        # runner.task_for): each app declares or imports its tasks in its `jobs` module.
        autodiscover_modules("jobs")
        for module in settings.JOB_TASK_MODULES:
            import_module(module)
