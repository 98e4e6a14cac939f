"""Downloads of a municipality's public datasets as CSV, XLSX or JSON, with the data
dictionary (``DATASETS``: every column and what it means) shown on the download page."""

from __future__ import annotations

import csv
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

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


def _flat(value):
    """One cell: lists joined, and text that a spreadsheet would run as a formula quoted."""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def response(dataset: str, fmt: str, municipality) -> HttpResponse:
    data = rows(dataset, municipality)
    columns = list(DATASETS[dataset]["columns"])
    filename = f"{municipality.slug}-{dataset}.{fmt}"
    if fmt == "json":
        body = json.dumps(list(data), cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        for row in data:
            writer.writerow([_flat(row.get(column)) for column in columns])
        body = buffer.getvalue()
    else:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(dataset)
        sheet.append(columns)
        for row in data:
            sheet.append([_flat(row.get(column)) for column in columns])
        buffer = io.BytesIO()
        workbook.save(buffer)
        body = buffer.getvalue()
    result = HttpResponse(body, content_type=FORMATS[fmt])
    result["Content-Disposition"] = f'attachment; filename="{filename}"'
    return result
