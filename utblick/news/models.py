"""News items of a municipality, in Swedish and English, public or internal."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from utblick.core.models import MunicipalityScoped, upload_path

from .validators import validate_image


class NewsItemQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(publish_at__lte=now or timezone.now())

    def public(self, now=None):
        """What anyone may read: public items whose publish date has come."""
        return self.published(now).filter(is_public=True)


class NewsItem(MunicipalityScoped):
    class Category(models.TextChoices):
        EU = "eu", _("EU news")
        PROJECTS = "projects", _("Projects")
        CALLS = "calls", _("Calls")
        PARTNERS = "partners", _("Twin towns and partners")
        EVENTS = "events", _("Events")

    title = models.CharField(_("title"), max_length=200)
    lead = models.TextField(_("lead"), max_length=600, blank=True)
    body = models.TextField(
        _("text"), blank=True, help_text=_("Markdown: **bold**, *italic*, lists, [links](url).")
    )
    image = models.ImageField(
        _("image"),
        upload_to=upload_path,
        max_length=255,
        blank=True,
        validators=[validate_image],
    )
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("Required with an image: what the image shows, for those who cannot see it."),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    publish_at = models.DateTimeField(_("publish date"), default=timezone.now)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Public news are shown on the public site.")
    )
    unit = models.ForeignKey(
        "tenancy.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        indexes = [models.Index(fields=["municipality", "is_public", "-publish_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("staff:news_detail", args=[self.municipality.slug, self.pk])

    def get_public_url(self):
        return reverse("public:news_detail", args=[self.municipality.slug, self.pk])
