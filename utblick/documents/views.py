"""Staff pages of the governing documents register, under /staff/<slug>/documents/."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from utblick.core.crud import confirm_delete_page, download, form_page, history_entries, render_list
from utblick.tenancy import permissions
from utblick.tenancy.decorators import staff_view

from . import selectors, services
from .filters import DocumentFilter
from .forms import DocumentFileForm, DocumentForm, DocumentSettingsForm
from .models import DocumentFile, GoverningDocument


@staff_view()
def document_list(request, municipality):
    filterset = DocumentFilter(request.GET or None, queryset=selectors.document_list(municipality))
    return render_list(
        request,
        "staff/documents/list.html",
        filterset=filterset,
        extra={
            "municipality": municipality,
            "today": timezone.localdate(),
            "can_create": permissions.allows(request.user, permissions.CREATE, municipality),
            "can_manage": permissions.allows(request.user, permissions.MANAGE, municipality),
        },
    )


@staff_view()
def document_detail(request, municipality, pk):
    document = selectors.document_detail(municipality, pk)
    context = {
        "municipality": municipality,
        "document": document,
        "overdue": document.review_overdue(timezone.localdate()),
        "can_change": permissions.can_change(request.user, document),
        "history": history_entries(document),
    }
    return render(request, "staff/documents/detail.html", context)


def _document_form_page(request, municipality, document, *, title, cancel_url):
    form = DocumentForm(
        request.POST or None, instance=document, municipality=municipality, user=request.user
    )
    return form_page(
        request,
        form=form,
        save=lambda f: services.save_document(
            municipality=municipality,
            user=request.user,
            document=document if document.pk else None,
            **f.document_data(),
        ),
        title=title,
        cancel_url=cancel_url,
        extra={"municipality": municipality},
    )


@staff_view(permissions.CREATE)
def document_create(request, municipality):
    return _document_form_page(
        request,
        municipality,
        GoverningDocument(municipality=municipality),
        title=_("New governing document"),
        cancel_url=reverse("staff:document_list", args=[municipality.slug]),
    )


@staff_view()
def document_edit(request, municipality, pk):
    document = selectors.document_for_change(municipality, pk)
    permissions.require(permissions.can_change(request.user, document))
    return _document_form_page(
        request,
        municipality,
        document,
        title=_("Edit %(document)s") % {"document": document},
        cancel_url=document.get_absolute_url(),
    )


@staff_view()
@require_http_methods(["GET", "POST"])
def document_delete(request, municipality, pk):
    document = selectors.document_for_change(municipality, pk)
    permissions.require(permissions.can_change(request.user, document))
    return confirm_delete_page(
        request,
        municipality=municipality,
        title=_("Delete the document %(title)s?") % {"title": document},
        consequence=_("Its files in every language are deleted with it."),
        delete=lambda: services.delete_document(document=document),
        done_url=reverse("staff:document_list", args=[municipality.slug]),
        cancel_url=document.get_absolute_url(),
        success_message=_("The document %(title)s was deleted.") % {"title": document},
    )


class _BackTo:
    def __init__(self, document):
        self.document = document

    def get_absolute_url(self):
        return self.document.get_absolute_url()


@staff_view()
def document_file_upload(request, municipality, pk):
    document = selectors.document_for_change(municipality, pk)
    permissions.require(permissions.can_change(request.user, document))
    form = DocumentFileForm(
        request.POST or None, request.FILES or None, instance=DocumentFile(document=document)
    )
    return form_page(
        request,
        form=form,
        save=lambda f: _BackTo(services.add_file(form=f, document=document).document),
        title=_("Add a file to %(document)s") % {"document": document},
        cancel_url=document.get_absolute_url(),
        extra={"municipality": municipality},
        success_message=_("The file was added."),
    )


@staff_view()
def document_file_download(request, municipality, pk, file_pk):
    return download(selectors.file_of(municipality, pk, file_pk).file)


@staff_view()
@require_http_methods(["GET", "POST"])
def document_file_delete(request, municipality, pk, file_pk):
    document_file = selectors.file_of(municipality, pk, file_pk)
    document = document_file.document
    permissions.require(permissions.can_change(request.user, document))
    return confirm_delete_page(
        request,
        municipality=municipality,
        title=_("Delete the file %(title)s?") % {"title": document_file},
        consequence=_("The file is removed from %(document)s.") % {"document": document},
        delete=lambda: services.delete_file(document_file=document_file),
        done_url=document.get_absolute_url(),
        cancel_url=document.get_absolute_url(),
        success_message=_("The file %(title)s was deleted.") % {"title": document_file},
    )


@staff_view(permissions.MANAGE)
def document_settings(request, municipality):
    form = DocumentSettingsForm(request.POST or None, instance=selectors.settings_for(municipality))
    return form_page(
        request,
        form=form,
        save=lambda f: services.save_settings(form=f, municipality=municipality),
        title=_("Settings of the document register"),
        cancel_url=reverse("staff:document_list", args=[municipality.slug]),
        extra={"municipality": municipality},
    )
