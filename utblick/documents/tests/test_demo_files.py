"""The demo's placeholder documents are tagged PDFs in their own language (issue #17)."""

import pytest

from utblick.core.tests.document_checks import pdf_problems
from utblick.demo import documents as demo


@pytest.mark.parametrize("language", ["sv", "en", "de"])
def test_a_placeholder_is_a_tagged_pdf_in_its_language(language):
    content = demo._placeholder_pdf("Policy för internationellt arbete", language, "vasteras.se")
    assert pdf_problems(content, language=language, title="Policy för internationellt arbete") == []
