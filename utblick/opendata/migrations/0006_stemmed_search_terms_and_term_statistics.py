"""The partner search's one stemming rule and its term statistics (see ``terms.py``).

- ``EUProject.search_text`` holds the distinct English Snowball stems of the project's words
  (``text.search_terms``) instead of the folded words: rewritten here for existing projects.
  SQLite's FTS5 table (0003) follows by its triggers; an ``fts5vocab`` table gives the
  number of projects of every term to ``refresh_statistics``.
- PostgreSQL: the English and Swedish GIN index of 0003 is replaced by one over the
  ``simple`` vector of the stems (``search.PG_VECTOR``): the same words match on both
  databases.
- The vocabulary (``SearchTerm``) and the statistics per term and organisation
  (``OrganisationTermStats``) are filled by ``manage.py refresh_opendata_statistics`` or the
  next import.
"""

import re
import unicodedata

import snowballstemmer

import django.db.models.deletion
from django.db import migrations, models


FTS = "opendata_euproject_fts"
OLD_GIN = "opendata_euproject_search_sv_en_gin"
GIN = "opendata_euproject_search_stems_gin"
OLD_PG_VECTOR = (
    "(to_tsvector('english'::regconfig, search_text) || "
    "to_tsvector('swedish'::regconfig, search_text))"
)
PG_VECTOR = "to_tsvector('simple'::regconfig, search_text)"
STOPWORDS = {"a", "an", "and", "for", "in", "of", "on", "the", "to", "with", "och", "i"}
STOPWORDS |= {"as", "at", "be", "by", "from", "is", "its", "or", "their"}
_NON_WORD = re.compile(r"[^0-9a-z]+")


def _words(project):
    text = " ".join(
        part
        for part in (project.acronym, project.title, project.theme, project.topic_description)
        if part
    )
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NON_WORD.sub(" ", folded).split()


def _stems(project, stemmer):
    found = {}
    for word in _words(project):
        if word not in STOPWORDS:
            found.setdefault(stemmer.stemWord(word), None)
    return " ".join(found)


def _rewrite(apps, text_of):
    EUProject = apps.get_model("opendata", "EUProject")
    batch = []
    fields = ("acronym", "title", "theme", "topic_description", "search_text")
    for project in EUProject.objects.only(*fields).order_by("pk").iterator(chunk_size=2000):
        project.search_text = text_of(project)
        batch.append(project)
        if len(batch) == 2000:
            EUProject.objects.bulk_update(batch, ["search_text"])
            batch = []
    EUProject.objects.bulk_update(batch, ["search_text"])


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_GIN}")
    stemmer = snowballstemmer.stemmer("english")
    _rewrite(apps, lambda project: _stems(project, stemmer))
    if vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS}_rows USING fts5vocab({FTS}, row)"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {GIN} ON opendata_euproject USING gin ({PG_VECTOR})"
        )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS}_rows")
    elif vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN}")
    _rewrite(apps, lambda project: " ".join(_words(project)))
    if vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {OLD_GIN} ON opendata_euproject USING gin ({OLD_PG_VECTOR})"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('opendata', '0005_organisation_corrections_proposed_by_coordinators'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchTerm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('term', models.CharField(max_length=200, unique=True, verbose_name='term')),
                ('projects', models.PositiveIntegerField(verbose_name='projects')),
                ('aggregated', models.BooleanField(default=False, verbose_name='aggregated')),
            ],
            options={
                'verbose_name': 'search term',
                'verbose_name_plural': 'search terms',
            },
        ),
        migrations.AlterField(
            model_name='euproject',
            name='search_text',
            field=models.TextField(blank=True, help_text='The stems of the title, acronym, theme and topic (text.search_terms).', verbose_name='search text'),
        ),
        migrations.CreateModel(
            name='OrganisationTermStats',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('term', models.CharField(max_length=200, verbose_name='term')),
                ('programme', models.CharField(blank=True, max_length=120, null=True, verbose_name='programme')),
                ('country', models.CharField(blank=True, max_length=2, verbose_name='country')),
                ('org_type', models.CharField(blank=True, max_length=60, verbose_name='organisation type')),
                ('region', models.CharField(blank=True, max_length=120, verbose_name='region')),
                ('matches', models.PositiveIntegerField(verbose_name='participations')),
                ('coordinated', models.PositiveIntegerField(verbose_name='coordinated')),
                ('contribution', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='EU contribution (EUR)')),
                ('coordinated_contribution', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='EU contribution as coordinator (EUR)')),
                ('organisation', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='opendata.euorganisation', verbose_name='organisation')),
            ],
            options={
                'verbose_name': 'organisation term statistics',
                'verbose_name_plural': 'organisation term statistics',
                'indexes': [models.Index(fields=['term', 'programme', '-matches', '-coordinated', '-contribution', 'organisation'], name='orgtermstats_ranking'), models.Index(fields=['term', 'programme', '-coordinated', '-coordinated_contribution', 'organisation'], name='orgtermstats_coordinated'), models.Index(fields=['term', 'programme', 'country', 'org_type', 'region', 'coordinated'], name='orgtermstats_facets')],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
