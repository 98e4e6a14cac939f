"""Public pages of the register: adopted public documents with their metadata and files."""

from pathlib import PurePath

from django.urls import reverse
from django.utils.translation import gettext as _

from utblick.core.crud import download
from utblick.site.pages import public_view, render_page

from . import selectors


def _with_extensions(documents):
    for document in documents:
        for document_file in document.files.all():
            document_file.extension = PurePath(document_file.file.name).suffix.lstrip(".").upper()
    return documents


def _strategy_crumb(municipality):
    """The register sits under the strategy in the menu, so in the breadcrumbs too."""
    return (_("Strategy and action plan"), reverse("public:strategy", args=[municipality.slug]))


@public_view
def document_list(request, municipality):
    documents = _with_extensions(list(selectors.public_documents(municipality)))
    return render_page(
        request,
        "public/documents/list.html",
        municipality,
        {"documents": documents},
        section="documents",
        changed=[max((d.updated_at for d in documents), default=None)],
        crumb=_("Governing documents"),
        trail=[_strategy_crumb(municipality)],
    )


@public_view
def document_detail(request, municipality, pk):
    document = _with_extensions([selectors.public_document_or_404(municipality, pk)])[0]
    return render_page(
        request,
        "public/documents/detail.html",
        municipality,
        {"document": document},
        section="documents",
        changed=[document.updated_at],
        crumb=document.title,
        trail=[
            _strategy_crumb(municipality),
            (
                _("Governing documents"),
                reverse("public:governing_documents", args=[municipality.slug]),
            ),
        ],
    )


@public_view
def document_file(request, municipality, pk, file_pk):
    """A file of an adopted public document; everything else is not found."""
    return download(selectors.public_file_or_404(municipality, pk, file_pk).file)
