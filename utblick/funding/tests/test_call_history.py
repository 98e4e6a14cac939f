"""The history of manual calls: every staff edit of a call and its deadlines is recorded with
who made it and shown on the call's page; imported calls are the source's and have none."""

import json
import zipfile

from django.core.management import call_command

from utblick.testing import login

from ..models import Call, CallDeadline
from ..parsers import BRUSSELS, parse
from .conftest import EU_CUT
from .helpers import url


def _edit(client, side, call, deadlines, **fields):
    """POST the staff edit form of ``call``: ``deadlines`` are (pk or None, date, time,
    label, delete) rows of the deadline formset."""
    data = {
        name: "" if getattr(call, name) is None else getattr(call, name)
        for name in (
            "identifier",
            "title",
            "action_type",
            "status",
            "opening_date",
            "budget_min",
            "budget_max",
            "currency",
            "description",
            "url",
            "deadline_model",
            "keywords",
        )
    }
    data.update(
        {
            "programme": call.programme_id or "",
            "deadlines-TOTAL_FORMS": str(len(deadlines)),
            "deadlines-INITIAL_FORMS": str(sum(1 for row in deadlines if row[0])),
            "deadlines-MIN_NUM_FORMS": "1",
            "deadlines-MAX_NUM_FORMS": "1000",
        }
    )
    for index, (pk, day, time, label, delete) in enumerate(deadlines):
        prefix = f"deadlines-{index}-"
        data.update(
            {
                f"{prefix}id": pk or "",
                f"{prefix}call": call.pk,
                f"{prefix}due_date": day,
                f"{prefix}due_time": time,
                f"{prefix}label": label,
            }
        )
        if delete:
            data[f"{prefix}DELETE"] = "on"
    data.update(fields)
    response = client.post(url("call_edit", side.municipality.slug, call.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def _brussels(due):
    return f"{due.astimezone(BRUSSELS):%Y-%m-%d %H:%M}"


def test_coordinator_edits_a_manual_call_and_its_page_lists_the_changes(client, home):
    call = home.records["funding_call"]
    row = home.records["funding_deadline"]
    coordinator = home.users["coordinator"]
    first_due = _brussels(row.due)
    login(client, coordinator)
    _edit(
        client,
        home,
        call,
        [
            (row.pk, "2027-02-01", "", "", False),
            (None, "2027-09-15", "12:00", "Andra omgången", False),
        ],
        title="Nordplus Junior 2028",
        status="forthcoming",
    )
    added = CallDeadline.objects.get(call=call, label="Andra omgången")

    login(client, home.users["reader"])  # (the page header names whoever is signed in)
    page = client.get(url("call_detail", home.municipality.slug, call.pk))
    assert page.status_code == 200
    history = page.context["history"]
    edit = next(e for e in history if e["record"].instance_type is Call and e["type"] == "~")
    assert edit["record"].history_user == coordinator
    assert {(c["field"], c["old"], c["new"]) for c in edit["changes"]} == {
        ("title", "Nordplus Junior 2027", "Nordplus Junior 2028"),
        ("status", "Open", "Forthcoming"),
    }
    moves = {
        (c["old"], c["new"]): e["record"].history_user
        for e in history
        if e["record"].instance_type is CallDeadline
        for c in e["changes"]
    }
    assert moves == {
        ("", first_due): None,  # the world's call was made without a user: "system"
        (first_due, "2027-02-01 17:00"): coordinator,
        ("", "2027-09-15 12:00 (Andra omgången)"): coordinator,
    }
    body = page.content.decode()
    assert "Change history" in body and str(coordinator) in body
    assert "Title: Nordplus Junior 2027 → Nordplus Junior 2028" in body
    assert f"Deadline: {first_due} → 2027-02-01 17:00" in body
    assert "Deadline: – → 2027-09-15 12:00 (Andra omgången)" in body

    # Deleting a deadline is in the history too.
    call.refresh_from_db()
    login(client, coordinator)
    _edit(
        client,
        home,
        call,
        [
            (row.pk, "2027-02-01", "17:00", "", False),
            (added.pk, "2027-09-15", "12:00", "Andra omgången", True),
        ],
    )
    login(client, home.users["reader"])
    body = client.get(url("call_detail", home.municipality.slug, call.pk)).content.decode()
    assert "Deadline: 2027-09-15 12:00 (Andra omgången) → –" in body
    assert "Saved without changes" not in body  # the call itself was saved as it was
    assert not CallDeadline.objects.filter(pk=added.pk).exists()


def test_a_new_manual_call_records_who_entered_it(client, home):
    coordinator = home.users["coordinator"]
    login(client, coordinator)
    response = client.post(
        url("call_create", home.municipality.slug),
        {
            "identifier": "NORDPLUS-HISTORY-1",
            "title": "Nordplus Vuxen 2027",
            "status": "open",
            "currency": "EUR",
            "deadline_date": "2027-03-01",
            "deadline_time": "",
        },
    )
    assert response.status_code == 302
    call = Call.objects.get(identifier="NORDPLUS-HISTORY-1")
    login(client, home.users["reader"])  # (the page header names whoever is signed in)
    page = client.get(response["Location"])
    history = page.context["history"]
    assert [(e["type"], e["record"].history_user) for e in history] == [
        ("~", coordinator),  # the first deadline
        ("+", coordinator),
    ]
    assert history[0]["changes"][0]["new"] == "2027-03-01 17:00"
    body = page.content.decode()
    assert "Created" in body and str(coordinator) in body
    assert call.municipality == home.municipality


def test_another_municipalitys_call_history_stays_there(client, home, away):
    theirs = away.records["funding_call"]
    login(client, away.users["coordinator"])
    _edit(
        client,
        away,
        theirs,
        [(away.records["funding_deadline"].pk, "2027-05-05", "", "", False)],
        title="Motalas hemliga utlysning",
    )
    there = url("call_detail", away.municipality.slug, theirs.pk)
    assert "Motalas hemliga utlysning" in client.get(there).content.decode()
    login(client, home.users["coordinator"])
    assert client.get(url("call_detail", home.municipality.slug, theirs.pk)).status_code == 404
    assert client.get(there).status_code == 403
    own = client.get(url("call_detail", home.municipality.slug, home.records["funding_call"].pk))
    assert own.status_code == 200
    assert "Motalas hemliga utlysning" not in own.content.decode()
    assert str(away.users["coordinator"]) not in own.content.decode()


def _archive_rows(path, label):
    with zipfile.ZipFile(path) as archive:
        lines = archive.read(f"data/{label}.jsonl").decode().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_a_municipality_backup_takes_its_own_call_history_only(
    client, home, away, tmp_path, media_root
):
    """Even the history of another municipality's deleted call stays out (its deadlines'
    history rows no longer reach a municipality through the call)."""
    theirs = away.records["funding_call"]
    login(client, away.users["coordinator"])
    _edit(
        client,
        away,
        theirs,
        [(away.records["funding_deadline"].pk, "2027-05-05", "", "Motala", False)],
    )
    gone = theirs.pk
    theirs.delete()  # as a superuser in the admin, or with the municipality
    login(client, home.users["coordinator"])
    ours = home.records["funding_call"]
    _edit(client, home, ours, [(home.records["funding_deadline"].pk, "2027-02-01", "", "", False)])

    archive = tmp_path / "home.zip"
    call_command("export_all", str(archive), "--municipality", home.municipality.slug, verbosity=0)
    own_calls = set(
        Call.objects.filter(municipality=home.municipality).values_list("pk", flat=True)
    )
    calls = _archive_rows(archive, "funding.historicalcall")
    deadlines = _archive_rows(archive, "funding.historicalcalldeadline")
    assert ours.pk in {row["fields"]["id"] for row in calls}
    assert ours.pk in {row["fields"]["call"] for row in deadlines}
    assert {row["fields"]["call"] for row in deadlines} <= own_calls
    assert {row["fields"]["id"] for row in calls} <= own_calls
    assert gone not in {row["fields"]["call"] for row in deadlines}
    assert not [row for row in deadlines if row["fields"]["label"] == "Motala"]


def test_imports_write_no_history_and_stay_idempotent(eu_calls, client, home, tmp_path, capsys):
    _source, parsed = parse(EU_CUT.read_bytes())
    identifiers = [c.identifier for c in parsed]
    text = EU_CUT.read_text(encoding="utf-8")
    for old, new in (
        ('"title": "Call Town Twinning 2026"', '"title": "Call Town Twinning 2026 (changed)"'),
        ('"deadline": "2026-03-17"', '"deadline": "2026-03-18"'),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    changed = tmp_path / "changed.json"
    changed.write_text(text, encoding="utf-8")
    call_command("import_calls", str(changed), verbosity=1)
    assert "0 nya, 2 uppdaterade, 22 oförändrade" in capsys.readouterr().out
    call_command("import_calls", str(changed), verbosity=1)
    assert "0 nya, 0 uppdaterade, 24 oförändrade" in capsys.readouterr().out
    pks = list(Call.objects.filter(identifier__in=identifiers).values_list("pk", flat=True))
    assert len(pks) == 24
    assert not Call.history.filter(id__in=pks).exists()
    assert not CallDeadline.history.filter(call_id__in=pks).exists()
    login(client, home.users["reader"])
    town = Call.objects.get(title="Call Town Twinning 2026 (changed)")
    page = client.get(url("call_detail", home.municipality.slug, town.pk))
    assert page.status_code == 200 and "Change history" not in page.content.decode()
