"""Staff pages for externally funded projects, under /staff/<municipality-slug>/projects/."""

import hashlib

from django.contrib import messages
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from utblick.core.crud import (
    confirm_delete_page,
    download,
    form_page,
    form_with_formsets_page,
    history_entries,
    paginate,
)
from utblick.core.public_cache import cached_value
from utblick.tenancy import permissions
from utblick.tenancy.decorators import staff_view

from . import selectors, services
from .filters import ProjectFilter
from .forms import DocumentForm, LinkFormSet, PartnerFormSet, ProjectForm, ReportForm
from .models import Project, ProjectDocument, ProjectReport


@staff_view()
def project_list(request, municipality):
    """The filtered, paginated list. Everyone with a role in the municipality sees the same
    list, so the filter form (with its lists of programmes, units, goals and tags) and the
    page of results are kept rendered per query until the municipality's data change (see
    ``core.public_cache.cached_value``). When this request made them, ``page`` and
    ``object_list`` are in the context too. The filter set (its filters are deep-copied for
    each one) is only made when something asks for it: not for a query kept rendered."""
    made = {}

    def filterset():
        if "filterset" not in made:
            made["filterset"] = ProjectFilter(
                request.GET or None,
                queryset=selectors.project_list(municipality),
                municipality=municipality,
            )
        return made["filterset"]

    query = request.GET.copy()
    query.pop("page", None)

    def render_parts():
        made["page"] = page = paginate(request, filterset().qs)
        made["object_list"] = page.object_list
        context = {
            "municipality": municipality,
            "page": page,
            "object_list": page.object_list,
            "querystring": query.urlencode(),
        }
        return {
            "filter_form": str(filterset().form),
            "results": render_to_string("staff/projects/_results.html", context, request),
        }

    digest = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:32]
    parts = cached_value(
        municipality.slug,
        f"projects:list:{translation.get_language()}:{digest}",
        render_parts,
    )
    context = {
        **{key: made[key] for key in ("page", "object_list") if key in made},
        "filter": SimpleLazyObject(filterset),
        # Django's rendering of the form and our template's of the results.
        "filter_form": mark_safe(parts["filter_form"]),  # noqa: S308
        "results": mark_safe(parts["results"]),  # noqa: S308
        "municipality": municipality,
        "can_create": permissions.allows(request.user, permissions.CREATE, municipality),
    }
    return render(request, "staff/projects/list.html", context)


@staff_view()
def project_detail(request, municipality, pk):
    project = selectors.project_detail(municipality, pk)
    context = {
        "municipality": municipality,
        "project": project,
        "budget": selectors.budget_rows(project),
        "exchange_rate": selectors.plain_rate(project),
        "budget_exceeded": selectors.budget_exceeded(project),
        "can_change": permissions.can_change(request.user, project),
        "history": history_entries(project),
    }
    return render(request, "staff/projects/detail.html", context)


def _project_form_page(request, municipality, project, *, title, cancel_url):
    data = request.POST if request.method == "POST" else None
    form = ProjectForm(data, instance=project, municipality=municipality, user=request.user)
    formsets = [
        PartnerFormSet(data, instance=project, form_kwargs={"municipality": municipality}),
        LinkFormSet(data, instance=project),
    ]

    def save():
        saved = services.save_project(
            municipality=municipality,
            user=request.user,
            project=project if project.pk else None,
            **form.project_data(),
        )
        for formset in formsets:
            formset.instance = saved
            formset.save()
        if selectors.budget_exceeded(saved):
            messages.warning(
                request,
                _(
                    "Grant and own contribution together are more than the total budget. "
                    "Please check the figures."
                ),
            )
        return saved

    return form_with_formsets_page(
        request,
        form=form,
        formsets=formsets,
        save=save,
        title=title,
        cancel_url=cancel_url,
        extra={"municipality": municipality},
    )


@staff_view(permissions.CREATE)
def project_create(request, municipality):
    return _project_form_page(
        request,
        municipality,
        Project(municipality=municipality),
        title=_("New project"),
        cancel_url=reverse("staff:project_list", args=[municipality.slug]),
    )


@staff_view()
def project_edit(request, municipality, pk):
    project = selectors.project_for_change(municipality, pk)
    permissions.require(permissions.can_change(request.user, project))
    return _project_form_page(
        request,
        municipality,
        project,
        title=_("Edit %(project)s") % {"project": project},
        cancel_url=project.get_absolute_url(),
    )


@staff_view()
@require_http_methods(["GET", "POST"])
def project_delete(request, municipality, pk):
    project = selectors.project_for_change(municipality, pk)
    permissions.require(permissions.can_change(request.user, project))
    return confirm_delete_page(
        request,
        municipality=municipality,
        title=_("Delete the project %(project)s?") % {"project": project},
        consequence=_("Its partners, links, documents and status timeline are deleted with it."),
        delete=lambda: services.delete_project(project=project),
        done_url=reverse("staff:project_list", args=[municipality.slug]),
        cancel_url=project.get_absolute_url(),
        success_message=_("The project %(project)s was deleted.") % {"project": project},
    )


@staff_view()
def document_upload(request, municipality, pk):
    project = selectors.project_for_change(municipality, pk)
    permissions.require(permissions.can_change(request.user, project))
    form = DocumentForm(
        request.POST or None, request.FILES or None, instance=ProjectDocument(project=project)
    )
    return form_page(
        request,
        form=form,
        save=lambda f: _Redirect(services.add_document(form=f, project=project).project),
        title=_("Add a document to %(project)s") % {"project": project},
        cancel_url=project.get_absolute_url(),
        extra={"municipality": municipality},
        success_message=_("The document was added."),
    )


@staff_view()
def document_download(request, municipality, pk, document_pk):
    document = selectors.document_of(municipality, pk, document_pk)
    return download(document.file)


@staff_view()
@require_http_methods(["GET", "POST"])
def document_delete(request, municipality, pk, document_pk):
    document = selectors.document_of(municipality, pk, document_pk)
    project = document.project
    permissions.require(permissions.can_change(request.user, project))
    return confirm_delete_page(
        request,
        municipality=municipality,
        title=_("Delete the document %(title)s?") % {"title": document},
        consequence=_("The file is removed from %(project)s.") % {"project": project},
        delete=lambda: services.delete_document(document=document),
        done_url=project.get_absolute_url(),
        cancel_url=project.get_absolute_url(),
        success_message=_("The document %(title)s was deleted.") % {"title": document},
    )


@staff_view()
def report_create(request, municipality, pk):
    project = selectors.project_for_change(municipality, pk)
    permissions.require(permissions.can_change(request.user, project))
    form = ReportForm(request.POST or None, instance=ProjectReport(project=project))
    return form_page(
        request,
        form=form,
        save=lambda f: services.save_report(form=f, project=project),
        title=_("New reporting deadline of %(project)s") % {"project": project},
        cancel_url=project.get_absolute_url(),
        extra={"municipality": municipality},
    )


@staff_view()
def report_edit(request, municipality, pk, report_pk):
    report = selectors.report_of(municipality, pk, report_pk)
    project = report.project
    permissions.require(permissions.can_change(request.user, project))
    form = ReportForm(request.POST or None, instance=report)
    return form_page(
        request,
        form=form,
        save=lambda f: services.save_report(form=f, project=project),
        title=_("Edit %(report)s") % {"report": report.title},
        cancel_url=project.get_absolute_url(),
        extra={"municipality": municipality},
    )


@staff_view()
@require_http_methods(["GET", "POST"])
def report_delete(request, municipality, pk, report_pk):
    report = selectors.report_of(municipality, pk, report_pk)
    project = report.project
    permissions.require(permissions.can_change(request.user, project))
    return confirm_delete_page(
        request,
        municipality=municipality,
        title=_("Delete the reporting deadline %(title)s?") % {"title": report.title},
        consequence=_("It disappears from the calendar feeds."),
        delete=lambda: services.delete_report(report=report),
        done_url=project.get_absolute_url(),
        cancel_url=project.get_absolute_url(),
        success_message=_("The reporting deadline was deleted."),
    )


class _Redirect:
    """After adding a document, go back to the project."""

    def __init__(self, project):
        self.project = project

    def get_absolute_url(self):
        return self.project.get_absolute_url()
