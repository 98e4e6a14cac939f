"""Models of the funding radar: programme rules, calls, needs, watch lists, the ISG."""

from .calls import Call, CallDeadline, ProgrammeRule
from .isg import ActionItem, AgendaItem, GroupMember, Meeting, MeetingDecision
from .needs import CallMark, FeedToken, Need, ReminderSent, Watch

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Call",
    "CallDeadline",
    "CallMark",
    "FeedToken",
    "GroupMember",
    "Meeting",
    "MeetingDecision",
    "Need",
    "ProgrammeRule",
    "ReminderSent",
    "Watch",
]
