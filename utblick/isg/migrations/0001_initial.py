"""The collaboration group moves out of the funding app without touching its data.

The five models were created by funding 0001; their tables keep their names (``db_table``
on the models), so the move is a change of Django's state only (``SeparateDatabaseAndState``
here and in funding 0008). The content types follow the models (their ids, and so the
permissions and admin log entries that point at them, stay), as do stored mail-out jobs
(``Job.handler`` names the task's module, which moved too).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ["groupmember", "meeting", "agendaitem", "meetingdecision", "actionitem"]
OLD_HANDLER = "utblick.funding.isg.mail.send_meeting_documents_job"
NEW_HANDLER = "utblick.isg.mail.send_meeting_documents_job"


def _move(apps, old_label, new_label, old_handler, new_handler):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        # A content type the new label already has (made by an earlier run of `migrate`)
        # is left alone; `remove_stale_contenttypes` tidies the old one then.
        if not ContentType.objects.filter(app_label=new_label, model=model).exists():
            ContentType.objects.filter(app_label=old_label, model=model).update(
                app_label=new_label
            )
    ContentType.objects.clear_cache()
    Job = apps.get_model("jobs", "Job")
    Job.objects.filter(handler=old_handler).update(handler=new_handler)


def forwards(apps, schema_editor):
    _move(apps, "funding", "isg", OLD_HANDLER, NEW_HANDLER)


def backwards(apps, schema_editor):
    _move(apps, "isg", "funding", NEW_HANDLER, OLD_HANDLER)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("funding", "0007_merge_identifiers_tokens_and_need_rules"),
        ("jobs", "0002_job_lease_and_queue"),
        ("tenancy", "0004_merge_statement_review_and_invitations"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Meeting',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('starts_at', models.DateTimeField(verbose_name='date and time')),
                        ('place', models.CharField(max_length=200, verbose_name='place')),
                        ('minutes', models.TextField(blank=True, verbose_name='minutes')),
                        ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='tenancy.municipality', verbose_name='municipality')),
                    ],
                    options={
                        'verbose_name': 'meeting',
                        'verbose_name_plural': 'meetings',
                        'db_table': 'funding_meeting',
                        'ordering': ['-starts_at'],
                    },
                ),
                migrations.CreateModel(
                    name='AgendaItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                        ('title', models.CharField(max_length=300, verbose_name='item')),
                        ('notes', models.TextField(blank=True, verbose_name='notes')),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agenda', to='isg.meeting')),
                    ],
                    options={
                        'verbose_name': 'agenda item',
                        'verbose_name_plural': 'agenda items',
                        'db_table': 'funding_agendaitem',
                        'ordering': ['order', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ActionItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('description', models.CharField(max_length=300, verbose_name='action')),
                        ('owner', models.CharField(max_length=200, verbose_name='owner')),
                        ('due_date', models.DateField(blank=True, null=True, verbose_name='due')),
                        ('done', models.BooleanField(default=False, verbose_name='done')),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='isg.meeting')),
                    ],
                    options={
                        'verbose_name': 'action item',
                        'verbose_name_plural': 'action items',
                        'db_table': 'funding_actionitem',
                        'ordering': ['due_date', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='MeetingDecision',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.TextField(verbose_name='decision')),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='decisions', to='isg.meeting')),
                    ],
                    options={
                        'verbose_name': 'decision',
                        'verbose_name_plural': 'decisions',
                        'db_table': 'funding_meetingdecision',
                        'ordering': ['pk'],
                    },
                ),
                migrations.CreateModel(
                    name='GroupMember',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('email', models.EmailField(max_length=254, verbose_name='e-mail')),
                        ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='tenancy.municipality', verbose_name='municipality')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='tenancy.unit', verbose_name='unit')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user account')),
                    ],
                    options={
                        'verbose_name': 'group member',
                        'verbose_name_plural': 'group members',
                        'db_table': 'funding_groupmember',
                        'ordering': ['unit__name'],
                        'constraints': [models.UniqueConstraint(fields=('municipality', 'unit'), name='funding_isg_one_per_unit')],
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
