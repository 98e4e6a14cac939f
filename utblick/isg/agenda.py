"""Draft a meeting's agenda from the standing topics of the action plan, filled with data."""

from __future__ import annotations

from django.utils import timezone, translation

from utblick.funding.matching import rank
from utblick.funding.models import Call, Need
from utblick.partners.models import Partnership
from utblick.projects.models import Project

# The standing ISG topics in Trollhättan's action plan for international work
# (handlingsplan, "Nedan kommer några exempel på ämnen som diskuteras inom ISG").
STANDING_TOPICS = [
    (
        "calls",
        "Aktuella och kommande utlysningar för projektansökningar (EU- eller nordiska program)",
    ),
    ("projects", "Pågående internationella projekt"),
    ("units", "Vad som händer ute i verksamheterna (större processer, aktiviteter)"),
    ("partnerships", "Ukraina-samarbetet (Fastiv) och andra partnerskap"),
    ("needs", "Verksamheternas behov av extern finansiering"),
    ("eu", "Senaste nytt från EU"),
]


def draft(municipality, *, now=None) -> list[dict]:
    """Agenda items (title, notes) for the next meeting of the municipality's ISG, in Swedish
    like the group's work."""
    with translation.override("sv"):
        return _draft(municipality, now=now)


def _draft(municipality, *, now=None) -> list[dict]:
    now = now or timezone.now()
    needs = list(
        Need.objects.filter(municipality=municipality, status=Need.Status.OPEN).select_related(
            "unit"
        )
    )
    calls = Call.objects.visible_to(municipality).upcoming(now)
    notes = {key: "" for key, _title in STANDING_TOPICS}
    lines = []
    for need in needs:
        best = rank(need.matching_text(), calls, limit=3)
        for suggestion in best:
            lines.append(
                f"- {suggestion.call.identifier}: {suggestion.call.title} (för: {need.title})"
            )
    notes["calls"] = "\n".join(dict.fromkeys(lines))
    projects = Project.objects.filter(municipality=municipality).ongoing(now.date())
    notes["projects"] = "\n".join(f"- {p}" for p in projects.select_related("unit")[:20])
    partnerships = Partnership.objects.filter(municipality=municipality).select_related("partner")[
        :20
    ]
    notes["partnerships"] = "\n".join(f"- {p}" for p in partnerships)
    notes["needs"] = "\n".join(f"- {n.title} ({n.unit})" for n in needs)
    return [
        {"order": index, "title": title, "notes": notes[key]}
        for index, (key, title) in enumerate(STANDING_TOPICS, start=1)
    ]
