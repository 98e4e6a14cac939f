"""Downloads of a municipality's public datasets as CSV, XLSX or JSON, with the data
dictionary (``DATASETS``: every column and what it means) shown on the download page.

Every download names its licence (the municipality's own data: CC0 1.0) in an HTTP Link
header (rel="license"); the XLSX also in its properties and on a sheet "Licens". The CSV
and JSON bodies stay plain data (no extra rows or wrapping), so that tools read them as
they are."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers as fields

from utblick.core import licences, tabular

from . import selectors, serializers

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}

DATASETS = {
    "projects": {
        "title": _("Projects"),
        "rows": selectors.projects,
        "serializer": serializers.ProjectSerializer,
        "columns": {
            "id": _("Identifier in Utblick (stable)."),
            "municipality": _("The municipality (its address name, e.g. trollhattan)."),
            "title_sv": _("Title in Swedish."),
            "title_en": _("Title in English (empty when not translated)."),
            "acronym": _("The project's acronym."),
            "summary_sv": _("Summary in Swedish."),
            "summary_en": _("Summary in English."),
            "role": _("The municipality's role: lead, partner or associated."),
            "status": _(
                "idea, preparation, submitted, granted, rejected, ongoing, completed or withdrawn."
            ),
            "programme": _("Funder or programme."),
            "call_identifier": _("Identifier of the call the project was funded under."),
            "start_date": _("Start (YYYY-MM-DD)."),
            "end_date": _("End (YYYY-MM-DD)."),
            "currency": _("Currency of the amounts: SEK or EUR."),
            "budget_total": _("Total budget."),
            "grant": _("Grant."),
            "goals": _("Agenda 2030 goals (numbers, separated by ;)."),
            "tags": _("Tags (separated by ;)."),
            "is_public": _("Always true: only public projects are published."),
        },
    },
    "partners": {
        "title": _("Partners"),
        "rows": selectors.partners,
        "serializer": serializers.PartnerSerializer,
        "columns": {
            "id": _("Identifier in Utblick (stable)."),
            "municipality": _("The municipality (its address name)."),
            "name": _("The organisation's name."),
            "kind": _("municipality, region, university, school, ngo, company, ... ."),
            "country": _("Country (ISO 3166 two-letter code)."),
            "city": _("City."),
            "website": _("Website."),
            "pic": _("EU participant identification code (nine digits), if known."),
        },
    },
    "partnerships": {
        "title": _("Partnerships"),
        "rows": selectors.partnerships,
        "serializer": serializers.PartnershipSerializer,
        "columns": {
            "id": _("Identifier in Utblick (stable)."),
            "municipality": _("The municipality (its address name)."),
            "partner": _("Identifier of the partner (see Partners)."),
            "partner_name": _("The partner's name."),
            "partner_country": _("The partner's country (ISO code)."),
            "kind": _("twin (twin town), friendship or cooperation."),
            "status": _("active, dormant or ended."),
            "since": _("Since (YYYY-MM-DD)."),
            "decision_body": _("Who decided: kf (council), ks (executive board), namnd."),
            "decision_date": _("Date of the decision."),
            "decision_reference": _("Registration number (diarienummer) of the decision."),
        },
    },
    "networks": {
        "title": _("Networks"),
        "rows": selectors.memberships,
        "serializer": serializers.NetworkMembershipSerializer,
        "columns": {
            "id": _("Identifier in Utblick (stable)."),
            "municipality": _("The municipality (its address name)."),
            "network": _("The network's name."),
            "acronym": _("The network's acronym."),
            "website": _("The network's website."),
            "member_since": _("Member since (YYYY-MM-DD)."),
            "member_until": _("Member until, if the membership ended or ends."),
            "decision_date": _("Date of the decision to join."),
        },
    },
}


def rows(dataset: str, municipality) -> list[dict]:
    spec = DATASETS[dataset]
    return spec["serializer"](spec["rows"](municipality), many=True).data


def _typed(field, value):
    """The serializer's text back to a date or a number, so that the spreadsheet gets typed
    cells (and the CSV Swedish decimal commas)."""
    if value in (None, ""):
        return value
    if isinstance(field, fields.DateField):
        return datetime.date.fromisoformat(value)
    if isinstance(field, fields.DecimalField):
        return Decimal(value)
    return value


def table(dataset: str, municipality) -> tuple[list[str], list[list]]:
    spec = DATASETS[dataset]
    columns = list(spec["columns"])
    serializer_fields = spec["serializer"]().fields
    return columns, [
        [_typed(serializer_fields[column], row.get(column)) for column in columns]
        for row in rows(dataset, municipality)
    ]


def response(dataset: str, fmt: str, municipality, *, source: str) -> HttpResponse:
    """The download; ``source`` is the address of the page the data is published on."""
    licence = licences.CC0
    filename = f"{municipality.slug}-{dataset}.{fmt}"
    if fmt == "json":
        data = rows(dataset, municipality)
        body = json.dumps(list(data), cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    elif fmt == "csv":
        body = tabular.to_csv(*table(dataset, municipality))
    else:
        body = tabular.to_xlsx(
            *table(dataset, municipality),
            sheet_name=dataset,
            licence=licence,
            source=f"{municipality.name}, {source}",
        )
    result = HttpResponse(body, content_type=FORMATS[fmt])
    result["Content-Disposition"] = f'attachment; filename="{filename}"'
    result["Link"] = licence.link_header()
    return result
