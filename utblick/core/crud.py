"""Small helpers the staff views of every app share: lists, forms, history, downloads."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .errors import StillInUse
from .formsets import more_rows_for, with_one_more_row, without_validation

PAGE_SIZE = 50


def paginate(request, queryset, per_page=PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def render_list(request, template, *, filterset, extra=None):
    """Render a filtered, paginated list; the filterset's queryset must be fully prefetched."""
    page = paginate(request, filterset.qs)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "object_list": page.object_list,
        "querystring": query.urlencode(),
    }
    context.update(extra or {})
    return render(request, template, context)


def form_page(
    request,
    *,
    form,
    save,
    title,
    cancel_url,
    template="staff/form.html",
    extra=None,
    success_message=None,
):
    """Show ``form``; on a valid POST call ``save(form)`` atomically and redirect to its result.

    ``save`` is normally a function from the app's services module and returns the saved
    object (its ``get_absolute_url`` is where we go next). Invalid input saves nothing and
    shows every error next to its field, plus a summary at the top.
    """
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            obj = save(form)
        messages.success(request, success_message or _("Saved."))
        return redirect(obj.get_absolute_url())
    context = {"form": form, "title": title, "cancel_url": cancel_url}
    context.update(extra or {})
    status = 400 if request.method == "POST" else 200
    return render(request, template, context, status=status)


def confirm_delete_page(
    request,
    *,
    municipality,
    title,
    consequence,
    delete,
    done_url,
    cancel_url,
    success_message=None,
):
    """GET asks (``title``, ``consequence``, "cannot be undone"); POST calls ``delete()``
    atomically and goes on to ``done_url``, or back to ``cancel_url`` with the reason when
    the service raises :class:`utblick.core.errors.StillInUse`."""
    if request.method == "POST":
        try:
            with transaction.atomic():
                delete()
        except StillInUse as refusal:
            messages.error(request, _("Not deleted: %(why)s") % {"why": refusal.message})
            return redirect(cancel_url)
        messages.success(request, success_message or _("Deleted."))
        return redirect(done_url)
    context = {
        "municipality": municipality,
        "title": title,
        "consequence": consequence,
        "cancel_url": cancel_url,
    }
    return render(request, "staff/confirm_delete.html", context)


def history_entries(obj, limit=20):
    """Recent changes of a record with the changed fields, newest first."""
    records = list(obj.history.select_related("history_user").order_by("-history_date")[:limit])
    entries = []
    for newer, older in zip(records, records[1:] + [None], strict=True):
        changed = []
        if older is not None:
            delta = newer.diff_against(older)
            changed = [str(obj._meta.get_field(c.field).verbose_name) for c in delta.changes]
        entries.append({"record": newer, "changed": changed})
    return entries


def download(field_file, *, as_attachment=True):
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle, as_attachment=as_attachment, filename=field_file.name.rsplit("/", 1)[-1]
    )


def form_with_formsets_page(
    request, *, form, formsets, save, title, cancel_url, extra=None, success_message=None
):
    """Like ``form_page``, for a form with inline formsets: everything is validated
    (so every error shows at once), saved atomically by ``save()`` or not at all (400).

    "More rows" without JavaScript (core.formsets) shows the form again as typed, with one
    more row in the chosen formset, unchecked and unsaved."""
    more = more_rows_for(request.POST) if request.method == "POST" else None
    if more:
        for formset in formsets:
            if formset.prefix == more:
                formset.data = with_one_more_row(formset.data, more)
        without_validation(form, *formsets)
    elif request.method == "POST":
        valid = form.is_valid()
        formsets_valid = all([formset.is_valid() for formset in formsets])
        if valid and formsets_valid:
            with transaction.atomic():
                obj = save()
            messages.success(request, success_message or _("Saved."))
            return redirect(obj.get_absolute_url())
        if not formsets_valid:
            # The error summary is shown when the main form has errors.
            form.add_error(None, _("Some rows below have errors."))
    context = {"form": form, "formsets": formsets, "title": title, "cancel_url": cancel_url}
    context.update(extra or {})
    status = 400 if request.method == "POST" and not more else 200
    return render(request, "staff/form.html", context, status=status)
