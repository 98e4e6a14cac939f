"""The international collaboration group (ISG): members, meetings, agenda, minutes.

The models moved here from the funding app; their tables keep the names they had there
(``db_table``), so the move changed no data (migrations/0001_initial.py)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utblick.core.models import MunicipalityScoped


class GroupMember(MunicipalityScoped):
    """The representative of one unit (administration or municipal company) in the ISG."""

    unit = models.ForeignKey(
        "tenancy.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user account"),
    )

    class Meta:
        db_table = "funding_groupmember"
        ordering = ["unit__name"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "unit"], name="funding_isg_one_per_unit"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.unit})"

    def get_absolute_url(self):
        return reverse("staff:isg_member_list", args=[self.municipality.slug])


class Meeting(MunicipalityScoped):
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200)
    minutes = models.TextField(_("minutes"), blank=True)

    class Meta:
        db_table = "funding_meeting"
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"ISG {self.starts_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("staff:isg_meeting_detail", args=[self.municipality.slug, self.pk])


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("item"), max_length=300)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        db_table = "funding_agendaitem"
        ordering = ["order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title

    @property
    def permission_parent(self):
        return self.meeting


class MeetingDecision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))

    class Meta:
        db_table = "funding_meetingdecision"
        ordering = ["pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.text

    @property
    def permission_parent(self):
        return self.meeting


class ActionItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("owner"), max_length=200)
    due_date = models.DateField(_("due"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        db_table = "funding_actionitem"
        ordering = ["due_date", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self):
        return self.description

    @property
    def permission_parent(self):
        return self.meeting
