"""Building blocks shared by the domain apps."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .validators import validate_upload


class MunicipalityScoped(models.Model):
    """A record that belongs to one municipality; every query for it is scoped by it."""

    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class DecisionBody(models.TextChoices):
    COUNCIL = "kf", _("Municipal council (kommunfullmäktige)")
    EXECUTIVE_BOARD = "ks", _("Municipal executive board (kommunstyrelsen)")
    COMMITTEE = "namnd", _("Committee (nämnd)")


class Decision(models.Model):
    """The political decision behind a partnership or membership."""

    decision_body = models.CharField(
        _("decided by"), max_length=10, choices=DecisionBody.choices, blank=True
    )
    decision_committee = models.CharField(
        _("committee name"), max_length=200, blank=True, help_text=_("When a committee decided.")
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_paragraph = models.CharField(
        _("paragraph"), max_length=20, blank=True, help_text=_("E.g. § 45")
    )
    decision_reference = models.CharField(
        _("registration number (diarienummer)"), max_length=40, blank=True
    )

    class Meta:
        abstract = True


def upload_path(instance, filename):
    from .validators import safe_filename

    municipality_id = getattr(instance, "municipality_id", None) or "shared"
    return f"m{municipality_id}/{instance._meta.model_name}/{safe_filename(filename)}"


class UploadField(models.FileField):
    """A file field with Utblick's size and type limits."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("upload_to", upload_path)
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("validators", [validate_upload])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key in ("upload_to", "max_length", "validators"):
            kwargs.pop(key, None)
        return name, path, args, kwargs


def upload_limit_bytes():
    return settings.UPLOAD_MAX_BYTES
