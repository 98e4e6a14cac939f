"""Which models a backup holds, and how each one is narrowed to one municipality."""

from __future__ import annotations

from collections import deque

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.db import models

# Transient or regenerated state: sessions, lock-out counters, the task queue, and what
# `migrate` creates itself (content types and permissions). Jobs travel: they are the record
# of imports and mail-outs that other rows (a newsletter issue) refer to.
EXCLUDED_APPS = {"sessions", "contenttypes", "axes", "django_tasks_database", "admin"}
EXCLUDED_MODELS = {"auth.permission"}
# Rows with no municipality that belong to a person, kept for the members of the
# municipality. Empty now: audit events carry the municipality they happened in (a sign-in
# is recorded once per municipality of the person), and an event that could not be placed
# stays with the platform, never in one municipality's archive.
SHARED_WHEN_MEMBER: set[str] = set()
# Rows with no municipality that are shared by all (calls from the EU portal and Vinnova),
# where other rows of the model belong to the municipality that entered them.
SHARED_WHEN_UNSET = {"funding.call"}
# Models that moved to another app, by the label that archives made before the move carry
# (the collaboration group left the funding app in funding 0008 / isg 0001).
FORMER_LABELS = {
    f"isg.{name}": f"funding.{name}"
    for name in ("groupmember", "meeting", "agendaitem", "meetingdecision", "actionitem")
}


def backed_up_models() -> list[type[models.Model]]:
    """Every model with data worth restoring, parents before children."""
    chosen = []
    for model in apps.get_models(include_auto_created=False):
        label = model._meta.label_lower
        if model._meta.app_label in EXCLUDED_APPS or label in EXCLUDED_MODELS:
            continue
        if model._meta.proxy or not model._meta.managed:
            continue
        chosen.append(model)
    app_list = {}
    for model in chosen:
        app_list.setdefault(apps.get_app_config(model._meta.app_label), []).append(model)
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


def _foreign_keys(model):
    for field in model._meta.get_fields():
        if (
            isinstance(field, models.ForeignKey | models.OneToOneField)
            and field.concrete
            and not field.auto_created
        ):
            yield field


def path_to_municipality(model) -> str | None:
    """The lookup from ``model`` to its municipality (``municipality``,
    ``project__municipality``, ...), or None for shared data. Users are handled apart."""
    municipality = apps.get_model("tenancy", "Municipality")
    if model is municipality:
        return "pk"
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    queue = deque([(model, "", 0)])
    while queue:
        current, prefix, depth = queue.popleft()
        for field in _foreign_keys(current):
            target = field.related_model
            if target is municipality:
                return f"{prefix}{field.name}"
            if depth < 3 and target not in (user_model, current) and target is not None:
                queue.append((target, f"{prefix}{field.name}__", depth + 1))
    return None


def user_fields(model):
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [f for f in _foreign_keys(model) if f.related_model is user_model]


def shared_when_unset(model, path) -> bool:
    """Whether rows of ``model`` whose ``path`` to a municipality is empty are shared data
    (a call from the EU portal, its deadlines) rather than nobody's."""
    current = model
    for name in path.split("__")[:-1]:
        if current._meta.label_lower in SHARED_WHEN_UNSET:
            return True
        current = current._meta.get_field(name).related_model
    return current._meta.label_lower in SHARED_WHEN_UNSET
