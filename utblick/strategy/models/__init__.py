"""Strategy (focus areas, directions) and action plans with activities and their follow-up."""

from .plans import ActionPlan, Activity, FollowUpEntry
from .strategy import Direction, FocusArea, Strategy

__all__ = ["ActionPlan", "Activity", "Direction", "FocusArea", "FollowUpEntry", "Strategy"]
