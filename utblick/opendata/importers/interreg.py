"""Swedish partners in Interreg 2021-2027 (Tillväxtverket's list, as JSON records)."""

from __future__ import annotations

import json
import os

from django.utils.text import slugify
from django.utils.translation import gettext as _

from utblick.core.limits import InputRefused, input_limits

from ..models import Source
from .base import (
    Importer,
    ImportFailed,
    RowError,
    amount,
    organisation_key,
    required,
    text,
    upsert_organisations,
    upsert_participations,
    upsert_projects,
    year,
)

ROLES = {"LP": "Lead partner", "PP": "Partner", "AP": "Associated partner"}
COUNTRIES = {"sverige": "SE", "sweden": "SE"}


class InterregImporter(Importer):
    """The file is one JSON array; records are numbered from 1 (reported as lines)."""

    label = "Interreg"

    def _records(self):
        limits = input_limits("opendata")
        if os.path.getsize(self.path) > limits.unpacked_bytes:
            raise InputRefused(
                _("The file unpacks to more than the %(limit)s MB allowed.")
                % {"limit": limits.unpacked_bytes // (1024 * 1024)}
            )
        try:
            with open(self.path, encoding="utf-8-sig") as handle:
                records = json.load(handle)
        except (ValueError, UnicodeDecodeError) as exc:
            line = getattr(exc, "lineno", None)
            raise ImportFailed(
                _("The file is not valid JSON."), [{"line": line, "message": str(exc)}]
            ) from exc
        if not isinstance(records, list):
            raise ImportFailed(
                _("The file is not a list of Interreg partners."),
                [{"line": 1, "message": _("Expected a JSON array of records.")}],
            )
        return records

    def count(self):
        self._cache = self._records()
        return len(self._cache)

    def read(self):
        records = getattr(self, "_cache", None) or self._records()
        yield from enumerate(records, start=1)

    def parse(self, record):
        if not isinstance(record, dict):
            raise RowError(_("The record is not an object."))
        programme = required(record.get("program"), "program", 100)
        project = required(record.get("projektnamn"), "projektnamn")
        name = text(record.get("organisationsnamn"), 300)
        if not name:
            # The published list has partners without a name (17 in 2021-2027): nothing
            # to link or search, so they are counted and left out.
            self.stats["without_name"] = self.stats.get("without_name", 0) + 1
            return None
        role = required(record.get("organisationsroll"), "organisationsroll").upper()
        if role not in ROLES:
            raise RowError(
                _("organisationsroll must be LP, PP or AP, not %(value)s") % {"value": role}
            )
        land = text(record.get("land")).casefold()
        country = COUNTRIES.get(land)
        if country is None:
            raise RowError(_("Unknown land: %(value)s") % {"value": land})
        start = year(record.get("projektår"), "projektår")
        return {
            "organisation": {
                "key": organisation_key("", name, country),
                "pic": "",
                "name": name,
                "short_name": "",
                "country": country,
                "region": text(record.get("nuts3") or record.get("nuts2"), 120),
                "org_type": text(record.get("organisationstyp"), 60),
                "website": "",
            },
            "project": {
                "external_id": slugify(f"{programme} {project}")[:200],
                "programme": f"Interreg {programme}"[:120]
                if not programme.casefold().startswith(("interreg", "urbact"))
                else programme,
                "title": project,
                "acronym": "",
                "theme": text(record.get("specifiktmal"), 300),
                "topic_code": text(record.get("politisktmal"), 120),
                "topic_description": "",
                "funding_scheme": text(record.get("projekttyp"), 120),
            },
            "participation": {
                "role": ROLES[role],
                "is_coordinator": role == "LP",
                "eu_contribution": amount(record.get("partnerbudget"), "partnerbudget"),
                "year": start,
            },
        }

    def write(self, items):
        org_ids = upsert_organisations([item["organisation"] for item in items])
        project_ids = upsert_projects(Source.INTERREG, [item["project"] for item in items])
        upsert_participations(
            [
                {
                    **item["participation"],
                    "project_id": project_ids[item["project"]["external_id"]],
                    "organisation_id": org_ids[item["organisation"]["key"]],
                }
                for item in items
            ]
        )
