"""The EU open data app's job tasks, imported at startup so that their jobs can be resumed."""

from .services import import_job, resolution_job

__all__ = ["import_job", "resolution_job"]
