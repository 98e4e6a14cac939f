"""The latest automated accessibility checks of the public site, for the statement."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessibilityCheck(models.Model):
    """One automated check of every public page (the same software serves every
    municipality, so a check covers the installation). Recorded by
    ``manage.py record_accessibility_check`` after the check has run."""

    checked_on = models.DateField(_("checked on"))
    tool = models.CharField(_("tool"), max_length=100)
    pages = models.PositiveIntegerField(_("pages checked"))
    violations = models.PositiveIntegerField(_("violations found"))
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["-checked_on", "-pk"]
        verbose_name = _("accessibility check")
        verbose_name_plural = _("accessibility checks")
        constraints = [
            # The rules of services.record_accessibility_check, refused by the database too
            # (violations below zero already are: a positive integer field).
            models.CheckConstraint(
                condition=~models.Q(tool=""),
                name="accessibility_check_names_its_tool",
                violation_error_message=_(
                    "Name the tool that made the check, e.g. axe-core 4.12.1."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(pages__gte=1),
                name="accessibility_check_of_a_page_at_least",
                violation_error_message=_("At least one page must have been checked."),
            ),
        ]

    def __str__(self):
        return f"{self.tool} {self.checked_on}"
