from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "webp"}


def validate_image(file):
    """Images for news: JPEG, PNG or WebP within the upload limit (Pillow checks the content)."""
    size = getattr(file, "size", 0) or 0
    if size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The image is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
            code="too_large",
        )
    extension = PurePath(file.name).suffix.lower().lstrip(".")
    if extension not in IMAGE_EXTENSIONS:
        raise ValidationError(
            _("Images of type “%(ext)s” are not accepted. Accepted types: %(types)s.")
            % {"ext": extension or "?", "types": ", ".join(sorted(IMAGE_EXTENSIONS))},
            code="bad_type",
        )
