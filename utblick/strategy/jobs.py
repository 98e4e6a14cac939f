"""The strategy app's job tasks, imported at startup so that their jobs can be resumed."""

from .imports import import_activities_job

__all__ = ["import_activities_job"]
