"""Send a meeting's agenda or minutes to the group's members (a background job)."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.utils.translation import gettext as _

from utblick.jobs.services import MAIL_QUEUE, JobFailed, job_task

from . import documents
from .models import GroupMember, Meeting


@job_task(queue_name=MAIL_QUEUE)
def send_meeting_documents_job(context, *, meeting_id: int, kind: str) -> dict:
    meeting = (
        Meeting.objects.filter(pk=meeting_id, municipality=context.municipality)
        .prefetch_related("agenda", "decisions", "actions")
        .first()
    )
    if meeting is None:
        raise JobFailed(_("The meeting no longer exists."))
    members = list(GroupMember.objects.filter(municipality=meeting.municipality))
    if not members:
        raise JobFailed(_("The group has no members to send to."))
    attachments = [
        (documents.filename(meeting, kind, fmt), documents.render(meeting, kind, fmt), mime)
        for fmt, mime in documents.FORMATS.items()
    ]
    subject = documents.heading(meeting, kind)
    for done, member in enumerate(members, start=1):
        message = EmailMessage(
            subject=subject,
            body=_("Attached: %(what)s.") % {"what": subject},
            to=[member.email],
        )
        for name, content, mime in attachments:
            message.attach(name, content, mime)
        message.send()
        context.progress(done, len(members), member.email)
    return {"sent": len(members)}
