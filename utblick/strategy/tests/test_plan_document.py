"""The action plan document of Trollhättan's demo plan, as DOCX and PDF."""

import pytest
from django.utils import translation

from utblick.demo.documents import load_demo_data as load_documents
from utblick.demo.strategy import FOCUS_AREAS
from utblick.demo.strategy import load_demo_data as load_strategy
from utblick.strategy.models import ActionPlan, Activity
from utblick.strategy.output import outline, pdf_files
from utblick.testing import login

from .helpers import docx_text, en, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(home, media_root):
    load_documents()
    load_strategy()
    return ActionPlan.objects.select_related("document", "municipality").get(
        municipality=home.municipality, title_sv__startswith="Handlingsplan för internationell"
    )


def expected_texts(plan):
    """Every heading and activity of the plan's records, in the active language."""
    texts = [
        plan.title,
        "Document information",
        "Contents",
        "Background",
        "➤ Handlingsplan",
        "KS 2024/310",
        "Said Niklund",
        plan.document.follow_up_on.isoformat(),  # placed relative to the day the demo loads
        plan.municipality.name,
    ]
    for activity in Activity.objects.filter(action_plan=plan).select_related("focus_area"):
        texts.extend([activity.title, activity.focus_area.name])
    return texts


def test_the_demo_plan_is_complete(plan):
    activities = Activity.objects.filter(action_plan=plan)
    assert activities.filter(kind=Activity.Kind.CORE).count() == 1 + 8 + 6
    assert activities.filter(kind=Activity.Kind.DEVELOPMENT).count() == 3 + 3 + 3
    assert plan.strategy.focus_areas.count() == len(FOCUS_AREAS) == 3
    assert plan.document.registration_number == "KS 2024/310"


def test_the_docx_contains_every_heading_and_activity(client, home, plan):
    login(client, home.users["reader"])
    response = client.get(en("staff:action_plan_document", home.municipality.slug, plan.pk, "docx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    text = docx_text(response.content)
    with translation.override("en"):
        expected = expected_texts(plan)
    missing = [item for item in expected if " ".join(item.split()) not in text]
    assert missing == []
    assert "Core tasks" in text
    assert "Identified development potential" in text


def test_the_pdf_contains_every_heading_and_activity(client, home, plan):
    login(client, home.users["reader"])
    response = client.get(en("staff:action_plan_document", home.municipality.slug, plan.pk, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    with translation.override("en"):
        text = pdf_text(pdf_files.plan_document(outline.plan_outline(plan)))
        expected = expected_texts(plan)
    missing = [item for item in expected if " ".join(item.split()) not in text]
    assert missing == []


def test_the_swedish_document_carries_the_swedish_records(client, home, plan):
    login(client, home.users["reader"])
    with translation.override("sv"):
        from django.urls import reverse

        url = reverse("staff:action_plan_document", args=[home.municipality.slug, plan.pk, "docx"])
    text = docx_text(client.get(url).content)
    for activity in Activity.objects.filter(action_plan=plan):
        assert " ".join(activity.title_sv.split()) in text
    assert "Handlingsplan för internationell strategi 2025–2026" in text
