"""A month of real use, then export_all and import_all into a fresh installation: every
table is equal, every upload byte-equal, and a municipality's archive holds its audit log.

A fresh installation is what `migrate` leaves: no rows but the reference data that the
migrations load (counties and municipalities, funders and goals, programme rules).
"""

import datetime
import hashlib
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import connection
from django.urls import reverse

from utblick.backup.scope import backed_up_models
from utblick.backup.tests.test_round_trip import snapshot
from utblick.funding import services as funding_services
from utblick.funding.models import Call
from utblick.funding.tests.factories import NeedFactory
from utblick.isg import services as isg_services
from utblick.isg.models import GroupMember
from utblick.jobs.models import Job
from utblick.jobs.services import execute_job
from utblick.newsletter import services as newsletter_services
from utblick.newsletter.models import Delivery, Issue, Subscriber
from utblick.newsletter.tests.conftest import smtp_server  # noqa: F401 (a fixture)
from utblick.newsletter.tests.factories import IssueFactory, MailingListFactory, subscribe_active
from utblick.projects.models import Project, ProjectDocument
from utblick.projects.services import record_status
from utblick.security.models import AuditEvent
from utblick.strategy.forms import EntryForm
from utblick.strategy.services import add_entry
from utblick.tenancy.models import Municipality
from utblick.testing import login

EU_CALLS = "utblick/funding/data/eu-topics-cut.json"


def fresh_installation():
    """Empty every table, then load the reference data the way the migrations do."""
    from django.apps import apps

    from utblick.funding.rules_data import load_rules
    from utblick.projects.reference import load_reference_data as load_funders
    from utblick.tenancy.reference import load_reference_data as load_municipalities

    tables = []
    for model in reversed(backed_up_models()):
        tables.append(model._meta.db_table)
        for m2m in model._meta.local_many_to_many:
            if m2m.remote_field.through._meta.auto_created:
                tables.append(m2m.remote_field.through._meta.db_table)
    # As `manage.py flush` empties them: ids start again at 1, as in a new database.
    flush = connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Check the test's pending rows now: TRUNCATE refuses pending deferred checks.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for statement in flush:
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    get = apps.get_model
    load_municipalities(get("tenancy", "County"), get("tenancy", "Municipality"))
    load_funders(get("projects", "FunderProgramme"), get("projects", "SustainableDevelopmentGoal"))
    load_rules(get("projects", "FunderProgramme"), get("funding", "ProgrammeRule"))


def stored_files():
    """Every uploaded file a row refers to, with its bytes."""
    files = {}
    for model in backed_up_models():
        fields = [f.attname for f in model._meta.concrete_fields if hasattr(f, "upload_to")]
        for field in fields:
            for name in model._base_manager.exclude(**{field: ""}).values_list(field, flat=True):
                with default_storage.open(name, "rb") as handle:
                    files[name] = handle.read()
    return files


@pytest.fixture
def month(media_root, client, home, away, smtp_server, django_capture_on_commit_callbacks):  # noqa: F811
    """Trollhättan's month, through the services and the staff pages."""
    coordinator, rep = home.users["coordinator"], home.users["rep"]
    for user in (coordinator, rep, home.users["reader"], away.users["coordinator"]):
        login(client, user)  # sign-ins go to the audit log
    # A project moves from idea through submission to granted, with an agreement.
    project = home.records["internal_project"]
    for status in (Project.Status.PREPARATION, Project.Status.SUBMITTED, Project.Status.GRANTED):
        project.status = status
        project.save()
        record_status(project=project, user=coordinator)
    ProjectDocument.objects.create(
        project=project, title="Avtal", file=ContentFile(b"%PDF-1.4 avtal", name="avtal.pdf")
    )
    # A follow-up of the action plan, with an attachment.
    activity = home.records["activity"]
    form = EntryForm(
        data={"date": "2026-11-03", "text_sv": "Workshop med partner", "status": "done"},
        files={"attachment": SimpleUploadedFile("protokoll.txt", b"Protokoll\n")},
    )
    assert form.is_valid(), form.errors
    add_entry(form=form, activity=activity, user=rep)
    # The EU calls are imported; a need is matched to one of them.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_calls", EU_CALLS, verbosity=0)
    call = Call.objects.filter(municipality=None).order_by("pk").first()
    need = NeedFactory(municipality=home.municipality, unit=home.unit, title="Klimatanpassning")
    funding_services.mark_call(need=need, call=call, relevant=True, user=coordinator)
    # The collaboration group meets: the agenda is mailed to its members.
    GroupMember.objects.create(
        municipality=home.municipality, unit=home.other_unit, name="Bo", email="bo@example.org"
    )
    job = isg_services.send_meeting_documents(
        meeting=home.records["isg_meeting"], kind="agenda", user=coordinator
    )
    execute_job(job_id=job.pk)
    # A newsletter goes out; one address is refused by the receiving server.
    mailing_list = MailingListFactory(municipality=home.municipality, name="Internationellt")
    people = [subscribe_active(mailing_list, email=f"p{n}@example.org") for n in range(3)]
    smtp_server.recorder.refuse["p1@example.org"] = "550 5.1.1 No such user"
    issue = IssueFactory(
        municipality=home.municipality, mailing_list=mailing_list, created_by=coordinator
    )
    job = newsletter_services.start_sending(issue=issue, user=coordinator)
    execute_job(job_id=job.pk)
    # Someone asks to be forgotten.
    login(client, coordinator)
    erase = reverse(
        "staff:newsletter_subscriber_erase", args=[home.municipality.slug, people[2].pk]
    )
    assert client.post(erase).status_code == 302
    return issue


def test_the_month_is_what_it_should_be(month):
    issue = Issue.objects.get(pk=month.pk)
    assert issue.status == Issue.Status.SENT and issue.job_id
    assert Delivery.objects.filter(issue=issue, status="failed").count() == 1
    assert not Subscriber.objects.filter(email="p2@example.org").exists()
    assert Job.objects.filter(status=Job.Status.SUCCEEDED).count() == 2  # agenda, newsletter
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.SIGN_IN).count() >= 4


def test_full_archive_restores_every_table_and_file(month, tmp_path):
    before, files = snapshot(), stored_files()
    assert len(files) >= 2
    archive = tmp_path / "utblick.zip"
    call_command("export_all", str(archive), verbosity=0)
    fresh_installation()
    for name in files:
        default_storage.delete(name)

    call_command("import_all", str(archive), verbosity=0)

    after = snapshot()
    assert [label for label in before if after[label] != before[label]] == []
    assert stored_files() == files
    assert Issue.objects.get(pk=month.pk).job.status == Job.Status.SUCCEEDED


def test_one_municipalitys_archive_holds_its_data_and_its_audit_log(month, home, away, tmp_path):
    members = set(home.municipality.memberships.values_list("user__username", flat=True))
    signed_in = set(
        AuditEvent.objects.filter(
            kind=AuditEvent.Kind.SIGN_IN, user__username__in=members
        ).values_list("pk", flat=True)
    )
    assert signed_in
    stranger = away.users["coordinator"].username
    projects = set(
        Project.objects.filter(municipality=home.municipality).values_list("pk", flat=True)
    )
    own = f"m{home.municipality.pk}/"  # its own uploads are stored under its number
    files = stored_files()
    archive = tmp_path / "trollhattan.zip"
    call_command("export_all", str(archive), "--municipality", home.municipality.slug, verbosity=0)
    fresh_installation()
    for name in files:
        default_storage.delete(name)

    call_command("import_all", str(archive), verbosity=0)

    assert set(Project.objects.values_list("pk", flat=True)) == projects
    # The installation keeps every other municipality as reference data, inactive.
    assert Municipality.objects.count() == 290
    assert Municipality.objects.filter(is_active=True).get() == home.municipality
    restored = set(AuditEvent.objects.values_list("pk", flat=True))
    assert signed_in <= restored
    assert not AuditEvent.objects.filter(username=stranger).exists()
    assert Issue.objects.get(pk=month.pk).job.status == Job.Status.SUCCEEDED
    restored = stored_files()  # every file a restored row refers to, byte-equal
    assert {name: files[name] for name in restored} == restored
    assert {name for name in files if name.startswith(own)} <= set(restored)


def test_restore_refuses_a_database_with_data_before_writing(month, tmp_path):
    archive = tmp_path / "utblick.zip"
    call_command("export_all", str(archive), verbosity=0)
    before = snapshot()
    with pytest.raises(CommandError, match="Databasen är inte tom"):
        call_command("import_all", str(archive), verbosity=0)
    assert snapshot() == before


def rewrite(archive, target, change):
    """Copy ``archive`` to ``target``, passing each member's bytes through ``change``."""
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            out.writestr(info.filename, change(info.filename, source.read(info.filename)))


def damage(archive, target, kind):
    """A copy of ``archive`` at ``target``, damaged in one way."""
    if kind == "truncated":
        target.write_bytes(archive.read_bytes()[:-2000])
    elif kind == "altered row":
        rewrite(
            archive, target, lambda n, b: b.replace(b"Avtal", b"Falsk") if "document" in n else b
        )
    elif kind == "altered file":
        rewrite(archive, target, lambda n, b: b"falsk" if n.startswith("media/") else b)
    elif kind == "missing member":
        with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as out:
            for info in source.infolist():
                if info.filename != "data/projects.project.jsonl":
                    out.writestr(info.filename, source.read(info.filename))
    else:
        rewrite(archive, target, lambda n, b: b)
        with zipfile.ZipFile(target, "a") as out:
            out.writestr("data/tenancy.user.extra.jsonl", b"{}")
    return target


def test_a_damaged_archive_is_refused_before_anything_is_written(home, media_root, tmp_path):
    stored = ProjectDocument.objects.create(
        project=home.records["project"], title="Avtal", file=ContentFile(b"avtal", name="a.pdf")
    ).file.name
    archive = tmp_path / "utblick.zip"
    call_command("export_all", str(archive), verbosity=0)
    default_storage.delete(stored)
    fresh_installation()
    before = snapshot()
    for kind, message in [
        ("truncated", "kan inte öppnas"),
        ("altered row", "stämmer inte med sin kontrollsumma"),
        ("altered file", "stämmer inte med sin kontrollsumma"),
        ("missing member", "ofullständigt eller ändrat"),
        ("added member", "ofullständigt eller ändrat"),
    ]:
        damaged = damage(archive, tmp_path / f"{kind}.zip", kind)
        with pytest.raises(CommandError, match=message):
            call_command("import_all", str(damaged), verbosity=0)
        assert snapshot() == before, kind
        assert not default_storage.exists(stored), kind
    call_command("import_all", str(archive), verbosity=0)  # the undamaged one is fine
    assert default_storage.exists(stored)


def test_the_manifest_holds_a_checksum_of_every_member(home, tmp_path):
    archive = tmp_path / "utblick.zip"
    manifest = None
    call_command("export_all", str(archive), verbosity=0)
    with zipfile.ZipFile(archive) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
        members = set(zipped.namelist()) - {"manifest.json"}
        assert set(manifest["sha256"]) == members
        for name in members:
            assert manifest["sha256"][name] == hashlib.sha256(zipped.read(name)).hexdigest()
    assert datetime.datetime.fromisoformat(manifest["created"])
