import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation

from utblick.jobs.models import Job
from utblick.testing import login

from ..models import Call, CallDeadline
from ..parsers import BRUSSELS, STOCKHOLM
from .conftest import EU_CUT, VINNOVA
from .helpers import url


@pytest.fixture(autouse=True)
def english():
    """These tests read messages of commands and jobs, which speak the active language."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db


def shared():
    return Call.objects.filter(municipality__isnull=True)


def snapshot():
    return {
        c.identifier: (c.updated_at, c.content_hash, c.vanished_at, c.status) for c in shared()
    } | {f"d{d.pk}": (d.due, d.sequence) for d in CallDeadline.objects.all()}


def test_import_reads_the_real_topic_format(eu_calls):
    assert shared().count() == 24
    town = Call.objects.get(identifier="CERV-2026-CITIZENS-TOWN-TT")
    assert town.programme.name_en == "CERV"
    assert town.status == Call.Status.OPEN
    due = town.deadlines.get().due.astimezone(BRUSSELS)
    assert (due.date(), due.hour, due.minute) == (datetime.date(2026, 9, 23), 17, 0)
    renovation = Call.objects.get(identifier="LIFE-2026-CET-BETTERRENO")
    assert "â€" not in renovation.title and "–" in renovation.title  # mojibake repaired
    assert renovation.embedding is not None and len(renovation.vector) == 384


def test_reimport_changes_nothing(eu_calls, capsys):
    before = snapshot()
    call_command("import_calls", str(EU_CUT), verbosity=1)
    assert "0 new, 0 updated, 24 unchanged, 0 marked as vanished" in capsys.readouterr().out
    assert snapshot() == before


def test_changed_calls_update_and_vanished_ones_are_marked(eu_calls, tmp_path):
    records = [json.loads(line) for line in _records(EU_CUT)]
    records[0]["deadline"] = "2026-12-01"
    records[1]["title"] = "A new title"
    changed = tmp_path / "changed.json"
    changed.write_text("".join(json.dumps(r) for r in records[:-1]), encoding="utf-8")
    deadline = Call.objects.get(identifier=records[0]["topicId"]).deadlines.get()
    call_command("import_calls", str(changed), verbosity=0)
    deadline.refresh_from_db()
    assert deadline.sequence == 1
    assert deadline.due.astimezone(BRUSSELS).date() == datetime.date(2026, 12, 1)
    assert Call.objects.get(identifier=records[1]["topicId"]).title == "A new title"
    vanished = Call.objects.get(identifier=records[-1]["topicId"])
    assert vanished.vanished_at is not None
    assert shared().filter(vanished_at__isnull=True).count() == 23


def _records(path):
    """The concatenated objects of a topic file, one JSON text each."""
    text = path.read_text(encoding="utf-8-sig")
    decoder, offset, out = json.JSONDecoder(), 0, []
    while offset < len(text):
        record, end = decoder.raw_decode(text, offset)
        out.append(text[offset:end])
        offset = end
    return out


def test_corrupted_file_changes_nothing_and_names_the_position(eu_calls, tmp_path, capsys):
    before = snapshot()
    records = _records(EU_CUT)
    broken = tmp_path / "broken.json"
    text = "".join(records[:5]).replace('"LIFE-2026-CET-HEATCOOLPLAN"', '"CHANGED"')
    broken.write_text(text + records[5][:200], encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_calls", str(broken), verbosity=0)
    err = capsys.readouterr().err
    assert "Record 6: broken JSON at line 1, column" in err
    assert snapshot() == before
    assert not Call.objects.filter(identifier="CHANGED").exists()


def test_missing_fields_are_reported_per_record(db, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"topicId": "A-1", "title": "Ok", "callStatus": "open", "deadline": "2026-10-01"}\n'
        '{"topicId": "A-2", "title": "No deadline", "callStatus": "open"}\n'
        '{"topicId": "A-3", "title": "Bad date", "callStatus": "open", "deadline": "1 Oct"}',
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        call_command("import_calls", str(bad), verbosity=0)
    err = capsys.readouterr().err
    assert "line 2: Record 2 (A-2): missing deadline." in err
    assert "line 3: Record 3 (A-3): deadline “1 Oct” is not a date" in err
    assert not Call.objects.exists()


def test_vinnova_calls_with_application_rounds_in_swedish_time(db):
    call_command("import_calls", str(VINNOVA), "--no-embeddings", verbosity=0)
    call = Call.objects.get(identifier="VINNOVA-2026-01210")
    assert call.source == Call.Source.VINNOVA and call.language == "sv"
    assert call.programme.name == "Vinnova"
    dues = [d.due.astimezone(STOCKHOLM) for d in call.deadlines.all()]
    assert [(d.date(), d.hour) for d in dues] == [
        (datetime.date(2027, 2, 4), 14),
        (datetime.date(2027, 9, 16), 14),
    ]
    assert call.deadline_model == Call.DeadlineModel.MULTIPLE
    assert Call.objects.get(identifier="VINNOVA-2026-01388").status == Call.Status.FORTHCOMING


def test_staff_import_runs_in_the_queue(
    client, home, media_root, django_capture_on_commit_callbacks
):
    login(client, home.users["superuser"])
    upload = SimpleUploadedFile("calls.json", VINNOVA.read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("call_import", home.municipality.slug), {"file": upload})
    job = Job.objects.filter(handler__endswith="import_calls_job").get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.errors
    assert job.result["created"] == 2
    embed = Job.objects.get(handler__endswith="embed_calls_job")
    assert embed.status == Job.Status.SUCCEEDED
    assert Call.objects.get(identifier="VINNOVA-2026-01388").embedding is not None


def test_staff_import_of_a_bad_file_fails_with_the_position(
    client, home, media_root, django_capture_on_commit_callbacks
):
    login(client, home.users["superuser"])
    upload = SimpleUploadedFile("calls.json", b'[{"Diarienummer": "1", "Titel": "x"},\n{oops}]')
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("call_import", home.municipality.slug), {"file": upload})
    job = Job.objects.get(handler__endswith="import_calls_job")
    assert job.status == Job.Status.FAILED
    assert job.errors[0]["line"] == 2
    assert not Call.objects.filter(source=Call.Source.VINNOVA).exists()


def test_only_web_links_are_kept(db, tmp_path):
    path = tmp_path / "links.json"
    path.write_text(
        '{"topicId": "L-1", "title": "Ok", "callStatus": "open", "deadline": "2026-10-01",'
        ' "portalUrl": "javascript:alert(1)"}',
        encoding="utf-8",
    )
    call_command("import_calls", str(path), "--no-embeddings", verbosity=0)
    assert Call.objects.get(identifier="L-1").url == ""
