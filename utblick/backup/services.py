"""The backup app's public surface: one archive with the data and uploads, and back.

An archive is a zip file: ``manifest.json`` (format, time, scope, rows per model, the
migrations it was made at), ``data/<app>.<model>.jsonl`` (Django's JSON-lines serializer,
with natural keys for content types and permissions) and ``media/<path>`` for every file a
row refers to. History (django-simple-history) and the audit log are ordinary models here,
so they travel too.
"""

from __future__ import annotations

import datetime
import json
import zipfile
from io import TextIOWrapper
from pathlib import PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Q
from django.test.utils import override_settings
from django.utils import timezone

from utblick.core import public_cache

from .scope import backed_up_models, path_to_municipality, shared_when_unset, user_fields

FORMAT = "utblick-backup-1"


class BackupError(Exception):
    pass


class LosslessEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup must keep microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            value = o.isoformat()
            return value[:-6] + "Z" if value.endswith("+00:00") else value
        return super().default(o)


def _rows(model, municipality, user_ids):
    """The rows of ``model`` in the archive: all of them, or those of one municipality plus
    the shared data they may refer to. Shared rows that belong to a person (API tokens,
    second-factor devices, reminders) come only for the people in the archive."""
    queryset = model._base_manager.order_by("pk")
    if municipality is None:
        return queryset
    if model is apps.get_model(settings.AUTH_USER_MODEL):
        return queryset.filter(pk__in=user_ids)
    path = path_to_municipality(model)
    if path is not None and not shared_when_unset(model, path):
        return queryset.filter(**{path: municipality.pk})
    shared = Q(**{f"{path}__isnull": True}) if path else Q()
    for field in user_fields(model):
        if not field.null:
            shared &= Q(**{f"{field.attname}__in": user_ids})
    if path is not None:
        return queryset.filter(Q(**{path: municipality.pk}) | shared)
    return queryset.filter(shared)


def _without_other_people(obj, fields, user_ids):
    """Leave out who, outside the archive, changed a shared row (a history entry's author):
    another municipality's staff are not this municipality's data."""
    for field in fields:
        if getattr(obj, field.attname) not in user_ids:
            setattr(obj, field.attname, None)


def _referenced_users(models_list, municipality):
    """Members of the municipality and every user its rows refer to (authors, owners)."""
    ids = set(
        apps.get_model("tenancy", "Membership")
        .objects.filter(municipality=municipality)
        .values_list("user_id", flat=True)
    )
    for model in models_list:
        path = path_to_municipality(model)
        if path is None:
            continue
        for field in user_fields(model):
            values = (
                model._base_manager.filter(**{path: municipality.pk})
                .exclude(**{field.attname: None})
                .values_list(field.attname, flat=True)
                .distinct()
            )
            ids.update(values)
    return ids


def _file_names(obj):
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.FileField):
            value = getattr(obj, field.attname)
            if value:
                yield str(value)


def export_archive(*, destination, municipality=None, progress=None) -> dict:
    """Write the archive to ``destination`` (a path or a binary file); returns the counts."""
    models_list = backed_up_models()
    user_ids = _referenced_users(models_list, municipality) if municipality else set()
    counts = {}
    files = set()
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for index, model in enumerate(models_list, start=1):
            label = model._meta.label_lower
            queryset = _rows(model, municipality, user_ids)
            nullable_users = [f for f in user_fields(model) if f.null] if municipality else []
            with archive.open(f"data/{label}.jsonl", "w") as raw:
                out = TextIOWrapper(raw, encoding="utf-8")
                count = 0
                for obj in queryset.iterator(chunk_size=2000):
                    if nullable_users:
                        _without_other_people(obj, nullable_users, user_ids)
                    out.write(
                        serializers.serialize(
                            "jsonl", [obj], use_natural_foreign_keys=True, cls=LosslessEncoder
                        )
                    )
                    files.update(_file_names(obj))
                    count += 1
                out.flush()
                out.detach()
            counts[label] = count
            if progress:
                progress(index, len(models_list), label)
        for name in sorted(files):
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as handle:
                    archive.writestr(f"media/{name}", handle.read())
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "municipality": municipality.code if municipality else None,
            "counts": counts,
            "files": len(files),
            "migrations": _migration_state(),
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def _migration_state():
    applied = MigrationRecorder(connection).applied_migrations()
    latest = {}
    for app_label, name in applied:
        latest[app_label] = max(latest.get(app_label, ""), name)
    return latest


def import_archive(*, source, progress=None) -> dict:
    """Restore an archive into an installation that has no users and no active municipality.

    Rows are written with their original ids (reference data loaded by the migrations is
    overwritten with identical rows); everything happens in one transaction, and the
    foreign keys are checked before it commits.
    """
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    municipality_model = apps.get_model("tenancy", "Municipality")
    if user_model.objects.exists() or municipality_model.objects.filter(is_active=True).exists():
        raise BackupError("The database is not empty: restore only into a new installation.")
    with zipfile.ZipFile(source) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Unknown archive format: {manifest.get('format')!r}.")
        state = _migration_state()
        behind = {a: n for a, n in manifest["migrations"].items() if state.get(a, "") < n}
        if behind:
            raise BackupError(f"Run `manage.py migrate` first; this database is behind: {behind}")
        labels = [m._meta.label_lower for m in backed_up_models()]
        counts = {}
        # Restored rows bring their own history; saving them must not add more. (The
        # restore runs alone, in its own command, so switching history off is safe.)
        with override_settings(SIMPLE_HISTORY_ENABLED=False), transaction.atomic():
            with connection.constraint_checks_disabled():
                for index, label in enumerate(labels, start=1):
                    name = f"data/{label}.jsonl"
                    if name not in archive.namelist():
                        continue
                    counts[label] = _load(archive, name)
                    if progress:
                        progress(index, len(labels), label)
            connection.check_constraints()
            _reset_sequences()
        for name in archive.namelist():
            if name.startswith("media/"):
                target = str(PurePosixPath(name).relative_to("media"))
                if default_storage.exists(target):
                    default_storage.delete(target)
                with archive.open(name) as handle:
                    default_storage.save(target, handle)
    public_cache.invalidate()
    return {"counts": counts, "municipality": manifest["municipality"]}


def _load(archive, name):
    count = 0
    with archive.open(name) as raw:
        for line in TextIOWrapper(raw, encoding="utf-8"):
            if not line.strip():
                continue
            for obj in serializers.deserialize("jsonl", line, handle_forward_references=True):
                obj.save()
                count += 1
    return count


def _reset_sequences():
    statements = connection.ops.sequence_reset_sql(no_style(), backed_up_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
