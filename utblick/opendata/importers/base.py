"""The importer skeleton: stream rows, validate, write in batches, all or nothing."""

from __future__ import annotations

import csv
import os
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from utblick.core.limits import (
    InputRefused,
    check_csv_header,
    check_packed_size,
    csv_rows,
    input_limits,
    limited_lines,
)

from ..models import EUOrganisation, EUProject, Participation
from ..statistics import refresh_statistics
from ..text import normalise_name, search_terms

BATCH_SIZE = 1000
MAX_ERRORS = 50


class ImportFailed(Exception):
    """The file could not be imported; ``errors`` are ``{"line", "message"}`` dicts."""

    def __init__(self, message, errors=()):
        super().__init__(message)
        self.message = str(message)
        self.errors = list(errors)


class RowError(ValueError):
    """A malformed row (the message says what is wrong)."""


class Importer:
    """Subclasses implement ``count(path)``, ``read(path)`` yielding ``(line, raw)``,
    ``parse(raw)`` returning an item (or raising RowError) and ``write(items)``."""

    label = ""
    # Whether the file changes organisations, projects or participations, whose statistics
    # are then rebuilt in the same transaction.
    refreshes_statistics = True

    def __init__(self, path):
        self.path = path
        self.stats = {"rows": 0}

    def count(self) -> int | None:
        return None

    def run(self, progress=None) -> dict:
        try:
            return self._run(progress)
        except InputRefused as refused:
            raise ImportFailed(refused.message, [refused.as_error()]) from refused

    def _run(self, progress=None) -> dict:
        limits = input_limits("opendata")
        check_packed_size(os.path.getsize(self.path), limits)
        total = self.count()
        errors = []
        batch = []
        with transaction.atomic():
            for line, raw in self.read():
                self.stats["rows"] += 1
                try:
                    item = self.parse(raw)
                except RowError as exc:
                    errors.append({"line": line, "message": str(exc)})
                    if len(errors) >= MAX_ERRORS:
                        break
                    continue
                if errors or item is None:
                    continue  # keep validating, but write nothing more
                batch.append(item)
                if len(batch) >= BATCH_SIZE:
                    self.write(batch)
                    batch = []
                if progress:
                    progress(self.stats["rows"], total)
            if errors:
                # Leaving the block by an exception rolls back every batch written so far.
                raise ImportFailed(
                    _("The file has %(count)s malformed rows; nothing was imported.")
                    % {"count": len(errors)},
                    errors,
                )
            if batch:
                self.write(batch)
            if self.refreshes_statistics:
                refresh_statistics()
        if progress:
            progress(self.stats["rows"], self.stats["rows"])
        return dict(self.stats)


def csv_records(handle):
    """A ``csv.DictReader`` over the open file, read row by row within the open-data limits
    (malformed CSV, too long cells, NUL characters: refused with the line number)."""
    limits = input_limits("opendata")
    reader = csv.DictReader(limited_lines(handle, limits))
    check_csv_header(reader, limits)
    return reader, csv_rows(reader, limits)


# Cell parsing ----------------------------------------------------------------------------


def text(value, limit=None) -> str:
    if value is None:
        return ""
    value = " ".join(str(value).split())
    if value.upper() == "NA":
        return ""
    return value[:limit] if limit else value


def amount(value, field) -> Decimal | None:
    value = text(value)
    if not value or value in ("-", "–"):
        return None
    try:
        number = Decimal(value.replace(",", ""))
    except InvalidOperation as exc:
        raise RowError(
            _("%(field)s is not a number: %(value)s") % {"field": field, "value": value[:40]}
        ) from exc
    if not number.is_finite() or abs(number) >= Decimal("1e12"):
        raise RowError(_("%(field)s is out of range: %(value)s") % {"field": field, "value": value})
    return number.quantize(Decimal("0.01"))


def year(value, field) -> int | None:
    value = text(value)
    if not value:
        return None
    try:
        number = int(float(value))
    except ValueError as exc:
        raise RowError(
            _("%(field)s is not a year: %(value)s") % {"field": field, "value": value[:40]}
        ) from exc
    if not 1950 <= number <= 2100:
        raise RowError(_("%(field)s is not a year: %(value)s") % {"field": field, "value": value})
    return number


def required(value, field, limit=None) -> str:
    value = text(value, limit)
    if not value:
        raise RowError(_("%(field)s is missing.") % {"field": field})
    return value


# Batch writes ----------------------------------------------------------------------------


def organisation_key(pic, name, country):
    return f"pic:{pic}" if pic else f"name:{normalise_name(name)}|{country}"[:300]


def project_search_text(project: dict) -> str:
    parts = [project.get(f, "") for f in ("acronym", "title", "theme", "topic_description")]
    return search_terms(" ".join(p for p in parts if p))


def upsert_organisations(organisations: list[dict]) -> dict[str, int]:
    """Create or update organisations by key; returns {key: id}."""
    unique = {o["key"]: o for o in organisations}
    for organisation in unique.values():
        organisation["normalised_name"] = normalise_name(organisation["name"])[:300]
    EUOrganisation.objects.bulk_create(
        [EUOrganisation(**o) for o in unique.values()],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=[f for f in next(iter(unique.values())) if f != "key"],
    )
    return dict(EUOrganisation.objects.filter(key__in=unique).values_list("key", "pk"))


def upsert_projects(source, projects: list[dict], *, keep=()) -> dict[str, int]:
    """Create or update projects of ``source`` by number; fields in ``keep`` are not
    overwritten when the project exists. Returns {external_id: id}."""
    unique = {p["external_id"]: p for p in projects}
    existing = {}
    if keep:
        for row in EUProject.objects.filter(source=source, external_id__in=unique).values(
            "external_id", *keep
        ):
            existing[row.pop("external_id")] = row
    for external_id, project in unique.items():
        project.update(existing.get(external_id, {}))
        project["search_text"] = project_search_text(project)
    fields = next(iter(unique.values())).keys()
    EUProject.objects.bulk_create(
        [EUProject(source=source, **p) for p in unique.values()],
        update_conflicts=True,
        unique_fields=["source", "external_id"],
        update_fields=[f for f in fields if f not in (*keep, "external_id", "search_text")]
        + ["search_text"],
    )
    return dict(
        EUProject.objects.filter(source=source, external_id__in=unique).values_list(
            "external_id", "pk"
        )
    )


def upsert_participations(participations: list[dict]) -> None:
    """An organisation listed twice in a project (e.g. also as third party) is one
    participation: coordinator if either row says so, contributions added."""
    unique = {}
    for participation in participations:
        key = (participation["project_id"], participation["organisation_id"])
        seen = unique.get(key)
        if seen is None:
            unique[key] = dict(participation)
            continue
        if participation["is_coordinator"] and not seen["is_coordinator"]:
            seen["role"], seen["is_coordinator"] = participation["role"], True
        if participation["eu_contribution"] is not None:
            seen["eu_contribution"] = (seen["eu_contribution"] or 0) + participation[
                "eu_contribution"
            ]
    Participation.objects.bulk_create(
        [Participation(**p) for p in unique.values()],
        update_conflicts=True,
        unique_fields=["project", "organisation"],
        update_fields=["role", "is_coordinator", "eu_contribution", "year"],
    )
