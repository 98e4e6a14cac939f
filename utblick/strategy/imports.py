"""Import of an action plan's activities from CSV or XLSX, matched by their key.

Every row is checked before anything is written; one bad row fails the whole import with
the row's line number, so a file is imported completely or not at all. Each row is
compared with the stored activity: an unchanged row writes nothing, a changed one goes
through ``services.save_activity`` (the one write path, with the activity's history and
timeline). Rows with a key the plan does not have yet create new activities.

The file may be the Swedish or the English export: headers and codes (kinds, statuses)
are read in either language. Whoever may not change an activity (a unit representative,
another unit's activity) gets its changed row skipped with a note, not an error, so that
the export of the whole plan comes back unchanged; readers do not import at all.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from utblick.core.limits import (
    InputRefused,
    check_packed_size,
    csv_rows,
    input_limits,
    xlsx_rows,
)
from utblick.core.tabular import FORMULA_START
from utblick.jobs.services import job_task
from utblick.tenancy import permissions
from utblick.tenancy.models import Unit

from . import exports, selectors, services
from .models import Activity, Direction

# The note on the timeline of an activity an import changed, in both content languages.
IMPORT_NOTE = {
    "sv": "Status och framsteg uppdaterade genom import.",
    "en": "Status and progress updated by an import.",
}
REQUIRED = ("key", "focus_area", "kind", "title_sv", "status", "progress")


class ImportFailed(Exception):
    def __init__(self, message, errors=()):
        super().__init__(message)
        self.message = str(message)
        self.errors = list(errors)


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    keys: list = field(default_factory=list)
    # Rows the user may not apply, as {"line": n, "message": why}: skipped, not errors.
    notes: list = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return len(self.notes)

    def as_dict(self):
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "notes": self.notes,
        }


def _text(value):
    if value is None:
        return ""
    text = str(value).strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        text = text[1:]
    return text


def read_rows(content: bytes, fmt: str) -> list[tuple[int, dict]]:
    """The rows of the file as (row number, as a spreadsheet shows it, {column: text}); row 1
    is the header.

    Read streaming within the limits of ``core.limits`` (rows, cell length, unpacked size):
    a file over one is refused when the reading reaches it, with the line."""
    limits = input_limits("strategy")
    try:
        check_packed_size(len(content), limits)
        if fmt == "xlsx":
            table = xlsx_rows(io.BytesIO(content), limits)
        else:
            try:
                text = content.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise ImportFailed(_("The CSV file must be saved as UTF-8.")) from error
            first_line = text.split("\n", 1)[0]
            delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            table = _spreadsheet_rows(csv_rows(reader, limits))
        return _rows_of(table)
    except InputRefused as refused:
        raise ImportFailed(refused.message, [refused.as_error()]) from refused


def _column_names() -> dict:
    """{header, case-folded: column}: the identifier and the English and Swedish labels."""
    names = {}
    for name, label in exports.COLUMN_LABELS.items():
        names[name.casefold()] = name
        for language in ("sv", "en"):
            with translation.override(language):
                names[str(label).casefold()] = name
    return names


def _spreadsheet_rows(table):
    """Number CSV records as a spreadsheet shows them (the row), not by the text line they
    end on: a cell with line breaks spans several lines of the file but is one row."""
    for row, (_line, values) in enumerate(table, start=1):
        yield row, values


def _rows_of(table) -> list[tuple[int, dict]]:
    first = next(table, None)
    if first is None:
        raise ImportFailed(_("The file is empty."))
    names = _column_names()
    header = [names.get(_text(name).casefold(), _text(name).casefold()) for name in first[1]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        columns = ", ".join(exports.column_name(name, get_language()) for name in missing)
        raise ImportFailed(
            _("Line 1 lacks the columns: %(columns)s.") % {"columns": columns},
            [{"line": 1, "message": _("Missing columns: %(c)s") % {"c": columns}}],
        )
    rows = []
    for number, values in table:
        if not any(_text(v) for v in values):
            continue
        rows.append((number, {name: _text(v) for name, v in zip(header, values, strict=False)}))
    return rows


def _choice_names(choices) -> dict:
    """{code or label (English or Swedish), case-folded: code} of a field's choices."""
    names = {}
    for code, label in choices:
        names[code.casefold()] = code
        for language in ("sv", "en"):
            with translation.override(language):
                names[str(label).casefold()] = code
    return names


def _choice(value, names):
    """A choice given as its code or its label, else None."""
    return names.get(value.strip().casefold())


# Optional columns: a file without one leaves that field of existing activities as it is.
TEXT_LIMITS = {
    "title_en": 500,
    "description_sv": None,
    "description_en": None,
    "responsible_person": 200,
}


def _lookups(plan):
    areas, directions = {}, {}
    for area in selectors.plan_focus_areas(plan):
        for name in (area.name_sv, area.name_en, area.name):
            if name:
                areas[name.casefold()] = area
    for direction in Direction.objects.filter(focus_area__strategy_id=plan.strategy_id):
        for name in (direction.name_sv, direction.name_en, direction.name):
            if name:
                directions[(direction.focus_area_id, name.casefold())] = direction
    units = {u.name.casefold(): u for u in Unit.objects.filter(municipality=plan.municipality)}
    return areas, directions, units


def _validate(plan, rows, user):
    municipality = plan.municipality
    existing = {a.key: a for a in selectors.plan_activities(plan)}
    for activity in existing.values():
        activity.municipality = municipality  # the permission checks ask it, per row
    areas, directions, units = _lookups(plan)
    rep_unit = permissions.unit_of(user, municipality) if user is not None else None
    kinds, statuses = _choice_names(Activity.Kind.choices), _choice_names(Activity.Status.choices)
    errors, planned, notes, seen = [], [], [], {}

    for line, row in rows:
        problems = []
        key = row.get("key", "")
        if not key:
            problems.append(_("the key is empty"))
        elif len(key) > 40:
            problems.append(_("the key is longer than 40 characters"))
        elif key in seen:
            problems.append(
                _("the key %(key)s is also on line %(line)s") % {"key": key, "line": seen[key]}
            )
        seen.setdefault(key, line)
        area = areas.get(row.get("focus_area", "").casefold())
        if area is None:
            problems.append(
                _("unknown focus area “%(name)s”") % {"name": row.get("focus_area", "")}
            )
        kind = _choice(row.get("kind", ""), kinds)
        if kind is None:
            problems.append(_("unknown kind “%(kind)s”") % {"kind": row.get("kind", "")})
        title = row.get("title_sv", "")
        if not title:
            problems.append(_("the Swedish title is empty"))
        elif len(title) > 500:
            problems.append(_("the Swedish title is longer than 500 characters"))
        status = _choice(row.get("status", ""), statuses)
        if status is None:
            problems.append(_("unknown status “%(status)s”") % {"status": row.get("status", "")})
        progress = None
        try:
            progress = int(float(row.get("progress", "").replace(",", ".").rstrip("%")))
        except ValueError:
            problems.append(_("progress must be a number from 0 to 100"))
        else:
            if not 0 <= progress <= 100:
                problems.append(_("progress must be a number from 0 to 100"))
        values = {
            "focus_area": area,
            "kind": kind,
            "title_sv": title,
            "status": status,
            "progress": progress,
        }
        for name, limit in TEXT_LIMITS.items():
            if name in row:
                if limit and len(row[name]) > limit:
                    problems.append(
                        _("%(column)s is longer than %(limit)s characters")
                        % {"column": exports.column_name(name, get_language()), "limit": limit}
                    )
                # An empty English text is left undefined, so that Swedish is shown instead.
                values[name] = row[name] or (None if name.endswith("_en") else "")
        activity = existing.get(key)
        if "direction" in row:
            direction = None
            if row["direction"] and area is not None:
                direction = directions.get((area.pk, row["direction"].casefold()))
                if direction is None:
                    problems.append(
                        _("unknown direction “%(name)s” in the focus area")
                        % {"name": row["direction"]}
                    )
            values["direction"] = direction
        elif (
            activity is not None
            and area is not None
            and activity.direction is not None
            and activity.direction.focus_area_id != area.pk
        ):
            values["direction"] = None  # moved to another focus area: not its direction
        if "responsible_unit" in row:
            unit = None
            if row["responsible_unit"]:
                unit = units.get(row["responsible_unit"].casefold())
                if unit is None:
                    problems.append(
                        _("unknown unit “%(name)s”") % {"name": row["responsible_unit"]}
                    )
            values["unit"] = unit
        elif activity is None:
            values["unit"] = None
        refusal = _not_theirs(user, activity)
        if refusal is not None:
            # Not the user's to change: an unchanged row is simply unchanged (the export of
            # the whole plan comes back), a changed (or broken) one is skipped with a note.
            if problems or _differs(activity, values):
                notes.append({"line": line, "message": str(refusal)})
            else:
                planned.append((line, activity, key, values))
            continue
        if problems:
            errors.append({"line": line, "message": "; ".join(str(p) for p in problems)})
            continue
        refusal = _unit_refusal(rep_unit, activity, values)
        if refusal is not None:
            notes.append({"line": line, "message": str(refusal)})
            continue
        planned.append((line, activity, key, values))
    return planned, errors, notes


def _not_theirs(user, activity):
    """Why the user may not change this stored activity (a note), or None when they may."""
    if user is None or activity is None or permissions.can_change(user, activity):
        return None  # no user: a command acting for the municipality as a whole
    if activity.unit_id is None:
        return _("skipped — only the coordinator changes an activity without a unit")
    return _("skipped — the activity belongs to another unit")


def _unit_refusal(rep_unit, activity, values):
    """Why a unit representative may not give the activity this unit (a note), or None."""
    if rep_unit is None:
        return None  # a coordinator (a reader never gets here: see import_rows)
    unit = values.get("unit")
    if activity is None and unit is not None and unit.pk != rep_unit.pk:
        return _("skipped — the activity belongs to another unit")
    if activity is not None and "unit" in values and activity.unit_id != _pk(unit):
        return _("skipped — only the coordinator moves an activity to another unit")
    return None


def _pk(record):
    return record.pk if record is not None else None


RELATIONS = ("focus_area", "direction", "unit")


def _comparable(value, name):
    if name in RELATIONS:
        return _pk(value)
    if name in TEXT_LIMITS:
        value = value or ""
    if isinstance(value, str):
        # As the file gives it back: trimmed, with the line breaks a spreadsheet keeps.
        return value.replace("\r\n", "\n").strip()
    return value


def _current(activity, name):
    if name in RELATIONS:
        return getattr(activity, f"{name}_id")
    return _comparable(getattr(activity, name), name)


def _wanted(values, name):
    return _comparable(values[name], name)


def _changes(activity, values) -> dict:
    """The values that differ from the stored activity's (all of them for a new one): only
    these are written, so that an edited cell changes that field and nothing else."""
    if activity is None:
        return values
    return {
        name: value
        for name, value in values.items()
        if _current(activity, name) != _wanted(values, name)
    }


def _differs(activity, values) -> bool:
    return bool(_changes(activity, values))


def import_rows(*, plan, rows, user, progress=None) -> Outcome:
    """Check every row, then write them all in one transaction (or nothing). Rows the user
    may not apply are left out and listed in ``Outcome.notes``."""
    if user is not None and not permissions.allows(user, permissions.CREATE, plan.municipality):
        raise ImportFailed(_("You may not import activities into this action plan."))
    planned, errors, notes = _validate(plan, rows, user)
    if errors:
        raise ImportFailed(
            _("%(count)s of %(total)s rows have errors; nothing was imported.")
            % {"count": len(errors), "total": len(rows)},
            errors,
        )
    outcome = Outcome(notes=notes)
    with transaction.atomic():
        for done, (line, activity, key, values) in enumerate(planned, start=1):
            changes = _changes(activity, values)
            if not changes:
                outcome.unchanged += 1
            else:
                try:
                    services.save_activity(
                        plan=plan,
                        user=user,
                        activity=activity,
                        change_reason="import",
                        change_note=IMPORT_NOTE,
                        key=key,
                        **changes,
                    )
                except ValidationError as error:
                    # The rows were checked above; a rule only the service knows still
                    # fails the whole import with the row's line.
                    message = "; ".join(str(m) for m in error.messages)
                    raise ImportFailed(
                        _("%(count)s of %(total)s rows have errors; nothing was imported.")
                        % {"count": 1, "total": len(rows)},
                        [{"line": line, "message": message}],
                    ) from error
                if activity is None:
                    outcome.created += 1
                else:
                    outcome.updated += 1
            outcome.keys.append(key)
            if progress:
                progress(done, len(planned))
    return outcome


def import_file(*, plan, content: bytes, fmt: str, user, progress=None) -> Outcome:
    return import_rows(plan=plan, rows=read_rows(content, fmt), user=user, progress=progress)


@job_task()
def import_activities_job(context, *, action_plan_id, path, fmt):
    """Job handler: import the stored file into the plan, then remove the file."""
    from django.core.files.storage import default_storage

    from utblick.jobs.services import JobFailed

    from .models import ActionPlan

    plan = ActionPlan.objects.select_related("municipality", "strategy").get(
        pk=action_plan_id, municipality=context.municipality
    )
    try:
        with default_storage.open(path, "rb") as handle:
            content = handle.read()
        outcome = import_file(
            plan=plan,
            content=content,
            fmt=fmt,
            user=context.user,
            progress=lambda done, total: context.progress(done, total, _("Importing activities")),
        )
    except ImportFailed as failure:
        raise JobFailed(failure.message, failure.errors) from failure
    finally:
        default_storage.delete(path)
    context.public_data_changed()  # the plan's activities, as its public page shows them
    return outcome.as_dict()
