"""The partner search's full-text index, per database (see ``search.py``).

SQLite: an FTS5 table over ``opendata_euproject.search_text`` (external content, so the text
is not stored twice; tokenizer ``unicode61 remove_diacritics 0``: the stored search text is
already folded), kept in step by triggers on insert, update and delete, so every writer
(importers, bulk upserts, the admin, backups) keeps it current.

PostgreSQL: the English-only GIN index of 0002 is replaced by one over the English and the
Swedish vectors of the text (``search.PG_VECTOR``, the exact expression the search uses).
"""

from django.db import migrations

FTS = "opendata_euproject_fts"
OLD_GIN = "opendata_euproject_search_gin"
GIN = "opendata_euproject_search_sv_en_gin"
PG_VECTOR = (
    "(to_tsvector('english'::regconfig, search_text) || "
    "to_tsvector('swedish'::regconfig, search_text))"
)

SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(search_text, "
    "content='opendata_euproject', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON opendata_euproject BEGIN "
    f"INSERT INTO {FTS}(rowid, search_text) VALUES (new.id, new.search_text); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON opendata_euproject BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE OF search_text ON opendata_euproject "
    f"BEGIN INSERT INTO {FTS}({FTS}, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    f"INSERT INTO {FTS}(rowid, search_text) VALUES (new.id, new.search_text); END",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {FTS}_ai",
    f"DROP TRIGGER IF EXISTS {FTS}_ad",
    f"DROP TRIGGER IF EXISTS {FTS}_au",
    f"DROP TABLE IF EXISTS {FTS}",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_GIN}")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {GIN} ON opendata_euproject USING gin ({PG_VECTOR})"
        )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN}")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {OLD_GIN} ON opendata_euproject "
            "USING gin (to_tsvector('english'::regconfig, search_text))"
        )


class Migration(migrations.Migration):
    dependencies = [("opendata", "0002_search_index")]

    operations = [migrations.RunPython(create, drop)]
