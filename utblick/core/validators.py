import re
import unicodedata
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .limits import check_unpacked_size

ZIP_SIGNATURE = b"PK\x03\x04"
# Documents a municipality shares: PDF, office formats, OpenDocument, plain text, images.
ALLOWED_UPLOAD_EXTENSIONS = {
    "pdf": (b"%PDF",),
    "docx": (ZIP_SIGNATURE,),
    "xlsx": (ZIP_SIGNATURE,),
    "pptx": (ZIP_SIGNATURE,),
    "odt": (ZIP_SIGNATURE,),
    "ods": (ZIP_SIGNATURE,),
    "txt": (),
    "png": (b"\x89PNG",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}


def validate_upload(file):
    """Refuse files that are too large, of a type we do not take, or not what they claim."""
    size = getattr(file, "size", 0) or 0
    if size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
            code="too_large",
        )
    extension = PurePath(file.name).suffix.lower().lstrip(".")
    if extension not in ALLOWED_UPLOAD_EXTENSIONS:
        raise ValidationError(
            _("Files of type “%(ext)s” are not accepted. Accepted types: %(types)s.")
            % {
                "ext": extension or "?",
                "types": ", ".join(sorted(ALLOWED_UPLOAD_EXTENSIONS)),
            },
            code="bad_type",
        )
    signatures = ALLOWED_UPLOAD_EXTENSIONS[extension]
    if signatures and hasattr(file, "read"):
        position = file.tell() if hasattr(file, "tell") else 0
        file.seek(0)
        head = file.read(8)
        file.seek(position)
        if not any(head.startswith(sig) for sig in signatures):
            raise ValidationError(
                _("The file does not look like a %(ext)s file.") % {"ext": extension.upper()},
                code="bad_content",
            )
        if signatures == (ZIP_SIGNATURE,):
            # Office and OpenDocument files are zip archives: refuse a zip bomb by its
            # directory, so nothing that reads the file later unpacks gigabytes.
            check_unpacked_size(file)


def safe_filename(name: str) -> str:
    stem = PurePath(name).stem
    suffix = PurePath(name).suffix.lower()
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:80] or "file"
    return f"{stem}{suffix}"
