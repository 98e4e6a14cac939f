"""The collaboration group: members, the drafted agenda, minutes, documents and the mail-out."""

import io
import zipfile

from django.core import mail

from utblick.funding.embeddings import embed_calls
from utblick.funding.tests.factories import CallFactory, NeedFactory, deadline
from utblick.jobs.models import Job
from utblick.testing import login

from ..agenda import STANDING_TOPICS
from ..models import GroupMember, Meeting
from .helpers import url


def test_new_meeting_gets_the_standing_topics_filled_with_data(client, home):
    call = CallFactory(
        title="Youth exchanges against racism in grassroots sport",
        description="Sport, youth, inclusion, anti-racism.",
    )
    deadline(call)
    # The calls' vectors, as the background job stores them after an import: the Swedish
    # need finds the English call by meaning, whatever other calls the test world holds.
    embed_calls()
    NeedFactory(
        municipality=home.municipality,
        unit=home.unit,
        title="Idrott mot rasism",
        description="Ungdomsutbyte mot rasism i idrotten.",
    )
    login(client, home.users["coordinator"])
    response = client.post(
        url("isg_meeting_create", home.municipality.slug),
        {"starts_at": "2027-02-10T09:00", "place": "Stadshuset, rum Kajen"},
    )
    meeting = Meeting.objects.filter(municipality=home.municipality).latest("pk")
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    items = list(meeting.agenda.all())
    assert [i.title for i in items] == [title for _key, title in STANDING_TOPICS]
    assert "Youth exchanges against racism" in items[0].notes
    assert "Idrott mot rasism" in items[0].notes and "Idrott mot rasism" in items[4].notes
    assert "Gröna gränsstäder" in items[1].notes  # the ongoing project of the test world


def test_coordinator_edits_agenda_minutes_decisions_and_actions(client, home):
    meeting = home.records["isg_meeting"]
    item = meeting.agenda.get()
    decision = meeting.decisions.get()
    action = meeting.actions.get()
    login(client, home.users["coordinator"])
    data = {
        "starts_at": "2027-02-10T09:00",
        "place": "Stadshuset",
        "minutes": "Vi gick igenom utlysningarna.",
        "agenda-TOTAL_FORMS": "2",
        "agenda-INITIAL_FORMS": "1",
        "agenda-0-id": item.pk,
        "agenda-0-order": "1",
        "agenda-0-title": "Utlysningar",
        "agenda-1-order": "2",
        "agenda-1-title": "Fastiv",
        "decisions-TOTAL_FORMS": "1",
        "decisions-INITIAL_FORMS": "1",
        "decisions-0-id": decision.pk,
        "decisions-0-text": "Vi söker CERV Town-Twinning.",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "1",
        "actions-0-id": action.pk,
        "actions-0-description": "Skriv ansökan",
        "actions-0-owner": "Anna",
        "actions-0-due_date": "2027-03-01",
        "actions-0-done": "on",
    }
    response = client.post(url("isg_meeting_edit", home.municipality.slug, meeting.pk), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == "Vi gick igenom utlysningarna."
    assert [i.title for i in meeting.agenda.all()] == ["Utlysningar", "Fastiv"]
    assert meeting.decisions.get().text == "Vi söker CERV Town-Twinning."
    assert meeting.actions.get().done is True


def test_minutes_as_docx_and_pdf(client, home):
    meeting = home.records["isg_meeting"]
    login(client, home.users["reader"])
    response = client.get(
        url("isg_meeting_document", home.municipality.slug, meeting.pk, "minutes", "docx")
    )
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
        body = docx.read("word/document.xml").decode()
    assert "Aktuella utlysningar" in body and "Vi söker Nordplus." in body
    assert "Skriv ansökan" in body
    response = client.get(
        url("isg_meeting_document", home.municipality.slug, meeting.pk, "agenda", "pdf")
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    bad = url("isg_meeting_document", home.municipality.slug, meeting.pk, "budget", "pdf")
    assert client.get(bad).status_code == 404


def test_agenda_is_mailed_to_the_members_in_the_background(
    client, home, django_capture_on_commit_callbacks
):
    meeting = home.records["isg_meeting"]
    GroupMember.objects.create(
        municipality=home.municipality, unit=home.other_unit, name="Bo", email="bo@example.org"
    )
    login(client, home.users["coordinator"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("isg_meeting_send", home.municipality.slug, meeting.pk), {"kind": "agenda"}
        )
    job = Job.objects.get(handler__endswith="send_meeting_documents_job")
    assert response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.result == {"sent": 2}
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "bo@example.org"]
    names = [a[0] for a in mail.outbox[0].attachments]
    assert names[0].endswith("-agenda.docx") and names[1].endswith("-agenda.pdf")


def test_one_member_per_unit(client, home):
    login(client, home.users["coordinator"])
    response = client.post(
        url("isg_member_create", home.municipality.slug),
        {"unit": home.unit.pk, "name": "Eva", "email": "eva@example.org"},
    )
    assert response.status_code == 400
    assert "This unit already has a representative in the group." in response.content.decode()
    assert GroupMember.objects.filter(municipality=home.municipality).count() == 1
