"""What the accessibility statement says about known shortcomings (DIGG's model statement).

``KNOWN_SHORTCOMINGS`` is Utblick's own maintained list: problems of the software that every
municipality's site has, kept here by the developers and fixed here. Each municipality adds
its own (e.g. about documents it has uploaded) in its details; the latest automated check is
recorded with ``manage.py record_accessibility_check``.
"""

from django.utils.translation import gettext_lazy as _

from .models import AccessibilityCheck

KNOWN_SHORTCOMINGS = [
    _(
        "Documents uploaded by the municipality (PDF and Word files of governing documents, "
        "project documents) are not checked by Utblick; older documents may lack headings, "
        "language settings or text alternatives for images (WCAG 1.1.1, 1.3.1, 3.1.1)."
    ),
    _(
        "Images in news items have the text alternative the editor gave them; Utblick "
        "requires one but cannot check that it describes the image (WCAG 1.1.1)."
    ),
]


def statement(municipality) -> dict:
    """The statement's shortcomings, latest automated check and compliance."""
    check = AccessibilityCheck.objects.order_by("-checked_on", "-pk").first()
    shortcomings = [str(item) for item in KNOWN_SHORTCOMINGS]
    own = municipality.accessibility_known_issues.strip()
    failing_check = check is not None and check.violations > 0
    return {
        "shortcomings": shortcomings,
        "own_shortcomings": own,
        "latest_check": check,
        "fully_compliant": not (shortcomings or own or failing_check),
    }
