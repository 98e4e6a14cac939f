"""export_all, then import_all into an emptied database, gives back every record and file."""

import datetime
import json

import pytest
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from utblick.backup.scope import backed_up_models
from utblick.backup.services import LosslessEncoder
from utblick.demo.loader import load_demo
from utblick.jobs.models import Job
from utblick.projects.models import Project, ProjectDocument
from utblick.tenancy.models import Municipality


def snapshot():
    """Every backed-up row, as Django serializes it, by model."""
    return {
        model._meta.label_lower: sorted(
            json.dumps(row, sort_keys=True, default=str)
            for row in json.loads(
                serializers.serialize(
                    "json",
                    model._base_manager.order_by("pk"),
                    use_natural_foreign_keys=True,
                    cls=LosslessEncoder,
                )
            )
        )
        for model in backed_up_models()
    }


def empty_database():
    """What a new installation has: nothing (reference data comes back from the archive)."""
    tables = [Job._meta.db_table]  # not backed up, but a new installation has none either
    for model in reversed(backed_up_models()):
        tables.append(model._meta.db_table)
        for m2m in model._meta.local_many_to_many:
            if m2m.remote_field.through._meta.auto_created:
                tables.append(m2m.remote_field.through._meta.db_table)
    # Foreign keys are deferred to the end of the (test) transaction on both databases.
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608


@pytest.fixture
def demo(db, media_root):
    load_demo()
    project = Project.objects.filter(municipality__slug="trollhattan").first()
    ProjectDocument.objects.create(
        project=project,
        title="Avtal",
        file=ContentFile(b"%PDF-1.4 agreement", name="avtal.pdf"),
    )
    return project


def test_round_trip_of_the_demo_keeps_every_record_history_and_file(demo, tmp_path):
    # A time with microseconds below one millisecond: Django's own JSON encoder drops them.
    odd_time = datetime.datetime(2026, 3, 4, 5, 6, 7, 123, tzinfo=datetime.UTC)
    Project.objects.filter(pk=demo.pk).update(updated_at=odd_time)
    before = snapshot()
    stored = ProjectDocument.objects.get(title="Avtal").file.name
    assert sum(len(rows) for rows in before.values()) > 500
    assert before["projects.historicalproject"], "history must travel too"

    archive = tmp_path / "utblick.zip"
    call_command("export_all", str(archive), verbosity=0)
    empty_database()
    default_storage.delete(stored)
    assert not Municipality.objects.exists()

    call_command("import_all", str(archive), verbosity=0)
    after = snapshot()
    for label in before:
        assert after[label] == before[label], f"{label} differs after the round trip"
    with default_storage.open(stored, "rb") as handle:
        assert handle.read() == b"%PDF-1.4 agreement"
    assert Project.objects.get(pk=demo.pk).updated_at == odd_time


def test_restore_refuses_a_database_with_data(demo, tmp_path):
    archive = tmp_path / "utblick.zip"
    call_command("export_all", str(archive), verbosity=0)
    with pytest.raises(CommandError, match="Databasen är inte tom"):
        call_command("import_all", str(archive), verbosity=0)


def test_one_municipality_alone(demo, tmp_path):
    archive = tmp_path / "trollhattan.zip"
    call_command("export_all", str(archive), "--municipality", "trollhattan", verbosity=0)
    trollhattan = set(
        Project.objects.filter(municipality__slug="trollhattan").values_list("pk", flat=True)
    )
    empty_database()
    call_command("import_all", str(archive), verbosity=0)
    assert set(Project.objects.values_list("pk", flat=True)) == trollhattan
    assert Municipality.objects.filter(is_active=True).get().slug == "trollhattan"


def test_one_municipality_keeps_its_links_to_shared_data_and_nothing_of_others(demo, tmp_path):
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from rest_framework.authtoken.models import Token

    from utblick.funding.models import CallMark, ProgrammeRule, ReminderSent
    from utblick.funding.tests.factories import CallFactory, NeedFactory, deadline
    from utblick.newsletter.models import Issue, MailingList
    from utblick.tenancy.models import Role, Unit, User
    from utblick.tenancy.tests.factories import member

    trollhattan = Municipality.objects.get(slug="trollhattan")
    vasteras = Municipality.objects.get(slug="vasteras")
    coordinator = member(trollhattan, Role.COORDINATOR, username="th-backup")
    stranger = member(vasteras, Role.COORDINATOR, username="vs-backup")
    # A shared EU call the municipality uses: marked for a need, in a newsletter, reminded of.
    shared_call = CallFactory(identifier="HORIZON-BACKUP-1", title="Climate adaptation")
    due = deadline(shared_call)
    unit = Unit.objects.filter(municipality=trollhattan).first()
    need = NeedFactory(municipality=trollhattan, unit=unit)
    CallMark.objects.create(need=need, call=shared_call, relevant=True, marked_by=coordinator)
    issue = Issue.objects.create(
        municipality=trollhattan,
        mailing_list=MailingList.objects.create(municipality=trollhattan, name="Nyhetsbrev"),
        subject="November",
    )
    issue.calls.add(shared_call)
    ReminderSent.objects.create(deadline=due, user=coordinator, due=due.due)
    ReminderSent.objects.create(deadline=due, user=stranger, due=due.due)
    # Another municipality's staff: their secrets and their name stay out of this archive.
    Token.objects.create(user=stranger)
    TOTPDevice.objects.create(user=stranger, name="telefon")
    Token.objects.create(user=coordinator)
    rule = ProgrammeRule.objects.first()
    rule._history_user = stranger
    rule.source_url = "https://erasmus-plus.ec.europa.eu/programme-guide"
    rule.save()

    archive = tmp_path / "trollhattan.zip"
    call_command("export_all", str(archive), "--municipality", "trollhattan", verbosity=0)
    empty_database()
    call_command("import_all", str(archive), verbosity=0)

    assert CallMark.objects.get(need__title=need.title).call.identifier == "HORIZON-BACKUP-1"
    assert list(
        Issue.objects.get(subject="November").calls.values_list("identifier", flat=True)
    ) == ["HORIZON-BACKUP-1"]
    assert list(ReminderSent.objects.values_list("user__username", flat=True)) == ["th-backup"]
    assert not User.objects.filter(username="vs-backup").exists()
    assert list(Token.objects.values_list("user__username", flat=True)) == ["th-backup"]
    assert not TOTPDevice.objects.exists()
    changed = ProgrammeRule.history.filter(id=rule.pk).latest("history_date")
    assert changed.source_url == "https://erasmus-plus.ec.europa.eu/programme-guide"
    assert changed.history_user is None


def test_people_outside_the_municipality_travel_without_secrets(demo, tmp_path):
    from utblick.tenancy.models import Invitation, Role, User
    from utblick.tenancy.tests.factories import member

    trollhattan = Municipality.objects.get(slug="trollhattan")
    vasteras = Municipality.objects.get(slug="vasteras")
    insider = member(trollhattan, Role.COORDINATOR, username="th-insider")
    invited = member(vasteras, Role.COORDINATOR, username="vs-invited")
    former = member(vasteras, Role.COORDINATOR, username="vs-former")
    for person, name in ((insider, "Ina"), (invited, "Vera"), (former, "Frida")):
        person.first_name, person.email = name, f"{name.lower()}@example.org"
        person.is_staff = True
        person.set_password("ett-hemligt-lösenord")
        person.last_login = datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)
        person.save()
    Invitation.objects.create(
        user=invited, municipality=trollhattan, role=Role.READER, username="vs-invited"
    )
    # A former member's name stays on what they wrote in Trollhättan.
    Invitation.objects.create(
        user=insider, municipality=trollhattan, role=Role.READER, username="x", invited_by=former
    )

    archive = tmp_path / "trollhattan.zip"
    call_command("export_all", str(archive), "--municipality", "trollhattan", verbosity=0)
    empty_database()
    call_command("import_all", str(archive), verbosity=0)

    insider, invited, former = (
        User.objects.get(username=name) for name in ("th-insider", "vs-invited", "vs-former")
    )
    assert insider.check_password("ett-hemligt-lösenord")
    assert (insider.first_name, insider.email, insider.is_staff) == ("Ina", "ina@example.org", True)
    assert insider.last_login is not None
    for outsider in (invited, former):
        assert not outsider.has_usable_password()
        assert not outsider.is_staff and not outsider.is_superuser
        assert outsider.last_login is None
    assert (former.first_name, former.email) == ("Frida", "frida@example.org")
    assert (invited.first_name, invited.email) == ("", "")
    assert Invitation.objects.get(username="vs-invited").user == invited
