"""The table of the database cache (CACHE_URL=dbcache://utblick_cache, the default outside
tests), so that `migrate` alone sets up an installation and every app server shares it."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "utblick_cache"


def create(apps, schema_editor):
    # Does nothing when the table exists already.
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create, drop, elidable=False)]
