"""The collaboration group's models move to their own app, ``utblick.isg`` (see its
migration 0001): removed from the funding app's state only, their tables stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0007_merge_identifiers_tokens_and_need_rules"),
        ("isg", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name="agendaitem",
                    name="meeting",
                ),
                migrations.RemoveField(
                    model_name="groupmember",
                    name="municipality",
                ),
                migrations.RemoveField(
                    model_name="groupmember",
                    name="unit",
                ),
                migrations.RemoveField(
                    model_name="groupmember",
                    name="user",
                ),
                migrations.RemoveField(
                    model_name="meeting",
                    name="municipality",
                ),
                migrations.RemoveField(
                    model_name="meetingdecision",
                    name="meeting",
                ),
                migrations.DeleteModel(
                    name="ActionItem",
                ),
                migrations.DeleteModel(
                    name="AgendaItem",
                ),
                migrations.DeleteModel(
                    name="GroupMember",
                ),
                migrations.DeleteModel(
                    name="Meeting",
                ),
                migrations.DeleteModel(
                    name="MeetingDecision",
                ),
            ],
        ),
    ]
