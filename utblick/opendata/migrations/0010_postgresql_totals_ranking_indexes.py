"""PostgreSQL: the rankings of the statistics' totals rows (``programme`` NULL) read in
index order.

The searches order by ``matches DESC, coordinated DESC, contribution DESC NULLS LAST,
organisation_id`` and filter ``programme IS NULL``. PostgreSQL does not take ``IS NULL`` as a
fixed prefix of an index's order, and a ``DESC`` column of the model's indexes sorts NULL
first, so the page of a topic-less search or a broad topic was a top-N sort over every
organisation (24 ms for "energy" at a million participations, 35 ms without a topic); with
these partial indexes it is the first 25 entries (under 1 ms). Django cannot declare them
(SQLite has no NULLS LAST in an index: there ``DESC`` already puts NULL last and its planner
uses the model's indexes), hence SQL for PostgreSQL only.
"""

from django.db import migrations

INDEXES = {
    "orgprogstats_totals_ranking": (
        "opendata_organisationprogrammestats",
        "(matches DESC, coordinated DESC, contribution DESC NULLS LAST, organisation_id) "
        "WHERE programme IS NULL",
    ),
    "orgtermstats_totals_ranking": (
        "opendata_organisationtermstats",
        "(term, matches DESC, coordinated DESC, contribution DESC NULLS LAST, organisation_id) "
        "WHERE programme IS NULL",
    ),
    "orgtermstats_totals_coordinated": (
        "opendata_organisationtermstats",
        "(term, coordinated DESC, coordinated_contribution DESC NULLS LAST, organisation_id) "
        "WHERE programme IS NULL AND coordinated > 0",
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, definition) in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} {definition}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("opendata", "0009_programme_facet_counts")]

    operations = [migrations.RunPython(create, drop)]
