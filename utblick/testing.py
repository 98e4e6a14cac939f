"""The test world: two municipalities with personas, and records built by every app.

Healthchecks-style personas that every permission test reuses:

- ``coordinator``: international coordinator of the municipality
- ``rep``: unit representative of ``unit`` (which owns the sample records)
- ``rep_other``: unit representative of ``other_unit``
- ``reader``: politician or manager who reads internal data
- ``superuser``: platform superuser
- ``nobody``: signed in, without a role anywhere
"""

from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps

from utblick.tenancy.models import Role, User
from utblick.tenancy.tests.factories import UnitFactory, UserFactory, active_municipality, member

PERSONAS = ("anonymous", "nobody", "reader", "rep_other", "rep", "coordinator", "superuser")


@dataclass
class Side:
    """One municipality with its units, personas and sample records."""

    municipality: object
    unit: object
    other_unit: object
    users: dict = field(default_factory=dict)
    records: dict = field(default_factory=dict)


def build_side(code, prefix):
    municipality = active_municipality(code)
    unit = UnitFactory(municipality=municipality, name=f"{prefix} Kultur- och fritidsförvaltningen")
    other_unit = UnitFactory(municipality=municipality, name=f"{prefix} Samhällsbyggnad")
    side = Side(municipality=municipality, unit=unit, other_unit=other_unit)
    side.users = {
        "coordinator": member(municipality, Role.COORDINATOR, username=f"{prefix}-coordinator"),
        "rep": member(municipality, Role.UNIT_REPRESENTATIVE, unit, username=f"{prefix}-rep"),
        "rep_other": member(
            municipality, Role.UNIT_REPRESENTATIVE, other_unit, username=f"{prefix}-rep-other"
        ),
        "reader": member(municipality, Role.READER, username=f"{prefix}-reader"),
    }
    # Each app may contribute sample records through tests/factories.py:world_records().
    for config in apps.get_app_configs():
        if not config.name.startswith("utblick."):
            continue
        try:
            module = import_module(f"{config.name}.tests.factories")
        except ModuleNotFoundError:
            continue
        builder = getattr(module, "world_records", None)
        if builder:
            side.records.update(builder(municipality=municipality, unit=unit))
    return side


def build_world():
    """Trollhättan (``home``) and Motala (``away``), each fully populated."""
    home = build_side("1488", "th")
    away = build_side("0583", "mo")
    superuser = UserFactory(username="platform-admin", is_superuser=True, is_staff=True)
    nobody = UserFactory(username="no-role")
    for side in (home, away):
        side.users["superuser"] = superuser
        side.users["nobody"] = nobody
        side.users["anonymous"] = None
    return home, away


def login(client, user):
    if user is None:
        client.logout()
    else:
        client.force_login(user)
    return client


__all__ = ["PERSONAS", "Side", "User", "build_world", "login"]


def migrate_to(targets):
    """Migrate the test database to ``targets`` (as ``migrate`` would) and return the models
    as they are there (the state of every applied migration), for tests of a migration's
    data steps."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.loader import MigrationLoader

    MigrationExecutor(connection).migrate(targets)
    loader = MigrationLoader(connection)
    return loader.project_state(list(loader.applied_migrations)).apps


def migrate_to_latest():
    """Migrate the test database forward to the latest migrations again (after
    ``migrate_to``)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
