"""Import calls: idempotent, all-or-nothing, from the command line or the background queue."""

from __future__ import annotations

import hashlib
import json

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from utblick.jobs.services import JobFailed, job_task, start_job
from utblick.projects.models import FunderProgramme

from . import services
from .embeddings import embed_calls_job
from .models import Call
from .parsers import ParsedCall, ParseError, parse

# Programme names as the sources state them, mapped to the shared programme list.
PROGRAMME_ALIASES = {
    "horizon europe": "Horisont Europa",
    "cerv": "Medborgare, jämlikhet, rättigheter och värden (CERV)",
    "esf+": "Europeiska socialfonden (ESF+)",
    "creative europe": "Kreativa Europa",
    "amif": "Asyl-, migrations- och integrationsfonden (AMIF)",
}

FIELDS = [
    "call_identifier",
    "title",
    "status",
    "programme_name",
    "action_type",
    "opening_date",
    "deadline_model",
    "budget_min",
    "budget_max",
    "currency",
    "expected_grants",
    "description",
    "keywords",
    "url",
    "language",
]


def content_hash(parsed: ParsedCall) -> str:
    text = json.dumps(parsed.content(), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def programme_map() -> dict:
    found = {}
    for programme in FunderProgramme.objects.all():
        for name in (programme.name_sv, programme.name_en, programme.name):
            if name:
                found[name.casefold()] = programme
    for alias, name in PROGRAMME_ALIASES.items():
        programme = found.get(name.casefold())
        if programme:
            found[alias] = programme
    return found


def import_parsed(*, source: str, calls: list[ParsedCall], progress=None) -> dict:
    """Create, update, keep or mark vanished the shared calls of ``source``.

    Unchanged calls are not written at all; a changed deadline raises its SEQUENCE. An
    imported call is the source's, not a staff edit: it is saved without a history record
    (the history is of manual calls), which also keeps the import as fast as before."""
    programmes = programme_map()
    counts = {"created": 0, "updated": 0, "unchanged": 0, "vanished": 0}
    changed_ids = []
    with transaction.atomic():
        # Only the shared calls of this source: a municipality's own calls and another
        # source's calls are never matched, whatever identifiers the file contains.
        existing = {
            call.identifier: call
            for call in Call.objects.filter(
                source=source,
                municipality__isnull=True,
                identifier__in=[c.identifier for c in calls],
            ).prefetch_related("deadlines")
        }
        for done, parsed in enumerate(calls, start=1):
            digest = content_hash(parsed)
            call = existing.get(parsed.identifier)
            if call is not None and call.content_hash == digest and call.vanished_at is None:
                counts["unchanged"] += 1
            else:
                if call is None:
                    call = Call(identifier=parsed.identifier, source=source)
                    counts["created"] += 1
                else:
                    counts["updated"] += 1
                try:
                    call = services.save_call(
                        call=call,
                        deadlines=parsed.deadlines,
                        history=False,
                        **{name: getattr(parsed, name) for name in FIELDS},
                        programme=programmes.get(parsed.programme_name.casefold()),
                        content_hash=digest,
                        vanished_at=None,
                        municipality=None,
                    )
                except ValidationError as error:
                    raise ParseError(
                        [
                            {"line": parsed.line, "message": f"{parsed.identifier}: {message}"}
                            for message in error.messages
                        ]
                    ) from error
                changed_ids.append(call.pk)
            if progress:
                progress(done, len(calls), parsed.identifier)
        seen = [c.identifier for c in calls]
        counts["vanished"] = (
            Call.objects.filter(source=source, municipality__isnull=True, vanished_at__isnull=True)
            .exclude(identifier__in=seen)
            .update(vanished_at=timezone.now())
        )
    counts["changed_ids"] = changed_ids
    return counts


def import_file(*, data: bytes, progress=None) -> dict:
    """Parse and import a call file; raises ParseError and writes nothing when it is bad."""
    source, calls = parse(data)
    result = import_parsed(source=source, calls=calls, progress=progress)
    result["source"] = source
    return result


@job_task()
def import_calls_job(context, *, path: str) -> dict:
    """Background handler: import an uploaded file, then queue the embeddings."""
    with default_storage.open(path, "rb") as handle:
        data = handle.read()
    try:
        result = import_file(data=data, progress=context.progress)
    except ParseError as error:
        raise JobFailed(
            _("The file has errors; no call was imported or changed."), errors=error.errors
        ) from error
    finally:
        transaction.on_commit(lambda: default_storage.delete(path))
    context.public_data_changed(shared=True)  # calls are written in bulk, for everyone
    changed = result.pop("changed_ids")
    if changed:
        start_job(
            municipality=context.municipality,
            user=context.user,
            title=_("Semantic index of %(n)s calls") % {"n": len(changed)},
            task=embed_calls_job,
            params={},
        )
    return result


def start_import(*, municipality, user, upload) -> object:
    """Store the upload and queue its import (see import_calls_job)."""
    path = default_storage.save(f"funding-imports/{upload.name}", upload)
    return start_job(
        municipality=municipality,
        user=user,
        title=_("Import of calls from %(name)s") % {"name": upload.name},
        task=import_calls_job,
        params={"path": path},
    )
