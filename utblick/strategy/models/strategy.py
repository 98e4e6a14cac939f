"""A municipality's international strategy, its focus areas and their directions."""

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utblick.core.models import MunicipalityScoped


class Strategy(MunicipalityScoped):
    """The international strategy the council adopted."""

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    is_public = models.BooleanField(_("public"), default=True)

    class Meta:
        ordering = ["-valid_from", "title"]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="strategy_period_in_order",
                violation_error_message=_("The end cannot be before the start."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        url = reverse("staff:strategy_overview", args=[self.municipality.slug])
        return f"{url}#strategy-{self.pk}"


class FocusArea(models.Model):
    """One of the strategy's focus areas (fokusområde)."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="focus_areas", verbose_name=_("strategy")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["strategy", "order", "pk"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        constraints = [
            # The activities' import finds a focus area by its Swedish name.
            models.UniqueConstraint(
                Lower("name_sv"),
                "strategy",
                name="focus_area_name_unique_in_strategy",
                violation_error_message=_("The strategy already has a focus area of this name."),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def permission_parent(self):
        return self.strategy

    @property
    def municipality_id(self):
        return self.strategy.municipality_id


class Direction(models.Model):
    """A direction (inriktning) within a focus area, e.g. establishments or visitors."""

    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.CASCADE, related_name="directions", verbose_name=_("focus area")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["focus_area", "order", "pk"]
        verbose_name = _("direction")
        verbose_name_plural = _("directions")

    def __str__(self):
        return self.name

    @property
    def permission_parent(self):
        return self.focus_area
