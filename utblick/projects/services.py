"""Writes of the projects app. Every function is all-or-nothing."""

from django.db import transaction
from django.utils import timezone

from utblick.tenancy import permissions

from .models import Project, ProjectDocument, ProjectReport, ProjectStatusChange, Tag


def tags_named(names: list[str]) -> list[Tag]:
    """The tags with these names (matched case-insensitively), created when missing."""
    tags = []
    for name in names:
        tag = Tag.objects.filter(name__iexact=name).first()
        if tag is None:
            tag = Tag.objects.create(name=name)
        tags.append(tag)
    return tags


@transaction.atomic
def record_status(*, project: Project, user, date=None) -> ProjectStatusChange:
    """Note on the project's timeline that it now has its current status."""
    return ProjectStatusChange.objects.create(
        project=project,
        status=project.status,
        date=date or timezone.localdate(),
        changed_by=user if user is not None and user.is_authenticated else None,
    )


@transaction.atomic
def save_project(*, form, partner_formset, link_formset, municipality, user) -> Project:
    """Save a project with its partners and links; a new or changed status goes on the
    timeline. A unit representative's new project belongs to their unit."""
    status_changed = form.status_changed()
    project = form.save(commit=False)
    project.municipality = municipality
    rep_unit = permissions.unit_of(user, municipality)
    if project.pk is None and rep_unit is not None:
        project.unit = rep_unit
    project.save()
    form.save_m2m()
    project.tags.set(tags_named(form.cleaned_data["tags"]))
    for formset in (partner_formset, link_formset):
        formset.instance = project
        formset.save()
    if status_changed:
        record_status(project=project, user=user, date=form.cleaned_data.get("status_date"))
    return project


@transaction.atomic
def delete_project(*, project: Project) -> None:
    """Delete a project with everything that hangs on it; its files go once that is final."""
    names = [document.file.name for document in project.documents.all() if document.file]
    storage = ProjectDocument._meta.get_field("file").storage
    project.delete()
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


@transaction.atomic
def add_document(*, form, project: Project) -> ProjectDocument:
    document = form.save(commit=False)
    document.project = project
    document.save()
    return document


@transaction.atomic
def delete_document(*, document: ProjectDocument) -> None:
    name = document.file.name
    storage = document.file.storage
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def save_report(*, form, project: Project) -> ProjectReport:
    """Save a reporting deadline of ``project``. A moved deadline keeps its UID in the
    calendar feeds and gets a higher SEQUENCE, so calendar clients move the event."""
    report = form.save(commit=False)
    report.project = project
    saved = getattr(form, "saved_when", None)
    if saved is not None and saved != (report.due_date, report.due_time):
        report.sequence += 1
    report.save()
    return report


@transaction.atomic
def delete_report(*, report: ProjectReport) -> None:
    report.delete()
