"""Staff pages of the strategy and its action plans, under /staff/<slug>/strategy/."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from utblick.core import office_documents
from utblick.core.crud import confirm_delete_page, download, form_page, history_entries
from utblick.core.validators import safe_filename
from utblick.jobs.services import start_job
from utblick.tenancy import permissions
from utblick.tenancy.decorators import staff_view

from . import charts, exports, reports, selectors, services
from .forms import ActivityForm, EntryForm, ImportForm, PeriodForm
from .imports import import_activities_job
from .models import Activity, FollowUpEntry
from .output import docx_files, outline, pdf_files

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file_response(content, *, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def progress_chart(rows):
    return charts.bars(
        [(r["focus_area"].name, r["progress"], f"{r['progress']} %") for r in rows], maximum=100
    )


@staff_view()
def strategy_overview(request, municipality):
    return render(
        request,
        "staff/strategy/overview.html",
        {
            "municipality": municipality,
            "strategies": selectors.overview(municipality),
            "can_manage": permissions.allows(request.user, permissions.MANAGE, municipality),
        },
    )


@staff_view()
def action_plan_detail(request, municipality, pk):
    plan = selectors.plan_or_404(municipality, pk)
    activities = list(selectors.plan_activities(plan))
    progress = selectors.progress_by_focus_area(plan, activities)
    can_create = permissions.allows(request.user, permissions.CREATE, municipality)
    return render(
        request,
        "staff/strategy/plan_detail.html",
        {
            "municipality": municipality,
            "plan": plan,
            "groups": selectors.grouped(plan, activities),
            "progress": progress,
            "chart": progress_chart(progress),
            "can_create": can_create,
            "can_manage": permissions.allows(request.user, permissions.MANAGE, municipality),
            "history": history_entries(plan),
        },
    )


def _activity_form_page(request, municipality, plan, activity, *, title, cancel_url):
    form = ActivityForm(request.POST or None, instance=activity, plan=plan, user=request.user)
    return form_page(
        request,
        form=form,
        save=lambda f: services.save_activity(
            plan=plan, user=request.user, activity=f.instance, **f.activity_data()
        ),
        title=title,
        cancel_url=cancel_url,
        extra={"municipality": municipality},
    )


@staff_view(permissions.CREATE)
def activity_create(request, municipality, pk):
    plan = selectors.plan_or_404(municipality, pk)
    return _activity_form_page(
        request,
        municipality,
        plan,
        Activity(municipality=municipality, action_plan=plan),
        title=_("New activity in %(plan)s") % {"plan": plan},
        cancel_url=plan.get_absolute_url(),
    )


@staff_view()
def activity_detail(request, municipality, pk):
    activity = selectors.activity_detail(municipality, pk)
    return render(
        request,
        "staff/strategy/activity_detail.html",
        {
            "municipality": municipality,
            "activity": activity,
            "can_change": permissions.can_change(request.user, activity),
            "history": selectors.activity_history(activity),
        },
    )


@staff_view()
def activity_edit(request, municipality, pk):
    activity = selectors.activity_for_change(municipality, pk)
    permissions.require(permissions.can_change(request.user, activity))
    return _activity_form_page(
        request,
        municipality,
        activity.action_plan,
        activity,
        title=_("Edit %(activity)s") % {"activity": activity},
        cancel_url=activity.get_absolute_url(),
    )


@staff_view()
@require_http_methods(["GET", "POST"])
def activity_delete(request, municipality, pk):
    activity = selectors.activity_for_change(municipality, pk)
    permissions.require(permissions.can_change(request.user, activity))
    plan = activity.action_plan
    return confirm_delete_page(
        request,
        municipality=municipality,
        title=_("Delete the activity %(title)s?") % {"title": activity},
        consequence=_("Its follow-up entries are deleted with it."),
        delete=lambda: services.delete_activity(activity=activity),
        done_url=plan.get_absolute_url(),
        cancel_url=activity.get_absolute_url(),
        success_message=_("The activity %(title)s was deleted.") % {"title": activity},
    )


@staff_view()
def entry_create(request, municipality, pk):
    activity = selectors.activity_for_change(municipality, pk)
    permissions.require(permissions.can_change(request.user, activity))
    form = EntryForm(
        request.POST or None,
        request.FILES or None,
        instance=FollowUpEntry(activity=activity),
        initial={"progress": activity.progress},
    )
    return form_page(
        request,
        form=form,
        save=lambda f: services.add_entry(form=f, activity=activity, user=request.user).activity,
        title=_("Report on %(activity)s") % {"activity": activity},
        cancel_url=activity.get_absolute_url(),
        extra={"municipality": municipality},
        success_message=_("The follow-up entry was added."),
    )


@staff_view()
def entry_attachment(request, municipality, pk, entry_pk):
    return download(selectors.entry_of(municipality, pk, entry_pk).attachment)


@staff_view()
def action_plan_export(request, municipality, pk, fmt):
    plan = selectors.plan_or_404(municipality, pk)
    name = f"{slugify(plan.title) or 'action-plan'}-activities.{fmt}"
    language = translation.get_language()
    if fmt == "xlsx":
        content = exports.to_xlsx(plan, language=language)
        return _file_response(content, content_type=XLSX, filename=name)
    content = exports.to_csv(plan, language=language)
    return _file_response(content, content_type="text/csv", filename=name)


@staff_view(permissions.CREATE)
def action_plan_import(request, municipality, pk):
    plan = selectors.plan_or_404(municipality, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        path = default_storage.save(
            f"m{municipality.pk}/imports/{safe_filename(upload.name)}",
            ContentFile(upload.read()),
        )
        job = start_job(
            municipality=municipality,
            user=request.user,
            title=_("Import of activities into %(plan)s") % {"plan": plan},
            task=import_activities_job,
            params={"action_plan_id": plan.pk, "path": path, "fmt": form.format},
        )
        return redirect(job.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    language = translation.get_language()
    return render(
        request,
        "staff/strategy/import.html",
        {
            "municipality": municipality,
            "plan": plan,
            "form": form,
            "title": _("Import activities"),
            "columns": "; ".join(exports.header(language)),
            "kinds": ", ".join(exports.codes(Activity.Kind.choices, language)),
            "statuses": ", ".join(exports.codes(Activity.Status.choices, language)),
        },
        status=status,
    )


def _report(request, plan):
    period = PeriodForm(request.GET, plan=plan)
    start, end = period.period()
    return period, reports.follow_up_report(plan, start=start, end=end)


def funding_chart(report):
    return charts.bars(
        (
            f"{row['focus_area'].name} {row['year'] or ''}".strip(),
            row["external"],
            office_documents.money(row["external"]),
        )
        for row in report.funding_by_year
    )


@staff_view()
def action_plan_report(request, municipality, pk):
    plan = selectors.plan_or_404(municipality, pk)
    period, report = _report(request, plan)
    progress = [
        {"focus_area": a.focus_area, "progress": a.average_progress, "count": len(a.activities)}
        for a in report.areas
    ]
    return render(
        request,
        "staff/strategy/report.html",
        {
            "municipality": municipality,
            "plan": plan,
            "period": period,
            "report": report,
            "progress": progress,
            "chart": progress_chart(progress),
            "funding_chart": funding_chart(report),
            "query": request.GET.urlencode(),
        },
    )


@staff_view()
def action_plan_report_file(request, municipality, pk, fmt):
    plan = selectors.plan_or_404(municipality, pk)
    _period, report = _report(request, plan)
    name = f"{slugify(plan.title) or 'action-plan'}-follow-up-{report.start}-{report.end}.{fmt}"
    progress = [{"focus_area": a.focus_area, "progress": a.average_progress} for a in report.areas]
    chart = progress_chart(progress)
    if fmt == "docx":
        return _file_response(
            docx_files.report_docx(report, chart), content_type=DOCX, filename=name
        )
    document = pdf_files.report_document(report, chart)
    return _file_response(
        pdf_files.pdf_bytes(document), content_type="application/pdf", filename=name
    )


@staff_view()
def action_plan_document(request, municipality, pk, fmt):
    plan = selectors.plan_or_404(municipality, pk)
    content = outline.plan_outline(plan)
    name = f"{slugify(plan.title) or 'action-plan'}.{fmt}"
    if fmt == "docx":
        return _file_response(docx_files.plan_docx(content), content_type=DOCX, filename=name)
    document = pdf_files.plan_document(content)
    return _file_response(
        pdf_files.pdf_bytes(document), content_type="application/pdf", filename=name
    )
