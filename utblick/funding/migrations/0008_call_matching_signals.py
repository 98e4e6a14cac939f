"""Ranking signals stored with a call's vector (see ``embeddings.embed_calls``).

The matching no longer reads the SQLite full-text table of calls (migration 0003): it keeps
the calls' terms in memory with their vectors (``matching.Index``). The table and its
triggers are dropped (going back creates them again).
"""

import importlib

from django.db import migrations, models

fulltext = importlib.import_module("utblick.funding.migrations.0003_call_fulltext_index")


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0007_merge_identifiers_tokens_and_need_rules"),
    ]

    operations = [
        # First: on SQLite, adding the fields rebuilds funding_call under the triggers.
        migrations.RunPython(fulltext.drop, fulltext.create),
        migrations.AddField(
            model_name="call",
            name="concepts",
            field=models.CharField(blank=True, editable=False, max_length=1000),
        ),
        migrations.AddField(
            model_name="call",
            name="embedded_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="call",
            name="municipal_eligibility",
            field=models.FloatField(default=1.0, editable=False),
        ),
        migrations.AddIndex(
            model_name="call",
            index=models.Index(fields=["updated_at"], name="funding_call_updated_idx"),
        ),
        migrations.AddIndex(
            model_name="call",
            index=models.Index(fields=["embedded_at"], name="funding_call_embedded_idx"),
        ),
    ]
