"""Writes of the opendata app: imports (as background jobs), organisation links and due
diligence. Keyword-only arguments; each multi-step write is atomic.

Entities: EU open data imports (CORDIS, Interreg, twin towns), links between the registry's
organisations and open data, due diligence records. Rules: a decided link records who decided
and when, and confirming one rejects the organisation's other proposals; a due diligence check
belongs to the municipality it was made in and keeps the partner's track record as evidence.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from utblick.jobs.services import JobFailed, job_task, start_job

from . import resolution, selectors
from .importers import IMPORTERS, ImportFailed
from .models import DueDiligence, OrganisationCorrection, OrganisationLink
from .statistics import refresh_statistics
from .text import normalise_name

__all__ = [
    "decide_correction",
    "decide_link",
    "propose_correction",
    "import_job",
    "refresh_statistics",
    "resolution_job",
    "save_due_diligence",
    "start_import",
    "start_resolution",
]


def start_import(*, municipality, user, kind, path):
    """Queue the import of a stored file; staff follow it on the job page."""
    return start_job(
        municipality=municipality,
        user=user,
        title=_("Import of %(kind)s") % {"kind": IMPORTERS[kind].label},
        task=import_job,
        params={"kind": kind, "path": str(path)},
    )


@job_task()
def import_job(context, *, kind, path):
    """Job handler: run one importer with progress; a broken file writes nothing."""

    def progress(done, total=None):
        context.progress(done, total, _("%(done)s rows read") % {"done": done})

    try:
        result = IMPORTERS[kind](path).run(progress=progress)
    except ImportFailed as failure:
        raise JobFailed(failure.message, failure.errors) from failure
    except FileNotFoundError as exc:
        raise JobFailed(_("The uploaded file is gone.")) from exc
    context.public_data_changed(shared=True)  # EU open data is written in bulk
    return result


def start_resolution(*, municipality, user):
    return start_job(
        municipality=municipality,
        user=user,
        title=_("Match registry partners with EU open data"),
        task=resolution_job,
        params={},
    )


@job_task()
def resolution_job(context):
    with transaction.atomic():
        result = resolution.resolve_municipality(context.municipality, progress=context.progress)
    context.public_data_changed()  # the links are written in bulk
    return result


def decide_link(*, link: OrganisationLink, user, confirm: bool) -> OrganisationLink:
    """Confirm or reject a proposed link; confirming one rejects the partner's other
    proposals."""
    with transaction.atomic():
        link.status = (
            OrganisationLink.Status.LINKED if confirm else OrganisationLink.Status.REJECTED
        )
        link.decided_by = user
        link.decided_at = timezone.now()
        link.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
        if confirm:
            OrganisationLink.objects.filter(
                organisation=link.organisation, status=OrganisationLink.Status.PENDING
            ).exclude(pk=link.pk).update(
                status=OrganisationLink.Status.REJECTED, decided_by=user, decided_at=timezone.now()
            )
    return link


def save_due_diligence(*, form, municipality, user) -> DueDiligence:
    """Save a check with the partner's open-data track record attached as evidence."""
    with transaction.atomic():
        check = form.save(commit=False)
        check.municipality = municipality
        if check.assessor_id is None:
            check.assessor = user
        check.evidence = selectors.evidence_for(check.organisation)
        check.save()
    return check


def propose_correction(*, form, organisation, municipality, user) -> OrganisationCorrection:
    """A coordinator's proposal; the shared organisation is unchanged until a superuser
    accepts it (``decide_correction``)."""
    with transaction.atomic():
        correction = form.save(commit=False)
        correction.organisation = organisation
        correction.municipality = municipality
        correction.proposed_by = user
        correction.save()
    return correction


def decide_correction(*, correction, user, accept: bool) -> OrganisationCorrection:
    """Accept (apply to the shared organisation, keeping the value it replaces) or reject a
    pending proposal, recording who decided and when. A decided proposal stays as it is."""
    with transaction.atomic():
        correction = (
            OrganisationCorrection.objects.select_for_update()
            .select_related("organisation")
            .get(pk=correction.pk)
        )
        if correction.status != OrganisationCorrection.Status.PENDING:
            return correction
        if accept:
            organisation = correction.organisation
            correction.previous_value = getattr(organisation, correction.field)
            setattr(organisation, correction.field, correction.value)
            changed = [correction.field]
            if correction.field == OrganisationCorrection.Field.NAME:
                organisation.normalised_name = normalise_name(correction.value)[:300]
                changed.append("normalised_name")
            organisation.save(update_fields=changed)
            correction.status = OrganisationCorrection.Status.ACCEPTED
        else:
            correction.status = OrganisationCorrection.Status.REJECTED
        correction.decided_by = user
        correction.decided_at = timezone.now()
        correction.save(update_fields=["status", "previous_value", "decided_by", "decided_at"])
    return correction
