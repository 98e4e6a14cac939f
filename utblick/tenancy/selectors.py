"""Reads across the registry for the staff dashboard."""

from itertools import islice
from operator import attrgetter


def recent_changes(municipality, limit=10):
    """The latest changes to the municipality's records, newest first, from their history."""
    from utblick.partners.models import Organisation, Partnership
    from utblick.projects.models import Project

    streams = []
    for model in (Project, Partnership, Organisation):
        streams.extend(
            model.history.filter(municipality_id=municipality.pk)
            .select_related("history_user")
            .order_by("-history_date")[:limit]
        )
    changes = sorted(streams, key=attrgetter("history_date"), reverse=True)
    return list(islice(changes, limit))
