"""CORDIS: participations (CSV, one row per organisation in a project) and project lists
(XLSX, one row per project with its title), for Horizon 2020 and FP7."""

from __future__ import annotations

import re

import openpyxl
from django.utils.translation import gettext as _

from utblick.core.limits import (
    InputRefused,
    check_cells,
    check_sheet_size,
    check_zip,
    count_lines,
    input_limits,
)

from ..models import Source
from .base import (
    BATCH_SIZE,
    Importer,
    ImportFailed,
    RowError,
    amount,
    csv_records,
    organisation_key,
    required,
    text,
    upsert_organisations,
    upsert_participations,
    upsert_projects,
    year,
)

PARTICIPATION_COLUMNS = {
    "project_id",
    "pic",
    "partner_role",
    "legal_name",
    "country_code",
    "framework_programme",
}
FRAMEWORKS = {"H2020": Source.H2020, "FP7": Source.FP7}
_PIC = re.compile(r"^\d{9}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def _source(value, field="framework_programme"):
    value = text(value).upper()
    if value not in FRAMEWORKS:
        raise RowError(
            _("%(field)s must be H2020 or FP7, not %(value)s") % {"field": field, "value": value}
        )
    return FRAMEWORKS[value]


def _project_number(value, field):
    value = text(value)
    if value.endswith(".0"):
        value = value[:-2]
    if not value.isdigit():
        raise RowError(
            _("%(field)s is not a project number: %(value)s")
            % {"field": field, "value": value[:40]}
        )
    return value


class ParticipationImporter(Importer):
    label = "CORDIS participations"

    def count(self):
        return max(count_lines(self.path) - 1, 0)

    def read(self):
        with open(self.path, encoding="utf-8-sig", newline="") as handle:
            reader, rows = csv_records(handle)
            missing = PARTICIPATION_COLUMNS - set(reader.fieldnames or [])
            if missing:
                raise ImportFailed(
                    _("This is not a CORDIS participations file."),
                    [
                        {
                            "line": 1,
                            "message": _("Missing columns: %(columns)s")
                            % {"columns": ", ".join(sorted(missing))},
                        }
                    ],
                )
            yield from rows

    def parse(self, row):
        if None in row:
            raise RowError(_("The row has more cells than the header."))
        source = _source(row.get("framework_programme"))
        pic = text(row.get("pic"))
        if pic and not _PIC.match(pic):
            raise RowError(_("pic must be nine digits, not %(value)s") % {"value": pic[:20]})
        country = text(row.get("country_code")).upper()
        if country == "UK":
            country = "GB"  # CORDIS uses UK, ISO 3166 says GB
        if country == "EL":
            country = "GR"
        if country and not _COUNTRY.match(country):
            raise RowError(
                _("country_code must be two letters, not %(value)s") % {"value": country}
            )
        name = text(row.get("legal_name"), 300)
        if not name:
            # CORDIS withholds some names (NA) but keeps the PIC.
            name = f"PIC {pic}" if pic else required(name, "legal_name")
        role = required(row.get("partner_role"), "partner_role", 40)
        contribution = amount(row.get("eu_contribution"), "eu_contribution")
        if contribution is None:
            contribution = amount(row.get("ec_contribution"), "ec_contribution")
        start = year(row.get("start_year"), "start_year") or year(
            row.get("signature_year"), "signature_year"
        )
        return {
            "organisation": {
                "key": organisation_key(pic, name, country),
                "pic": pic,
                "name": name,
                "short_name": text(row.get("legal_short_name"), 120),
                "country": country,
                "org_type": text(row.get("legal_entity_type"), 60),
                "website": text(row.get("legal_url"), 300),
            },
            "source": source,
            "project": {
                "external_id": _project_number(row.get("project_id"), "project_id"),
                "programme": "Horizon 2020" if source == Source.H2020 else "FP7",
                "acronym": text(row.get("project_acronym"), 120),
                "theme": text(row.get("thematic_priority"), 300),
                "topic_code": text(row.get("topic_code"), 120),
                "topic_description": text(row.get("topic_description")),
                "funding_scheme": text(row.get("funding_scheme"), 120),
            },
            "participation": {
                "role": role,
                "is_coordinator": role.casefold() == "coordinator",
                "eu_contribution": contribution,
                "year": start,
            },
        }

    def write(self, items):
        org_ids = upsert_organisations([item["organisation"] for item in items])
        participations = []
        for source in {item["source"] for item in items}:
            of_source = [item for item in items if item["source"] == source]
            # A project list imported before gave the title; keep it.
            project_ids = upsert_projects(
                source, [dict(item["project"]) for item in of_source], keep=("title",)
            )
            for item in of_source:
                participations.append(
                    {
                        **item["participation"],
                        "project_id": project_ids[item["project"]["external_id"]],
                        "organisation_id": org_ids[item["organisation"]["key"]],
                    }
                )
        upsert_participations(participations)


# Project lists ---------------------------------------------------------------------------

# Column names of the two CORDIS project lists mapped to our fields.
PROJECT_COLUMNS = {
    "title": ("Project Title",),
    "acronym": ("Project Acronym",),
    "theme": ("Thema", "Thematic Priority Descr"),
    "eu_contribution": ("H2020 EU Contribution (EUR)", "EU Contribution"),
    "funding_scheme": ("ToA", "Funding Scheme"),
    "external_id": ("Project Nbr",),
    "url": ("CORDIS link",),
    "topic_code": ("Topic Code",),
    "topic_description": ("Topic description", "Topic Description"),
}


class ProjectListImporter(Importer):
    """An H2020 or FP7 project list; the programme is told by its columns."""

    label = "CORDIS project list"

    def _sheet(self):
        """The first sheet, opened once (loading the shared strings is the slow part)."""
        if getattr(self, "_workbook", None) is None:
            # The shared strings are loaded whole: refuse a workbook that unpacks to more
            # than the limit before opening it.
            with open(self.path, "rb") as handle:
                check_zip(handle, input_limits("opendata"))
                check_sheet_size(handle, input_limits("opendata"))
            try:
                self._workbook = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
            except Exception as exc:
                raise ImportFailed(
                    _("The file is not an Excel workbook (.xlsx)."),
                    [{"line": None, "message": str(exc)}],
                ) from exc
        return self._workbook.worksheets[0]

    def count(self):
        return max((self._sheet().max_row or 1) - 1, 0)

    def read(self):
        sheet = self._sheet()
        try:
            rows = sheet.iter_rows(values_only=True)
            header = [text(cell) for cell in next(rows, ())]
            self.columns = {}
            for field, names in PROJECT_COLUMNS.items():
                found = [header.index(name) for name in names if name in header]
                if found:
                    self.columns[field] = found[0]
            missing = {"title", "external_id"} - set(self.columns)
            if missing:
                raise ImportFailed(
                    _("This is not a CORDIS project list."),
                    [{"line": 1, "message": _("Missing columns: Project Title, Project Nbr")}],
                )
            self.source = Source.H2020 if "H2020 Participations" in header else Source.FP7
            limits = input_limits("opendata")
            for line, row in enumerate(rows, start=2):
                if line > limits.rows + 1:
                    raise InputRefused(
                        _("The file has more than %(max)s rows.") % {"max": limits.rows}, line
                    )
                check_cells(row, line=line, limits=limits)
                if not any(cell not in (None, "") for cell in row):
                    continue
                yield line, row
        finally:
            self._workbook.close()
            self._workbook = None

    def parse(self, row):
        def cell(field):
            index = self.columns.get(field)
            return row[index] if index is not None and index < len(row) else None

        return {
            "external_id": _project_number(cell("external_id"), "Project Nbr"),
            "programme": "Horizon 2020" if self.source == Source.H2020 else "FP7",
            "title": required(cell("title"), "Project Title"),
            "acronym": text(cell("acronym"), 120),
            "theme": text(cell("theme"), 300),
            "topic_code": text(cell("topic_code"), 120),
            "topic_description": text(cell("topic_description")),
            "funding_scheme": text(cell("funding_scheme"), 120),
            "eu_contribution": amount(cell("eu_contribution"), "EU Contribution"),
            "url": text(cell("url"), 300),
        }

    def write(self, items):
        upsert_projects(self.source, items)


__all__ = ["BATCH_SIZE", "ParticipationImporter", "ProjectListImporter"]
