"""Models of the funding radar: programme rules, calls, needs, watch lists."""

from .calls import Call, CallDeadline, ProgrammeRule
from .needs import CallMark, FeedToken, Need, ReminderSent, Watch

__all__ = [
    "Call",
    "CallDeadline",
    "CallMark",
    "FeedToken",
    "Need",
    "ProgrammeRule",
    "ReminderSent",
    "Watch",
]
