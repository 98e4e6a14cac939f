"""The term statistics by start year (``OrganisationTermYearStats``), for broad topics with a
year filter.

The table is filled by ``manage.py refresh_opendata_statistics`` or the next import. Until
then no term counts as aggregated (``SearchTerm.aggregated`` cleared here), so every topic
is answered from the participations, as before the term statistics existed: correct, only
slower. Otherwise a year filter on a broad topic would read the empty table and find no
one.
"""

import django.db.models.deletion
from django.db import migrations, models


def no_term_aggregated(apps, schema_editor):
    apps.get_model("opendata", "SearchTerm").objects.update(aggregated=False)


class Migration(migrations.Migration):

    dependencies = [
        ('opendata', '0010_postgresql_totals_ranking_indexes'),
    ]

    operations = [
        migrations.RunPython(no_term_aggregated, migrations.RunPython.noop),
        migrations.CreateModel(
            name='OrganisationTermYearStats',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('term', models.CharField(max_length=200, verbose_name='term')),
                ('programme', models.CharField(blank=True, max_length=120, verbose_name='programme')),
                ('year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='year')),
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
                'verbose_name': 'organisation term statistics by year',
                'verbose_name_plural': 'organisation term statistics by year',
                'indexes': [models.Index(fields=['term', 'year'], name='orgtermyear_term_year'), models.Index(condition=models.Q(('coordinated__gt', 0)), fields=['term', 'year'], name='orgtermyear_coordinated')],
            },
        ),
    ]
