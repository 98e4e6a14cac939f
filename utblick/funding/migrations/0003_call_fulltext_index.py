"""Full-text index of calls on SQLite (see ``matching.py``).

An FTS5 table over the title, keywords and description of ``funding_call`` (external
content, so the text is not stored twice; tokenizer ``unicode61 remove_diacritics 0`` as the
issue asks: å, ä and ö stay letters of their own), kept in step by triggers on insert,
update and delete, so every writer (the importers, manual calls, the admin, backups) keeps it
current. PostgreSQL ranks with its ``swedish`` and ``english`` configurations and needs no
table; other databases get nothing.
"""

from django.db import migrations

FTS = "funding_call_fts"
COLUMNS = "title, keywords, description"
NEW = "new.title, new.keywords, new.description"
OLD = "old.title, old.keywords, old.description"

SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5({COLUMNS}, "
    "content='funding_call', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON funding_call BEGIN "
    f"INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON funding_call BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD}); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE OF {COLUMNS} ON funding_call BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD}); "
    f"INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {FTS}_ai",
    f"DROP TRIGGER IF EXISTS {FTS}_ad",
    f"DROP TRIGGER IF EXISTS {FTS}_au",
    f"DROP TABLE IF EXISTS {FTS}",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("funding", "0002_programme_rules")]

    operations = [migrations.RunPython(create, drop)]
