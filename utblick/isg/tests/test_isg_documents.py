"""The collaboration group's agenda and minutes as accessible documents (issue #17): tagged
PDF/UA-1 and a DOCX with language, author, A4 and a repeated table header, per language."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from utblick.core.tests.document_checks import docx_problems, pdf_problems
from utblick.testing import login

from ..documents import heading

LANGUAGES = {"sv": "sv-SE", "en": "en-GB"}


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("kind", ["agenda", "minutes"])
def test_agenda_and_minutes_are_accessible(client, home, kind, language):
    meeting = home.records["isg_meeting"]
    login(client, home.users["reader"])
    with translation.override(language):
        title = heading(meeting, kind)
        urls = {
            fmt: reverse(
                "staff:isg_meeting_document",
                args=[home.municipality.slug, meeting.pk, kind, fmt],
            )
            for fmt in ("pdf", "docx")
        }
    pdf = client.get(urls["pdf"])
    assert pdf.status_code == 200
    assert pdf_problems(pdf.content, language=language, title=title) == []
    docx = client.get(urls["docx"])
    assert docx.status_code == 200
    problems = docx_problems(
        docx.content,
        language=LANGUAGES[language],
        author=home.municipality.name,
        date=timezone.localdate(meeting.starts_at).isoformat(),
    )
    assert problems == []
