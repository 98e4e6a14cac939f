"""The newsletter's job tasks, imported at startup so that their jobs can be resumed."""

from .sending import send_issue_job
from .services import send_confirmation_job

__all__ = ["send_confirmation_job", "send_issue_job"]
