"""A full-text index of the staff project search on PostgreSQL (``selectors.search``).

A GIN index on the same text-search vector the search filters on: the titles, acronyms and
call identifier, configuration "simple". The SQL is Django's own for that expression, so the
planner can use the index for the search's condition. SQLite searches by substring and gets
no index.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

NAME = "project_search_vector_gin"
FIELDS = ("title_sv", "title_en", "acronym_sv", "acronym_en", "call_identifier")


def index():
    return GinIndex(SearchVector(*FIELDS, config="simple"), name=NAME)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("projects", "Project"), index())


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("projects", "Project"), index())


class Migration(migrations.Migration):
    dependencies = [("projects", "0006_budget_and_date_rules_in_the_database")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
