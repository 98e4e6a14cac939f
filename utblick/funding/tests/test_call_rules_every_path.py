"""The call rules are checked in one place, ``services.call_errors``: the staff pages, the
service's plain data and the import command refuse a call in the same Swedish words."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from utblick.testing import login

from .. import services
from ..models import Call
from ..parsers import BRUSSELS

pytestmark = pytest.mark.django_db

TAKEN = "Kommunen har redan en utlysning med denna identifierare."
NO_DEADLINE = "Ange minst ett sista ansökningsdatum."
GRANTS = "Det största bidraget kan inte vara mindre än det minsta."
DUE = datetime.datetime(2027, 3, 4, 17, 0, tzinfo=BRUSSELS)


def url(name, *args):
    """The Swedish staff page (helpers.url gives the English one)."""
    with translation.override("sv"):
        return reverse(f"staff:{name}", args=args)


def _new_call_page(client, home, **data):
    login(client, home.users["coordinator"])
    fields = {
        "identifier": "EGEN-1",
        "title": "Nordplus Junior 2028",
        "status": "open",
        "currency": "EUR",
        "deadline_date": "2027-03-04",
    }
    return client.post(url("call_create", home.municipality.slug), fields | data)


def test_a_taken_identifier_is_refused_alike_on_the_page_and_in_plain_data(client, home, away):
    taken = home.records["funding_call"].identifier
    page = _new_call_page(client, home, identifier=taken)
    assert page.status_code == 400
    assert page.context["form"].errors["identifier"] == [TAKEN]
    assert TAKEN in page.content.decode()
    with pytest.raises(ValidationError) as refused:
        services.save_call(
            municipality=home.municipality,
            source=Call.Source.MANUAL,
            identifier=taken,
            title="Nordplus Junior 2028",
            deadlines=[{"due": DUE}],
        )
    assert refused.value.message_dict == {"identifier": [TAKEN]}
    # Another municipality's own call does not count, on the page either.
    assert _new_call_page(client, away, identifier=taken).status_code == 302
    assert Call.objects.filter(identifier=taken).count() == 2


def test_the_last_deadline_is_kept_alike_on_the_page_and_in_plain_data(client, home):
    call, row = home.records["funding_call"], home.records["funding_deadline"]
    login(client, home.users["coordinator"])
    page = client.post(
        url("call_edit", home.municipality.slug, call.pk),
        {
            "identifier": call.identifier,
            "title": call.title,
            "status": "open",
            "currency": "EUR",
            "deadline_model": "single-stage",
            "deadlines-TOTAL_FORMS": "1",
            "deadlines-INITIAL_FORMS": "1",
            "deadlines-MIN_NUM_FORMS": "1",
            "deadlines-MAX_NUM_FORMS": "1000",
            "deadlines-0-id": row.pk,
            "deadlines-0-call": call.pk,
            "deadlines-0-due_date": "2027-02-01",
            "deadlines-0-DELETE": "on",
        },
    )
    assert page.status_code == 400
    assert page.context["formsets"][0].non_form_errors() == [NO_DEADLINE]
    assert NO_DEADLINE in page.content.decode()
    with pytest.raises(ValidationError) as refused:
        services.save_call(call=call, user=home.users["coordinator"], deadlines=[])
    assert refused.value.message_dict == {"deadlines": [NO_DEADLINE]}
    assert call.deadlines.get() == row


def test_the_grant_range_is_refused_alike_by_the_page_and_the_import_command(
    client, home, tmp_path, capsys
):
    page = _new_call_page(client, home, budget_min="5000", budget_max="100")
    assert page.status_code == 400
    assert page.context["form"].errors["budget_max"] == [GRANTS]
    topics = tmp_path / "topics.json"
    topics.write_text(
        '{"topicId": "EU-1", "title": "Ungdomsutbyte", "callStatus": "open", '
        '"deadline": "2027-03-04", "budgetMin": 5000, "budgetMax": 100}',
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        call_command("import_calls", str(topics), "--no-embeddings", verbosity=0)
    assert f"EU-1: {GRANTS}" in capsys.readouterr().err
    assert not Call.objects.filter(identifier__in=["EGEN-1", "EU-1"]).exists()
