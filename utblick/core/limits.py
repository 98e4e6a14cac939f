"""Limits on what a request may make the server read or unpack."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _


class RequestSizeLimitMiddleware:
    """Answer 413 to a body larger than REQUEST_MAX_BYTES, judged by its Content-Length,
    before Django reads a byte of it. (Django itself caps form fields in memory and the
    number of fields and files, but streams any amount of file data to disk.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse(_("Invalid Content-Length."), status=400)
        if length > settings.REQUEST_MAX_BYTES:
            return HttpResponse(
                _("The request is too large (at most %(mb)d MB).")
                % {"mb": settings.REQUEST_MAX_BYTES // (1024 * 1024)},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def check_unpacked_size(upload, *, limit=None):
    """Refuse a zip-based upload (XLSX, DOCX) that would unpack to more than the limit.

    Reads only the archive's directory, so a zip bomb is refused without being unpacked.
    Raises ValidationError with a message for the user; rewinds the file afterwards.
    """
    limit = limit or settings.UNPACKED_UPLOAD_MAX_BYTES
    position = upload.tell()
    try:
        with zipfile.ZipFile(upload) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise ValidationError(_("The file is not a valid spreadsheet (zip) file.")) from exc
    finally:
        upload.seek(position)
    if unpacked > limit:
        raise ValidationError(
            _("The file unpacks to %(mb)d MB, more than the %(limit)d MB allowed.")
            % {"mb": unpacked // (1024 * 1024), "limit": limit // (1024 * 1024)}
        )
