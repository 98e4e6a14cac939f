"""Reads across the registry for the staff dashboard."""

from itertools import islice
from operator import attrgetter


def recent_changes(municipality, limit=10):
    """The latest changes to the municipality's records, newest first, from their history."""
    from utblick.partners.models import Organisation, Partnership
    from utblick.projects.models import Project

    streams = []
    # Each record's name is read from the history row itself (a partnership's with its
    # partner joined), so the list costs the same three queries however many rows it has.
    for model, related, name in (
        (Project, ("history_user",), lambda r: r.title),
        (
            Partnership,
            ("history_user", "partner"),
            lambda r: f"{r.partner.name} ({r.get_kind_display()})" if r.partner else "",
        ),
        (Organisation, ("history_user",), lambda r: r.name),
    ):
        for record in (
            model.history.filter(municipality_id=municipality.pk)
            .select_related(*related)
            .order_by("-history_date")[:limit]
        ):
            record.label = name(record)
            streams.append(record)
    changes = sorted(streams, key=attrgetter("history_date"), reverse=True)
    return list(islice(changes, limit))
