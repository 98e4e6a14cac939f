"""The backup app's public surface: one archive with the data and uploads, and back.

An archive is a zip file: ``manifest.json`` (format, time, scope, rows per model, the
migrations it was made at), ``data/<app>.<model>.jsonl`` (Django's JSON-lines serializer,
with natural keys for content types and permissions) and ``media/<path>`` for every file a
row refers to. History (django-simple-history) and the audit log are ordinary models here,
so they travel too.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import zipfile
from io import TextIOWrapper
from pathlib import PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Q
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.translation import gettext as _

from utblick.core import public_cache

from .scope import (
    FORMER_LABELS,
    SHARED_WHEN_MEMBER,
    backed_up_models,
    path_to_municipality,
    shared_when_unset,
    user_fields,
)

FORMAT = "utblick-backup-1"
MANIFEST = "manifest.json"


class BackupError(Exception):
    pass


class LosslessEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup must keep microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            value = o.isoformat()
            return value[:-6] + "Z" if value.endswith("+00:00") else value
        return super().default(o)


def _rows(model, municipality, user_ids, member_ids):
    """The rows of ``model`` in the archive: all of them, or those of one municipality plus
    the shared data they may refer to. Shared rows that belong to a person (API tokens,
    second-factor devices, reminders) come only for the people in the archive; events of
    no municipality (sign-ins) only for its members."""
    queryset = model._base_manager.order_by("pk")
    if municipality is None:
        return queryset
    if model is apps.get_model(settings.AUTH_USER_MODEL):
        return queryset.filter(pk__in=user_ids)
    path = path_to_municipality(model)
    if model._meta.label_lower in SHARED_WHEN_MEMBER:
        (user_field,) = user_fields(model)
        return queryset.filter(
            Q(**{path: municipality.pk})
            | Q(**{f"{path}__isnull": True, f"{user_field.attname}__in": member_ids})
        )
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


def _as_outsider(user, *, invited_only):
    """A person in the archive who is not a member of its municipality (a former member
    who wrote something, someone invited): their account belongs to the installation, not
    to this municipality, so it travels without its password, rights and sign-in times;
    someone only invited also without the name and address of the account, which the
    coordinator who invited them never saw either (see ``Invitation``)."""
    user.password = make_password(None)
    user.is_staff = user.is_superuser = False
    user.last_login = None
    if invited_only:
        user.first_name = user.last_name = user.email = ""


INVITED = "tenancy.invitation.user"


def _people(models_list, municipality):
    """``(members, referenced, invited_only)``: the municipality's members; them and every
    user its rows refer to (authors, owners, invited); the non-members its rows refer to
    only as invited. One query per user field of its models."""
    members = set(
        apps.get_model("tenancy", "Membership")
        .objects.filter(municipality=municipality)
        .values_list("user_id", flat=True)
    )
    authors, invited = set(), set()
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
            found = invited if f"{model._meta.label_lower}.{field.name}" == INVITED else authors
            found.update(values)
    return members, members | authors | invited, invited - members - authors


def _file_names(obj):
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.FileField):
            value = getattr(obj, field.attname)
            if value:
                yield str(value)


def export_archive(*, destination, municipality=None, progress=None) -> dict:
    """Write the archive to ``destination`` (a path or a binary file); returns the manifest.

    The manifest holds the SHA-256 of every other member, so that a restore can refuse a
    truncated or altered archive before it writes anything.
    """
    models_list = backed_up_models()
    member_ids, user_ids, invited_only = (
        _people(models_list, municipality) if municipality else (set(), set(), set())
    )
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    counts = {}
    checksums = {}
    files = set()
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for index, model in enumerate(models_list, start=1):
            label = model._meta.label_lower
            queryset = _rows(model, municipality, user_ids, member_ids)
            nullable_users = [f for f in user_fields(model) if f.null] if municipality else []
            name = f"data/{label}.jsonl"
            digest = hashlib.sha256()
            with archive.open(name, "w") as out:
                count = 0
                for obj in queryset.iterator(chunk_size=2000):
                    if nullable_users:
                        _without_other_people(obj, nullable_users, user_ids)
                    if municipality and model is user_model and obj.pk not in member_ids:
                        _as_outsider(obj, invited_only=obj.pk in invited_only)
                    line = serializers.serialize(
                        "jsonl", [obj], use_natural_foreign_keys=True, cls=LosslessEncoder
                    ).encode()
                    digest.update(line)
                    out.write(line)
                    files.update(_file_names(obj))
                    count += 1
            counts[label] = count
            checksums[name] = digest.hexdigest()
            if progress:
                progress(index, len(models_list), label)
        for file_name in sorted(files):
            if default_storage.exists(file_name):
                with default_storage.open(file_name, "rb") as handle:
                    content = handle.read()
                archive.writestr(f"media/{file_name}", content)
                checksums[f"media/{file_name}"] = hashlib.sha256(content).hexdigest()
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "municipality": municipality.code if municipality else None,
            "counts": counts,
            "files": len(files),
            "migrations": _migration_state(),
            "sha256": checksums,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def _migration_state():
    applied = MigrationRecorder(connection).applied_migrations()
    latest = {}
    for app_label, name in applied:
        latest[app_label] = max(latest.get(app_label, ""), name)
    return latest


def _not_empty() -> bool:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    municipality_model = apps.get_model("tenancy", "Municipality")
    return (
        user_model._base_manager.exists()
        or municipality_model._base_manager.filter(is_active=True).exists()
        or apps.get_model("jobs", "Job")._base_manager.exists()
    )


def _checked_manifest(archive) -> dict:
    """The manifest, once every member of the archive matches its checksum (nothing is
    written before this passes)."""
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError, zipfile.BadZipFile, EOFError, OSError) as error:
        raise BackupError(
            _("The archive has no readable manifest: %(error)s") % {"error": error}
        ) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("Unknown archive format: %(format)s.") % {"format": manifest.get("format")}
        )
    expected = manifest.get("sha256")
    if not isinstance(expected, dict):
        raise BackupError(_("The archive's manifest has no checksums; it cannot be verified."))
    members = set(archive.namelist()) - {MANIFEST}
    missing = sorted(set(expected) - members)
    unknown = sorted(members - set(expected))
    if missing or unknown:
        raise BackupError(
            _("The archive is incomplete or altered: missing %(missing)s, unknown %(unknown)s.")
            % {"missing": ", ".join(missing) or "-", "unknown": ", ".join(unknown) or "-"}
        )
    for name, checksum in expected.items():
        digest = hashlib.sha256()
        try:
            with archive.open(name) as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
        except (zipfile.BadZipFile, EOFError, OSError) as error:
            raise BackupError(
                _("%(name)s in the archive cannot be read: %(error)s")
                % {"name": name, "error": error}
            ) from error
        if digest.hexdigest() != checksum:
            raise BackupError(
                _("%(name)s in the archive does not match its checksum: the archive was altered.")
                % {"name": name}
            )
    return manifest


def import_archive(*, source, progress=None) -> dict:
    """Restore an archive into an installation that has no users and no active municipality.

    The archive is verified first (checksums in the manifest); then rows are written with
    their original ids (reference data loaded by the migrations is overwritten with
    identical rows), everything in one transaction, and the foreign keys are checked before
    it commits.
    """
    if _not_empty():
        raise BackupError(
            _(
                "The database is not empty (it has users, jobs or an active municipality): "
                "restore only into a new, migrated installation."
            )
        )
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as error:
        raise BackupError(
            _("The archive cannot be opened (truncated or not a zip file): %(error)s")
            % {"error": error}
        ) from error
    with archive:
        manifest = _checked_manifest(archive)
        state = _migration_state()
        behind = {a: n for a, n in manifest["migrations"].items() if state.get(a, "") < n}
        if behind:
            raise BackupError(
                _("Run `manage.py migrate` first; this database is behind: %(behind)s")
                % {"behind": behind}
            )
        labels = [m._meta.label_lower for m in backed_up_models()]
        counts = {}
        # Restored rows bring their own history; saving them must not add more. (The
        # restore runs alone, in its own command, so switching history off is safe.)
        with override_settings(SIMPLE_HISTORY_ENABLED=False), transaction.atomic():
            with connection.constraint_checks_disabled():
                _clear_reference_data(archive)
                # An archive made before the collaboration group left the funding app
                # holds its rows under their former labels.
                former = {} if "isg" in manifest["migrations"] else FORMER_LABELS
                for index, label in enumerate(labels, start=1):
                    name = f"data/{former.get(label, label)}.jsonl"
                    if name not in archive.namelist():
                        continue
                    counts[label] = _load(archive, name, former=former)
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


def _clear_reference_data(archive):
    """Remove what `migrate` loaded (funders, goals, programme rules): the archive brings
    the same rows with its own ids, which a newer installation may have numbered
    differently. Only reference data is left at this point (see ``_not_empty``). Of the
    municipalities only those the archive brings go: one municipality's archive holds
    that one, and the installation keeps the other 289."""
    municipality_model = apps.get_model("tenancy", "Municipality")
    tables = []
    for model in reversed(backed_up_models()):
        for m2m in model._meta.local_many_to_many:
            if m2m.remote_field.through._meta.auto_created:
                tables.append(m2m.remote_field.through._meta.db_table)
        if model is not municipality_model:
            tables.append(model._meta.db_table)
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608
    pks, codes = set(), set()
    name = f"data/{municipality_model._meta.label_lower}.jsonl"
    with archive.open(name) as raw:
        for line in TextIOWrapper(raw, encoding="utf-8"):
            if line.strip():
                row = json.loads(line)
                pks.add(row["pk"])
                codes.add(row["fields"]["code"])
    municipality_model._base_manager.filter(Q(pk__in=pks) | Q(code__in=codes))._raw_delete(
        connection.alias
    )


def _load(archive, name, *, former=None):
    count = 0
    current = {old: new for new, old in (former or {}).items()}
    with archive.open(name) as raw:
        for line in TextIOWrapper(raw, encoding="utf-8"):
            if not line.strip():
                continue
            if current:
                line = json.dumps(_with_current_labels(json.loads(line), current))
            for obj in serializers.deserialize("jsonl", line, handle_forward_references=True):
                obj.save()
                count += 1
    return count


def _with_current_labels(row, current):
    """A row of an older archive with the labels of models that moved since: its own, and
    those in natural keys of content types ``[app, model]`` and permissions
    ``[codename, app, model]`` (a group's or a user's permissions)."""

    def key(value):
        if (
            isinstance(value, list)
            and len(value) in (2, 3)
            and all(isinstance(part, str) for part in value)
        ):
            label = current.get(f"{value[-2]}.{value[-1]}")
            if label:
                return [*value[:-2], *label.split(".")]
        return value

    row["model"] = current.get(row["model"], row["model"])
    for field, value in row["fields"].items():
        if isinstance(value, list) and value and isinstance(value[0], list):
            row["fields"][field] = [key(item) for item in value]
        else:
            row["fields"][field] = key(value)
    return row


def _reset_sequences():
    statements = connection.ops.sequence_reset_sql(no_style(), backed_up_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
