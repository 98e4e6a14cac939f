from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """A security event. Append-only: nothing in Utblick changes or deletes one."""

    class Kind(models.TextChoices):
        SIGN_IN = "sign_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
        SIGN_OUT = "sign_out", _("Signed out")
        SECOND_FACTOR_ADDED = "second_factor_added", _("Second factor added")
        SECOND_FACTOR_FAILED = "second_factor_failed", _("Wrong second-factor code")
        SECOND_FACTOR_RESET = "second_factor_reset", _("Second factor reset")
        ENROLMENT_LINK = "enrolment_link", _("Enrolment link issued")
        RECOVERY_CODE_USED = "recovery_code_used", _("Recovery code used")
        SSO_LINKED = "sso_linked", _("Municipality login linked")
        MEMBER_INVITED = "member_invited", _("Person invited")
        INVITATION_DECLINED = "invitation_declined", _("Invitation declined")
        MEMBER_REMOVED = "member_removed", _("Person removed")
        FEED_TOKEN = "feed_token", _("Calendar link changed")
        ROLE_CHANGE = "role_change", _("Role changed")
        EXPORT = "export", _("Data exported")
        ERASURE = "erasure", _("Personal data erased")

    kind = models.CharField(_("event"), max_length=30, choices=Kind.choices)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    # Kept as text too, so the log still says who after the account is gone.
    username = models.CharField(_("user name"), max_length=150, blank=True)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    detail = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        default_permissions = ("view",)
        indexes = [models.Index(fields=["municipality", "-at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"


class ExternalIdentity(models.Model):
    """An account at the municipality's identity provider bound to a user of Utblick.

    OpenID Connect names a person by the pair (issuer, subject); e-mail addresses change
    and can be claimed by anyone the provider lets edit them, so they are used only once,
    to bind the pair at the first sign-in, and only when the provider has verified them.
    """

    issuer = models.CharField(_("issuer"), max_length=255)
    subject = models.CharField(_("subject"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="external_identities",
        verbose_name=_("user"),
    )
    linked_at = models.DateTimeField(_("linked"), default=timezone.now)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="external_identity_unique_subject"
            ),
            models.UniqueConstraint(
                fields=["issuer", "user"], name="external_identity_one_per_issuer"
            ),
        ]

    def __str__(self):
        return f"{self.issuer} {self.subject}"


class EnrolmentLink(models.Model):
    """A one-time link with which a person may add an authenticator app.

    Knowing a password is not enough to enrol: a coordinator or superuser issues the link
    (or the person signs in through the municipality's identity provider). Only a hash of
    the token is stored; the link itself is shown once to whoever issued it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolment_links",
        verbose_name=_("user"),
    )
    token_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment link")
        verbose_name_plural = _("enrolment links")

    def __str__(self):
        return f"{self.user} {self.issued_at:%Y-%m-%d %H:%M}"
