"""Hand-checked matches on real calls, the need page with its suggestions and marks."""

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from utblick.demo.funding import NEEDS as DEMO_NEEDS
from utblick.testing import login

from .. import embeddings, selectors
from ..embeddings import embed_calls
from ..matching import rank, terms
from ..models import Call, CallMark
from ..models.calls import EMBEDDING_MAX_CHARS
from .conftest import HARVEST
from .factories import CallFactory, NeedFactory, deadline
from .helpers import url

# (a need in Swedish, a call a coordinator calls relevant, which must be in the top 3)
PAIRS = [
    (
        "Energibesparing i skolor. Vi vill minska energianvändningen i våra skolbyggnader "
        "genom renovering och beteendeförändring.",
        "LIFE-2026-CET-BETTERRENO",
    ),
    (
        "Ungdomsutbyte mot rasism i idrotten. Ungdomsutbyte med fokus på jämställdhet och "
        "förebyggande av rasism inom idrotten.",
        "ERASMUS-SPORT-2026-EU-AWARDS-INCLUSION",
    ),
    (
        "Grön stadsplanering med Fastiv. Samarbete med Fastiv i Ukraina om grön "
        "stadsplanering, klimatneutralitet och biologisk mångfald.",
        "HORIZON-MISS-2026-04-CIT-01",
    ),
    (
        "Vänortsutbyte för medborgare. Möte mellan invånare i våra vänorter om demokrati och "
        "europeiskt medborgarskap.",
        "CERV-2026-CITIZENS-TOWN-TT",
    ),
]


@pytest.mark.parametrize(("need", "expected"), PAIRS)
def test_swedish_needs_find_the_right_english_calls(eu_calls, need, expected):
    top = [s.call.identifier for s in rank(need, Call.objects.upcoming(HARVEST), limit=3)]
    assert expected in top, top


def test_irrelevant_calls_do_not_lead(eu_calls):
    need = PAIRS[1][0]
    top = [s.call.identifier for s in rank(need, Call.objects.upcoming(HARVEST), limit=3)]
    assert not any(identifier.startswith("HORIZON-EURATOM") for identifier in top)


def test_shared_terms_explain_a_same_language_match(db):
    call = CallFactory(title="Energieffektivisering i skolor", description="Renovering.")
    deadline(call)
    other = CallFactory(title="Kvantdatorer", description="Hårdvara.")
    deadline(other)
    found = rank("Energieffektivisering av skolor och förskolor", Call.objects.upcoming())
    assert found[0].call == call
    assert "energie" in found[0].shared_terms and "skolor" in found[0].shared_terms
    assert terms("och för skolor") == {"skolor"}


def test_only_open_and_forthcoming_calls_with_a_deadline_ahead(db):
    future_open = CallFactory(status=Call.Status.OPEN)
    deadline(future_open, days=10)
    closed = CallFactory(status=Call.Status.CLOSED)
    deadline(closed, days=10)
    past = CallFactory(status=Call.Status.OPEN)
    deadline(past, days=-1)
    vanished = CallFactory(status=Call.Status.FORTHCOMING, vanished_at="2026-01-01T00:00Z")
    deadline(vanished, days=10)
    assert list(Call.objects.upcoming()) == [future_open]


def test_need_page_ranks_marks_and_explains(client, home, eu_calls, monkeypatch):
    monkeypatch.setattr(selectors.timezone, "now", lambda: HARVEST)
    need = NeedFactory(
        municipality=home.municipality,
        unit=home.unit,
        title="Energibesparing i skolor",
        description=PAIRS[0][0],
    )
    login(client, home.users["rep"])
    page = client.get(url("need_detail", home.municipality.slug, need.pk)).content.decode()
    assert "LIFE-2026-CET-BETTERRENO" in page
    assert "Semantic closeness" in page
    call = Call.objects.get(identifier="LIFE-2026-CET-BETTERRENO")
    response = client.post(
        url("need_mark", home.municipality.slug, need.pk, call.pk), {"relevant": "no"}
    )
    assert response.status_code == 302
    mark = CallMark.objects.get(need=need, call=call)
    assert mark.relevant is False and mark.marked_by == home.users["rep"]
    suggestions = client.get(url("need_detail", home.municipality.slug, need.pk)).context[
        "suggestions"
    ]
    assert next(s for s in suggestions if s.call == call).mark.relevant is False


def test_another_unit_s_representative_cannot_mark(client, home, eu_calls):
    need = home.records["funding_need"]
    call = home.records["funding_call"]
    login(client, home.users["rep_other"])
    response = client.post(
        url("need_mark", home.municipality.slug, need.pk, call.pk), {"relevant": "yes"}
    )
    assert response.status_code == 403
    assert not CallMark.objects.filter(need=need).exists()


def test_call_from_another_municipality_cannot_be_marked(client, home, away):
    login(client, home.users["coordinator"])
    response = client.post(
        url(
            "need_mark",
            home.municipality.slug,
            home.records["funding_need"].pk,
            away.records["funding_call"].pk,
        ),
        {"relevant": "yes"},
    )
    assert response.status_code == 404


def test_shared_calls_are_seen_by_every_municipality_manual_ones_only_by_their_own(
    client, home, away
):
    shared = CallFactory(identifier="SHARED-1")
    login(client, home.users["reader"])
    assert client.get(url("call_detail", home.municipality.slug, shared.pk)).status_code == 200
    own = away.records["funding_call"]
    assert client.get(url("call_detail", home.municipality.slug, own.pk)).status_code == 404


def test_need_list_and_call_list_queries_are_constant(client, home, django_assert_max_num_queries):
    login(client, home.users["reader"])
    for n in range(30):
        NeedFactory(municipality=home.municipality, unit=home.unit, title=f"Behov {n}")
        call = CallFactory()
        deadline(call, days=n + 1)
        deadline(call, days=n + 40)
    with django_assert_max_num_queries(12):
        assert client.get(url("need_list", home.municipality.slug)).status_code == 200
    with django_assert_max_num_queries(12):
        response = client.get(url("call_list", home.municipality.slug))
    assert response.status_code == 200
    assert len(response.context["object_list"]) >= 30


def test_need_page_queries_are_constant(client, home, django_assert_max_num_queries):
    need = home.records["funding_need"]
    login(client, home.users["reader"])
    for _n in range(30):
        call = CallFactory()
        deadline(call)
        deadline(call, days=90)
    with django_assert_max_num_queries(20):
        assert client.get(url("need_detail", home.municipality.slug, need.pk)).status_code == 200


def test_representative_s_need_belongs_to_their_unit(client, home):
    login(client, home.users["rep"])
    response = client.post(
        url("need_create", home.municipality.slug),
        {
            "title_sv": "Solceller på förskolor",
            "description_sv": "Vi vill sätta solceller på tio förskolor.",
            "unit": home.other_unit.pk,
            "amount": "250000",
            "status": "open",
        },
    )
    assert response.status_code == 302
    need = home.records["funding_need"].__class__.objects.get(title_sv="Solceller på förskolor")
    assert need.unit == home.unit
    assert need.municipality == home.municipality


def test_need_with_end_before_start_is_refused(client, home):
    login(client, home.users["coordinator"])
    response = client.post(
        url("need_create", home.municipality.slug),
        {
            "title_sv": "X",
            "description_sv": "Y",
            "unit": home.unit.pk,
            "start": "2027-05-01",
            "end": "2027-01-01",
            "status": "open",
        },
    )
    assert response.status_code == 400
    assert "The end cannot be before the start." in response.content.decode()


def test_amounts_are_written_the_swedish_way(client, home):
    """Money on Swedish staff pages: grouped thousands and "kr", not "SEK"."""
    need = NeedFactory(municipality=home.municipality, unit=home.unit, amount=12500)
    login(client, home.users["coordinator"])
    swedish = client.get(reverse("staff:need_detail", args=[home.municipality.slug, need.pk]))
    assert "12\u00a0500\u00a0kr" in swedish.content.decode()
    assert "SEK" not in swedish.content.decode()
    english = client.get(url("need_detail", home.municipality.slug, need.pk)).content.decode()
    assert "12\u00a0500\u00a0SEK" in english


# Ranking signals, explanations in Swedish and the page's queries (issue 19)

CITIZENS_NEED = (
    "Medborgardialog och lokal demokrati. Kommunen vill få fler invånare, särskilt unga, att "
    "delta i lokala beslut genom medborgarråd och möten med invånare från våra vänorter."
)


def development_aid_call():
    """A real development-aid call of the EU portal: for organisations in a third country."""
    call = CallFactory(
        identifier="EuropeAid/186661/DD/ACT/JM",
        programme_name="EU External Action - Prospect (RELEX-PROSPECT)",
        title="Human Rights and Democracy Support in Jamaica 2026 and 2027",
        description="",
    )
    deadline(call, days=90)
    return call


def test_a_citizens_need_gets_the_municipal_call_above_development_aid(eu_calls):
    development_aid_call()
    embed_calls()
    found = rank(CITIZENS_NEED, Call.objects.upcoming(HARVEST), limit=30)
    order = [s.call.identifier for s in found]
    assert order.index("CERV-2026-CITIZENS-TOWN-TT") < order.index("EuropeAid/186661/DD/ACT/JM")
    assert order[0] == "CERV-2026-CITIZENS-TOWN-TT", order
    aid = next(s for s in found if s.call.identifier.startswith("EuropeAid"))
    assert aid.narrow and not found[0].narrow


def test_semantic_closeness_alone_would_put_development_aid_first(eu_calls):
    """What the eligibility signal is for: without it the aid call leads (see above)."""
    development_aid_call()
    embed_calls()
    found = rank(CITIZENS_NEED, Call.objects.upcoming(HARVEST), limit=30)
    assert len(found) > 10
    best = max(found, key=lambda s: s.semantic)
    assert best.call.identifier == "EuropeAid/186661/DD/ACT/JM"


def test_need_page_explains_the_match_in_swedish(client, home, eu_calls, monkeypatch):
    monkeypatch.setattr(selectors.timezone, "now", lambda: HARVEST)
    need = NeedFactory(
        municipality=home.municipality,
        unit=home.unit,
        title="Energibesparing i skolor",
        description=PAIRS[0][0],
    )
    login(client, home.users["rep"])
    response = client.get(reverse("staff:need_detail", args=[home.municipality.slug, need.pk]))
    row = next(
        s
        for s in response.context["suggestions"]
        if s.call.identifier == "LIFE-2026-CET-BETTERRENO"
    )
    assert "energieffektivisering" in row.concepts and "byggnader" in row.concepts
    page = response.content.decode()
    assert "gemensamma begrepp:" in page
    assert "Semantisk närhet" in page
    assert '<span lang="sv">' + ", ".join(row.concepts) + "</span>" in page


def test_need_page_marks_calls_a_municipality_cannot_apply_for(client, home):
    need = NeedFactory(
        municipality=home.municipality, unit=home.unit, title="Demokrati", description="Demokrati."
    )
    development_aid_call()
    embed_calls()  # the signals are found with the vector
    login(client, home.users["reader"])
    page = client.get(reverse("staff:need_detail", args=[home.municipality.slug, need.pk]))
    assert "troligen inte öppen för kommuner (rankas lägre)" in page.content.decode()


def test_need_page_queries_do_not_grow_with_the_calls(client, home):
    need = home.records["funding_need"]
    login(client, home.users["reader"])
    address = url("need_detail", home.municipality.slug, need.pk)

    def queries_with(calls: int) -> int:
        for n in range(calls):
            call = CallFactory(title=f"Energi i skolor {n}", description="Renovering av skolor.")
            deadline(call)
            deadline(call, days=90)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return len(queries)

    few = queries_with(3)
    assert queries_with(40) == few


def test_the_embedded_text_is_the_title_and_the_opening_cut_at_a_word(db):
    call = CallFactory(
        title="Better renovation",
        keywords="LIFE-2026-CET-BETTERRENO, LIFE-2026-CET-BETTERRENO",
        description="Expected Outcome:Buildings renovated " + "deeply and well " * 40,
    )
    text = call.embedding_text()
    assert text.startswith("Better renovation. Buildings renovated deeply")
    assert "LIFE-2026" not in text
    assert len(text) <= EMBEDDING_MAX_CHARS and text.endswith(("deeply", "and", "well"))


def test_the_portal_s_boilerplate_opening_is_not_embedded(db):
    """Most Horizon Europe descriptions open with the same sentence; the budget of
    characters goes to what the call is about instead."""
    horizon = CallFactory(
        title="Better renovation",
        description="Expected Outcome:Project results are expected to contribute to all of the "
        "following expected outcomes:Buildings renovated deeply.",
    )
    health = CallFactory(
        title="Care at home",
        description="Expected Outcome:This topic aims at supporting activities that are enabling "
        "or contributing to one or several expected impacts of destination “Staying healthy”. "
        "To that end, proposals under this topic should aim to deliver results that are "
        "directed at, tailored towards and contributing to all the following expected "
        "outcomes:Older people live at home longer.",
    )
    life = CallFactory(
        title="Climate Change Adaptation",
        description="Efficient delivery of the quantified objectives by the end of the project."
        "Objective:Projects under this strand should help the EU adapt.",
    )
    assert horizon.embedding_text() == "Better renovation. Buildings renovated deeply."
    assert health.embedding_text() == "Care at home. Older people live at home longer."
    assert life.embedding_text() == (
        "Climate Change Adaptation. Projects under this strand should help the EU adapt."
    )


def test_the_embedded_text_drops_every_heading_and_general_sentence_it_opens_with(db):
    """Headings and sentences about what proposals must show in general come in runs; an
    identifier in front of the title says nothing either. What the call is about stays."""
    interregional = CallFactory(
        identifier="I3-2026-INV1",
        title="I3-2026-INV1 - Interregional Innovation Investments Strand 1",
        description="Expected Impact:FOR ALL THREE THEMATIC PRIORITIES:Expected impact at the "
        "closure of the project (non-exhaustive list): Innovative technologies tested.",
    )
    digital = CallFactory(
        title="Data spaces",
        description="Expected Outcome:Proposals should present the concrete results which will "
        "be delivered by the activities and demonstrate how these results will contribute to "
        "the topic-specific impacts. Cities share data.",
    )
    government = CallFactory(
        title="Government in transition",
        description="Expected Outcome:Projects should contribute to all of the following "
        "expected outcomes.Country government innovation info sheets.",
    )
    prize = CallFactory(title="EDCTP Prizes", description="1. BackgroundThe prizes reward.")
    own_words = CallFactory(
        title="Adaptation",
        description="Projects will help regions adapt to floods: expected results are plans.",
    )
    assert interregional.embedding_text() == (
        "Interregional Innovation Investments Strand 1. Innovative technologies tested."
    )
    assert digital.embedding_text() == "Data spaces. Cities share data."
    assert government.embedding_text() == (
        "Government in transition. Country government innovation info sheets."
    )
    assert prize.embedding_text() == "EDCTP Prizes. The prizes reward."
    assert own_words.embedding_text() == (
        "Adaptation. Projects will help regions adapt to floods: expected results are plans."
    )


def test_calls_embedded_side_by_side_get_their_own_vectors(db, settings):
    """Batches run on two threads at once; every call must still get its own text's vector
    (a vector given to the wrong call would rank it for another call's topic)."""
    settings.EMBEDDING_THREADS = 2
    topics = ["schools", "elderly care", "flood protection", "town twinning", "cycling"]
    made = [
        CallFactory(title=f"{topic.capitalize()} {n}", description=f"About {topic}, part {n}.")
        for n in range(20)
        for topic in topics
    ]
    assert embed_calls() == len(made) > 2 * embeddings.BATCH
    for call in Call.objects.filter(pk__in=[c.pk for c in made]):
        expected = embeddings.passages([call.embedding_text()])[0]
        assert np.array_equal(call.vector, expected), call.title


ELDERLY_NEED = (
    "Äldreomsorg i hemmet. Hemtjänsten vill pröva nya arbetssätt så att äldre kan bo kvar "
    "hemma längre och få god omsorg."
)


def test_an_elderly_care_need_gets_the_care_call_above_clinical_and_industry_research(db):
    care = CallFactory(
        identifier="HORIZON-CL2-2026-01-TRANSFO-09",
        title="Rethinking long-term care for older people living at home",
        description="Care services for older people at home are organised in new ways.",
    )
    trial = CallFactory(
        identifier="HORIZON-HLTH-2027-02-DISEASE-14-two-stage",
        title="Care and treatment of older people living at home",
        description="A clinical trial of new treatments for older people living at home.",
    )
    industry = CallFactory(
        identifier="HORIZON-JU-IHI-2026-13-two-stage-03",
        title="Care of older people living at home and age-related diseases",
        description="New ways to care for older people at home.",
    )
    for call in (care, trial, industry):
        deadline(call)
    embed_calls()
    found = rank(ELDERLY_NEED, Call.objects.upcoming(HARVEST))
    assert [s.call for s in found][0] == care
    assert {s.call for s in found if s.narrow} == {trial, industry}


def test_machine_learning_is_not_education(db):
    """Calls about AI speak of "learning" and "training": that does not make them education."""
    ai = CallFactory(
        title="Training AI models", description="Machine learning on large training data sets."
    )
    school = CallFactory(
        title="Vocational education and training", description="Skills for young people."
    )
    for call in (ai, school):
        deadline(call)
    embed_calls()
    need = "Kompetens för framtiden. Vuxenutbildningen vill ge fler vuxna en yrkesutbildning."
    found = {s.call: s for s in rank(need, Call.objects.upcoming(HARVEST))}
    assert "utbildning" in found[school].concepts
    assert "utbildning" not in found[ai].concepts


# The demo's own needs (utblick/demo/funding.py) against the demo's cut of real calls.
DEMO_EXPECTED = {
    "Grön stadsplanering med Fastiv": "HORIZON-MISS-2026-04-CIT-01",
    "Energibesparing i skolor": "LIFE-2026-CET-BETTERRENO",
    "Ungdomsutbyte mot rasism inom idrotten": "ERASMUS-SPORT-2026-EU-AWARDS-INCLUSION",
    "Vänortsutbyte med Fastiv": "CERV-2026-CITIZENS-TOWN-TT",
}


@pytest.mark.parametrize("need", DEMO_NEEDS, ids=[n[1] for n in DEMO_NEEDS])
def test_the_demo_s_needs_get_their_relevant_call_in_the_top_3(eu_calls, need):
    _unit, title_sv, _title_en, description, _amount, _focus = need
    found = rank(f"{title_sv}. {description}", Call.objects.upcoming(HARVEST), limit=3)
    expected = [s for s in found if s.call.identifier == DEMO_EXPECTED[title_sv]]
    assert expected, [s.call.identifier for s in found]
    assert expected[0].concepts
