"""The move of the collaboration group out of the funding app keeps the data: a meeting,
its agenda and a member entered before the move are there after it, under the new app, with
the same content type (and so its permissions) and the stored mail-out job still runnable."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from utblick.jobs.models import Job
from utblick.jobs.runner import task_for
from utblick.testing import migrate_to, migrate_to_latest

from ..models import GroupMember, Meeting

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("funding", "0007_merge_identifiers_tokens_and_need_rules"), ("isg", None)]


def test_a_meeting_entered_before_the_move_is_there_after_it():
    old = migrate_to(BEFORE)
    try:
        municipality = old.get_model("tenancy", "Municipality").objects.get(slug="trollhattan")
        # The historical model has no translation fields' magic: the Swedish name is given.
        name = "Kultur- och fritidsförvaltningen"
        unit = old.get_model("tenancy", "Unit").objects.create(
            municipality=municipality, name=name, name_sv=name, kind="department"
        )
        meeting = old.get_model("funding", "Meeting").objects.create(
            municipality=municipality,
            starts_at=datetime.datetime(2026, 11, 3, 9, tzinfo=datetime.UTC),
            place="Stadshuset",
            minutes="Vi gick igenom utlysningarna.",
        )
        old.get_model("funding", "AgendaItem").objects.create(
            meeting=meeting, order=1, title="Aktuella utlysningar"
        )
        member = old.get_model("funding", "GroupMember").objects.create(
            municipality=municipality, unit=unit, name="Anna", email="anna@example.org"
        )
        content_type = old.get_model("contenttypes", "ContentType").objects.get(
            app_label="funding", model="meeting"
        )
        job = old.get_model("jobs", "Job").objects.create(
            municipality=municipality,
            title="Utskick av dagordningen",
            handler="utblick.funding.isg.mail.send_meeting_documents_job",
        )
    finally:
        migrate_to_latest()
    ContentType.objects.clear_cache()
    moved = Meeting.objects.get(pk=meeting.pk)
    assert (moved.place, moved.minutes) == ("Stadshuset", "Vi gick igenom utlysningarna.")
    assert [item.title for item in moved.agenda.all()] == ["Aktuella utlysningar"]
    assert GroupMember.objects.get(pk=member.pk).unit_id == unit.pk
    assert ContentType.objects.get_for_model(Meeting).pk == content_type.pk
    assert set(
        Permission.objects.filter(content_type_id=content_type.pk).values_list(
            "codename", flat=True
        )
    ) == {"add_meeting", "change_meeting", "delete_meeting", "view_meeting"}
    assert not ContentType.objects.filter(app_label="funding", model="meeting").exists()
    assert task_for(Job.objects.get(pk=job.pk).handler) is not None
