"""The collaboration group's job tasks, imported at startup so that their jobs can be resumed."""

from .mail import send_meeting_documents_job

__all__ = ["send_meeting_documents_job"]
