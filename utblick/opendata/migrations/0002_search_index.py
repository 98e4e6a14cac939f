"""A GIN index for the partner search's full text on PostgreSQL (nothing elsewhere)."""

from django.db import migrations

INDEX = "opendata_euproject_search_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON opendata_euproject "
            "USING gin (to_tsvector('english'::regconfig, search_text))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("opendata", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
