import datetime

from django.utils import timezone

from ..models import ActionItem, AgendaItem, GroupMember, Meeting, MeetingDecision


def world_records(*, municipality, unit):
    """A member of the collaboration group for ``unit`` and a meeting with minutes."""
    member = GroupMember.objects.create(
        municipality=municipality, unit=unit, name="Anna Andersson", email="anna@example.org"
    )
    meeting = Meeting.objects.create(
        municipality=municipality,
        starts_at=timezone.now() + datetime.timedelta(days=14),
        place="Stadshuset",
        minutes="Genomgång av utlysningar.",
    )
    AgendaItem.objects.create(meeting=meeting, order=1, title="Aktuella utlysningar")
    MeetingDecision.objects.create(meeting=meeting, text="Vi söker Nordplus.")
    ActionItem.objects.create(meeting=meeting, description="Skriv ansökan", owner="Anna")
    return {"isg_meeting": meeting, "isg_member": member}
