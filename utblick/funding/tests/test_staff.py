"""Staff pages added for the radar: editing manual calls, the call list filter, and the
shared terms that matching ranks with."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from utblick.projects.models import FunderProgramme
from utblick.testing import login

from ..matching import rank
from ..models import Call, CallDeadline, CallMark, Watch
from ..parsers import BRUSSELS
from .factories import CallFactory, NeedFactory, deadline
from .helpers import url

# Manual calls


def _call_data(call, **extra):
    data = {
        "identifier": call.identifier,
        "title": "Nordplus Junior 2028",
        "status": "open",
        "currency": "EUR",
        "deadline_model": "single-stage",
        "deadlines-TOTAL_FORMS": "2",
        "deadlines-INITIAL_FORMS": "1",
        "deadlines-MIN_NUM_FORMS": "1",
        "deadlines-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_coordinator_edits_a_manual_call_and_moves_its_deadline(client, home):
    call = home.records["funding_call"]
    row = home.records["funding_deadline"]
    login(client, home.users["coordinator"])
    detail = client.get(url("call_detail", home.municipality.slug, call.pk)).content.decode()
    assert url("call_edit", home.municipality.slug, call.pk) in detail
    form = client.get(url("call_edit", home.municipality.slug, call.pk))
    assert form.status_code == 200
    response = client.post(
        url("call_edit", home.municipality.slug, call.pk),
        _call_data(
            call,
            **{
                "deadlines-0-id": row.pk,
                "deadlines-0-call": call.pk,
                "deadlines-0-due_date": "2027-02-01",
                "deadlines-0-due_time": "",
                "deadlines-0-label": "",
                "deadlines-1-due_date": "2027-09-15",
                "deadlines-1-due_time": "12:00",
                "deadlines-1-label": "Andra omgången",
            },
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    call.refresh_from_db()
    assert call.title == "Nordplus Junior 2028"
    first, second = CallDeadline.objects.filter(call=call).order_by("due")
    assert first.pk == row.pk and first.sequence == 1
    assert first.due == datetime.datetime(2027, 2, 1, 17, 0, tzinfo=BRUSSELS)
    assert second.due == datetime.datetime(2027, 9, 15, 12, 0, tzinfo=BRUSSELS)
    assert (second.label, second.sequence) == ("Andra omgången", 0)


def test_an_unchanged_deadline_keeps_its_sequence(client, home):
    call = home.records["funding_call"]
    row = home.records["funding_deadline"]
    local = row.due.astimezone(BRUSSELS)
    login(client, home.users["coordinator"])
    response = client.post(
        url("call_edit", home.municipality.slug, call.pk),
        _call_data(
            call,
            **{
                "deadlines-TOTAL_FORMS": "1",
                "deadlines-0-id": row.pk,
                "deadlines-0-call": call.pk,
                "deadlines-0-due_date": local.date().isoformat(),
                "deadlines-0-due_time": local.strftime("%H:%M"),
                "deadlines-0-label": "",
            },
        ),
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.sequence == 0


def test_a_manual_call_keeps_at_least_one_deadline(client, home):
    call = home.records["funding_call"]
    row = home.records["funding_deadline"]
    login(client, home.users["coordinator"])
    response = client.post(
        url("call_edit", home.municipality.slug, call.pk),
        _call_data(
            call,
            **{
                "deadlines-TOTAL_FORMS": "1",
                "deadlines-0-id": row.pk,
                "deadlines-0-call": call.pk,
                "deadlines-0-due_date": "2027-02-01",
                "deadlines-0-DELETE": "on",
            },
        ),
    )
    assert response.status_code == 400
    assert CallDeadline.objects.filter(pk=row.pk).exists()
    call.refresh_from_db()
    assert call.title == "Nordplus Junior 2027"


def test_imported_calls_are_not_edited_by_staff(client, home):
    shared = CallFactory()
    login(client, home.users["coordinator"])
    assert client.get(url("call_edit", home.municipality.slug, shared.pk)).status_code == 404
    detail = client.get(url("call_detail", home.municipality.slug, shared.pk)).content.decode()
    assert "/edit/" not in detail


# The call list filter


@pytest.fixture
def listed(home):
    life = FunderProgramme.objects.get_or_create(name="LIFE")[0]
    early = CallFactory(identifier="LIFE-EARLY", title="Energy in schools", programme=life)
    early.deadlines.create(due=datetime.datetime(2027, 3, 10, 17, tzinfo=BRUSSELS))
    late = CallFactory(
        identifier="CERV-LATE", title="Town twinning", status=Call.Status.FORTHCOMING
    )
    late.deadlines.create(due=datetime.datetime(2027, 6, 10, 17, tzinfo=BRUSSELS))
    closed = CallFactory(identifier="OLD-CLOSED", title="Closed call", status=Call.Status.CLOSED)
    closed.deadlines.create(due=datetime.datetime(2025, 1, 10, 17, tzinfo=BRUSSELS))
    return {"life": life, "early": early, "late": late, "closed": closed}


def _listed(client, home, **params):
    """The identifiers listed, among this test's calls and the world's manual call (other
    apps' sample records may add calls of their own)."""
    response = client.get(url("call_list", home.municipality.slug), params)
    assert response.status_code == 200
    ours = {"LIFE-EARLY", "CERV-LATE", "OLD-CLOSED", home.records["funding_call"].identifier}
    return {c.identifier for c in response.context["object_list"]} & ours


def test_call_list_filters(client, home, listed):
    login(client, home.users["rep"])
    everything = _listed(client, home)
    assert {"LIFE-EARLY", "CERV-LATE", "OLD-CLOSED"} <= everything
    assert _listed(client, home, status="forthcoming") == {"CERV-LATE"}
    assert _listed(client, home, programme=listed["life"].pk) == {"LIFE-EARLY"}
    assert _listed(client, home, q="twinning") == {"CERV-LATE"}
    window = _listed(client, home, deadline_from="2027-03-10", deadline_to="2027-06-09")
    assert window - {home.records["funding_call"].identifier} == {"LIFE-EARLY"}
    assert "CERV-LATE" in _listed(client, home, deadline_from="2027-06-10")
    assert "LIFE-EARLY" not in _listed(client, home, deadline_from="2027-03-11")


def test_call_list_filters_on_watch_lists_and_marks(client, home, listed):
    need = home.records["funding_need"]
    Watch.objects.create(
        municipality=home.municipality, call=listed["early"], user=home.users["rep"]
    )
    Watch.objects.create(municipality=home.municipality, call=listed["late"], unit=home.unit)
    CallMark.objects.create(need=need, call=listed["late"], relevant=True)
    CallMark.objects.create(need=need, call=listed["closed"], relevant=False)
    login(client, home.users["rep"])
    assert _listed(client, home, watched="me") == {"LIFE-EARLY"}
    assert _listed(client, home, watched="1") == {"LIFE-EARLY"}  # the old address still works
    assert _listed(client, home, watched="unit") == {
        "CERV-LATE",
        home.records["funding_call"].identifier,
    }
    assert _listed(client, home, matched="relevant") == {"CERV-LATE"}
    assert _listed(client, home, matched="assessed") == {"CERV-LATE", "OLD-CLOSED"}
    login(client, home.users["reader"])  # no unit: nothing is on "my unit's" list
    assert _listed(client, home, watched="unit") == set()


def test_call_list_filter_rejects_a_bad_date(client, home):
    login(client, home.users["reader"])
    response = client.get(url("call_list", home.municipality.slug), {"deadline_from": "soon"})
    assert response.status_code == 200
    assert response.context["filter"].errors


def _fill_calls(count):
    existing = Call.objects.filter(identifier__startswith="FILL-").count()
    for n in range(existing, count):
        call = CallFactory(identifier=f"FILL-{n:04d}", title=f"Fill {n}")
        deadline(call, days=n + 1)
        deadline(call, days=n + 60)


@pytest.mark.parametrize("filtered", [False, True])
def test_call_list_query_count_is_constant_from_10_to_100_rows(
    client, home, django_assert_num_queries, filtered
):
    params = {}
    if filtered:
        params = {"status": "open", "q": "fill", "deadline_from": "2000-01-01", "watched": "any"}
    login(client, home.users["coordinator"])
    target = url("call_list", home.municipality.slug)
    _fill_calls(10)
    for call in Call.objects.all():
        Watch.objects.get_or_create(municipality=home.municipality, call=call, unit=home.unit)
    client.get(target, params)
    with CaptureQueriesContext(connection) as at_10:
        response = client.get(target, params)
    assert len(response.context["object_list"]) >= 8
    _fill_calls(100)
    for call in Call.objects.all():
        Watch.objects.get_or_create(municipality=home.municipality, call=call, unit=home.unit)
    with django_assert_num_queries(len(at_10)):
        response = client.get(target, params)
    assert len(response.context["object_list"]) == 50


# Shared terms (the matching's own index of the calls' terms)


def test_shared_terms_rank_the_call_with_the_terms_first(db):
    with_terms = CallFactory(
        identifier="A-SCHOOLS",
        title="Energieffektivisering i skolbyggnader",
        description="Renovering av skolor för lägre energianvändning.",
    )
    deadline(with_terms)
    partial = CallFactory(
        identifier="B-PARTIAL", title="Digitala skolor", description="Undervisning."
    )
    deadline(partial)
    unrelated = CallFactory(identifier="C-SPACE", title="Rymdteknik", description="Satelliter.")
    deadline(unrelated)
    found = rank("Energieffektivisering av skolor genom renovering", Call.objects.upcoming())
    assert [s.call.identifier for s in found] == ["A-SCHOOLS", "B-PARTIAL", "C-SPACE"]
    assert found[0].lexical == 1.0
    assert 0 < found[1].lexical < 1.0
    assert found[2].lexical == 0 and found[2].score == 0


def test_shared_terms_follow_changes_and_keep_diacritics(db):
    call = CallFactory(identifier="X-1", title="Kvantdatorer", description="Hårdvara.")
    deadline(call)
    assert rank("Återvinning av plast", Call.objects.upcoming())[0].lexical == 0
    call.title = "Återvinning av plast"
    call.save()
    found = rank("Återvinning av plast", Call.objects.upcoming())[0]
    assert found.lexical == 1.0 and found.shared_terms == ["plast", "återvin"]
    # "å" is its own letter, so "atervinning" is another word.
    assert rank("Atervinning", Call.objects.upcoming())[0].lexical == 0
    call.delete()
    assert rank("Återvinning av plast", Call.objects.all()) == []


def test_need_page_ranks_by_full_text_without_vectors(client, home):
    need = NeedFactory(
        municipality=home.municipality,
        unit=home.unit,
        title="Solceller",
        description="Solceller på förskolor och solenergi i kommunens byggnader.",
    )
    hit = CallFactory(identifier="SOL-1", title="Solceller och solenergi i offentliga byggnader")
    deadline(hit)
    miss = CallFactory(identifier="MISS-1", title="Kulturarv")
    deadline(miss)
    login(client, home.users["reader"])
    response = client.get(url("need_detail", home.municipality.slug, need.pk))
    assert response.context["suggestions"][0].call.identifier == "SOL-1"
