"""Writes of the projects app. Every function is all-or-nothing.

Entities: projects (with their status timeline, tags, goals and units), project documents and
reporting deadlines.

``save_project`` is the one way a project is created or changed, whoever calls it (the staff
form, the API, the demo data); it takes plain keyword data and enforces:

- a title in Swedish and the municipality's role are given;
- the end is not before the start; no amount is negative; the grant is not larger than the
  total budget;
- a budget in EUR has an exchange rate greater than zero (a budget in SEK keeps none);
- the lead unit, the other units and the focus area belong to the project's municipality, and
  a project never moves to another municipality;
- a unit representative's new project belongs to their unit, and only a coordinator moves it;
- a new project and every change of status go on the timeline, dated today or on the given
  date, which cannot be in the future.

Broken rules raise ``ValidationError`` keyed by field. The database refuses the budget and date
rules too (``Project.Meta.constraints``).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from utblick.core import public_cache
from utblick.core.names import folded
from utblick.core.refusals import Refusals, reject_unknown_fields
from utblick.tenancy import permissions

from .models import Project, ProjectDocument, ProjectReport, ProjectStatusChange, Tag

AMOUNT_FIELDS = ("budget_total", "grant", "own_cash", "own_in_kind")
TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length
# What save_project accepts besides the m2m fields, the tags and the status date.
PROJECT_FIELDS = frozenset(
    {
        "title_sv",
        "title_en",
        "acronym_sv",
        "acronym_en",
        "summary_sv",
        "summary_en",
        "role",
        "unit",
        "programme",
        "call_identifier",
        "start_date",
        "end_date",
        "status",
        "currency",
        "exchange_rate",
        *AMOUNT_FIELDS,
        "focus_area",
        "is_public",
    }
)


def tags_named(names: list[str]) -> list[Tag]:
    """The tags with these names, created when missing. A name is a tag's in any case
    ("äldreomsorg" is the tag "Äldreomsorg"), compared as ``core.names`` does."""
    known = {}
    for tag in Tag.objects.order_by("name", "pk"):
        known.setdefault(folded(tag.name), tag)
    tags = []
    for name in names:
        tag = known.get(folded(name))
        if tag is None:
            tag = known[folded(name)] = Tag.objects.create(name=name)
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


def project_errors(*, municipality, values: dict, status_date=None, tags=()) -> dict:
    """The broken rules of a project with these ``values`` (all its fields, as they will be
    saved), as {field: [message]}; empty when it may be saved."""
    refusals = Refusals()
    if not (values.get("title_sv") or "").strip():
        refusals.refuse("title_sv", _("This field is required."))
    if not values.get("role"):
        refusals.refuse("role", _("This field is required."))
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        refusals.refuse("end_date", _("The end cannot be before the start."))
    for name in AMOUNT_FIELDS:
        amount = values.get(name)
        if amount is not None and amount < 0:
            refusals.refuse(name, _("The amount cannot be negative."))
    rate = values.get("exchange_rate")
    if rate is not None and rate <= 0:
        refusals.refuse("exchange_rate", _("The exchange rate must be greater than zero."))
    elif rate is None and values.get("currency") == Project.Currency.EUR:
        refusals.refuse("exchange_rate", _("Enter the exchange rate for a budget in EUR."))
    total, grant = values.get("budget_total"), values.get("grant")
    if total is not None and grant is not None and grant > total and "grant" not in refusals:
        refusals.refuse("grant", _("The grant cannot be larger than the total budget."))
    other_municipality = _("Choose one of the municipality's own units.")
    unit = values.get("unit")
    if unit is not None and unit.municipality_id != municipality.pk:
        refusals.refuse("unit", other_municipality)
    if any(unit.municipality_id != municipality.pk for unit in values.get("other_units") or ()):
        refusals.refuse("other_units", other_municipality)
    focus_area = values.get("focus_area")
    if focus_area is not None and focus_area.strategy.municipality_id != municipality.pk:
        refusals.refuse("focus_area", _("Choose a focus area of the municipality's own strategy."))
    if status_date and status_date > timezone.localdate():
        refusals.refuse("status_date", _("The date of the status change cannot be in the future."))
    too_long = [name for name in tags or () if len(name) > TAG_MAX_LENGTH]
    if too_long:
        refusals.refuse(
            "tags",
            _("A tag can have at most %(max)s characters: “%(tag)s”.")
            % {"max": TAG_MAX_LENGTH, "tag": too_long[0]},
        )
    return refusals.as_dict()


@transaction.atomic
def save_project(
    *,
    municipality,
    user,
    project: Project | None = None,
    status_date=None,
    tags: list[str] | None = None,
    other_units=None,
    goals=None,
    **fields,
) -> Project:
    """Create a project in ``municipality`` (``project`` None) or change ``project``: the
    ``fields`` given are set, the others stay. ``tags`` are names; ``other_units`` and
    ``goals`` replace the current ones when given. A new project or a changed status goes on
    the timeline, dated ``status_date`` or today. Raises ``ValidationError`` per field."""
    reject_unknown_fields("save_project", fields, PROJECT_FIELDS)
    if project is not None and project.municipality_id != municipality.pk:
        raise ValidationError({"municipality": _("A project cannot move to another municipality.")})
    creating = project is None
    if creating:
        project = Project(municipality=municipality)
    # Compared with the stored row: a form may already have set the new values on ``project``.
    stored = (
        None if creating else Project.objects.only("status", "unit", "is_public").get(pk=project.pk)
    )
    previous_status = None if creating else stored.status
    previous_unit_id = None if creating else stored.unit_id
    for name, value in fields.items():
        setattr(project, name, value)
    if project.currency == Project.Currency.SEK:
        project.exchange_rate = None
    # No user: the demo data or a command, acting for the municipality as a whole.
    rep_unit = permissions.unit_of(user, municipality) if user is not None else None
    if rep_unit is not None:
        if creating:
            project.unit = rep_unit
        elif project.unit_id != previous_unit_id:
            raise ValidationError({"unit": _("Only the coordinator can move a project.")})
    values = {name: getattr(project, name) for name in PROJECT_FIELDS}
    values["other_units"] = other_units
    errors = project_errors(
        municipality=municipality, values=values, status_date=status_date, tags=tags
    )
    if errors:
        raise ValidationError(errors)
    project.save()
    if other_units is not None:
        project.other_units.set(other_units)
    if goals is not None:
        project.goals.set(goals)
    if tags is not None:
        project.tags.set(tags_named(tags))
    if project.status != previous_status:
        record_status(project=project, user=user, date=status_date)
    public_cache.record_changed(
        record=project, public=project.is_public or (stored is not None and stored.is_public)
    )
    return project


@transaction.atomic
def delete_project(*, project: Project) -> None:
    """Delete a project with everything that hangs on it; its files go once that is final."""
    names = [document.file.name for document in project.documents.all() if document.file]
    storage = ProjectDocument._meta.get_field("file").storage
    public_cache.record_changed(record=project, public=project.is_public)
    project.delete()
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


@transaction.atomic
def add_document(*, form, project: Project) -> ProjectDocument:
    document = form.save(commit=False)
    document.project = project
    document.save()
    public_cache.record_changed(record=project, public=project.is_public)
    return document


@transaction.atomic
def delete_document(*, document: ProjectDocument) -> None:
    name = document.file.name
    storage = document.file.storage
    document.delete()
    public_cache.record_changed(record=document.project, public=document.project.is_public)
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
