from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """A piece of long work (an import, a mail-out) run by the background worker.

    The job row is what staff see: status, progress and, when it fails, the errors with
    their line numbers. The queue itself (django-tasks) only carries the job's id.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Done")
        FAILED = "failed", _("Failed")

    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.CASCADE,
        related_name="jobs",
        verbose_name=_("municipality"),
        help_text=_("Where the job was started; it may also write shared reference data."),
    )
    title = models.CharField(_("title"), max_length=200)
    handler = models.CharField(_("handler"), max_length=200)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    message = models.CharField(_("message"), max_length=300, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    queue = models.CharField(_("queue"), max_length=20, default="default", editable=False)
    # Who runs the job, and until when: only the holder of a live lease may run it.
    lease_token = models.CharField(_("lease"), max_length=32, blank=True, editable=False)
    lease_expires_at = models.DateTimeField(
        _("lease expires"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["municipality", "-created_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "staff:job_detail",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    @property
    def result_rows(self):
        """The result as translated (label, value) pairs (see jobs.results)."""
        from .results import result_rows

        return result_rows(self.result)

    @property
    def notes(self):
        """Rows a finished job left out on purpose, as {"line", "message"} (the result's
        ``notes``): shown beside the result, not as errors."""
        notes = (self.result or {}).get("notes") or []
        return [note for note in notes if isinstance(note, dict) and note.get("message")]

    @property
    def is_finished(self):
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def percent(self):
        if self.status == self.Status.SUCCEEDED:
            return 100
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))
