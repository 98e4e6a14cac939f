"""Staff pages of the funding radar: calls, needs, consortium check, calendar; the feeds."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from utblick.core.crud import form_page, form_with_formsets_page, history_entries, render_list
from utblick.core.formsets import more_rows_for, with_one_more_row, without_validation
from utblick.tenancy import permissions
from utblick.tenancy.decorators import staff_view
from utblick.tenancy.models import Municipality

from .. import consortium, ical, imports, selectors, services
from ..filters import CallFilter
from ..forms import (
    ConsortiumForm,
    DeadlineFormSet,
    ImportForm,
    ManualCallEditForm,
    ManualCallForm,
    NeedForm,
    PartnerFormSet,
)
from ..models import Call, FeedToken


@staff_view()
def call_list(request, municipality):
    filterset = CallFilter(
        request.GET or None,
        queryset=selectors.call_list(municipality),
        municipality=municipality,
        user=request.user,
    )
    return render_list(
        request,
        "staff/funding/call_list.html",
        filterset=filterset,
        extra={
            "municipality": municipality,
            "can_manage": permissions.allows(request.user, permissions.MANAGE, municipality),
            "can_import": permissions.allows(request.user, permissions.REFERENCE, municipality),
        },
    )


@staff_view()
def call_detail(request, municipality, pk):
    call = selectors.call_detail(municipality, pk)
    unit = permissions.unit_of(request.user, municipality)
    return render(
        request,
        "staff/funding/call_detail.html",
        {
            "municipality": municipality,
            "call": call,
            "watched_by_me": call.pk in selectors.watched_ids(municipality, user=request.user),
            "unit": unit,
            "watched_by_unit": unit is not None
            and call.pk in selectors.watched_ids(municipality, unit=unit),
            "can_edit": call.municipality_id == municipality.pk
            and permissions.allows(request.user, permissions.MANAGE, municipality),
            # The history of the municipality's own (manual) calls; imported ones have none.
            "history": selectors.call_history(call) if call.municipality_id else None,
        },
    )


@staff_view()
def call_watch(request, municipality, pk):
    """POST: put the call on (or off) my watch list, or my unit's with ``for=unit``."""
    call = selectors.call_detail(municipality, pk)
    if request.method == "POST":
        unit = permissions.unit_of(request.user, municipality)
        if request.POST.get("for") == "unit":
            permissions.require(unit is not None)
            watched = services.toggle_watch(municipality=municipality, call=call, unit=unit)
        else:
            watched = services.toggle_watch(municipality=municipality, call=call, user=request.user)
        messages.success(
            request,
            _("The call is on the watch list.") if watched else _("The call is no longer watched."),
        )
    return redirect(call.url_in(municipality))


@staff_view(permissions.MANAGE)
def call_create(request, municipality):
    form = ManualCallForm(
        request.POST or None,
        instance=Call(municipality=municipality, source=Call.Source.MANUAL),
    )
    return form_page(
        request,
        form=form,
        save=lambda f: services.save_call(
            user=request.user,
            municipality=municipality,
            source=Call.Source.MANUAL,
            language="sv",
            **f.call_data(),
        ),
        title=_("New call (national or Nordic funder)"),
        cancel_url=reverse("staff:call_list", args=[municipality.slug]),
        extra={"municipality": municipality},
    )


@staff_view(permissions.MANAGE)
def call_edit(request, municipality, pk):
    """A manual call of the municipality with its deadlines (imported calls are the
    source's and are not edited here)."""
    call = selectors.manual_call(municipality, pk)
    data = request.POST if request.method == "POST" else None
    form = ManualCallEditForm(data, instance=call)
    deadlines = DeadlineFormSet(data, instance=call, prefix="deadlines")
    return form_with_formsets_page(
        request,
        form=form,
        formsets=[deadlines],
        save=lambda: services.save_call(
            call=call,
            user=request.user,
            deadlines=deadlines.deadlines_data(),
            **form.call_data(),
        ),
        title=_("Edit %(call)s") % {"call": call.identifier},
        cancel_url=call.url_in(municipality),
        extra={"municipality": municipality},
    )


@staff_view(permissions.REFERENCE)
def call_import(request, municipality):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = imports.start_import(
            municipality=municipality, user=request.user, upload=form.cleaned_data["file"]
        )
        return redirect(job.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "staff/form.html",
        {
            "municipality": municipality,
            "form": form,
            "title": _("Import calls"),
            "cancel_url": reverse("staff:call_list", args=[municipality.slug]),
        },
        status=status,
    )


@staff_view()
def need_list(request, municipality):
    needs = selectors.need_list(municipality)
    page = Paginator(needs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/funding/need_list.html",
        {
            "municipality": municipality,
            "page": page,
            "object_list": page.object_list,
            "querystring": "",
            "can_create": permissions.allows(request.user, permissions.CREATE, municipality),
        },
    )


@staff_view()
def need_detail(request, municipality, pk):
    need = selectors.need_detail(municipality, pk)
    return render(
        request,
        "staff/funding/need_detail.html",
        {
            "municipality": municipality,
            "need": need,
            "suggestions": selectors.suggestions(need),
            "can_change": permissions.can_change(request.user, need),
            "history": history_entries(need),
        },
    )


@staff_view(permissions.CREATE)
def need_create(request, municipality):
    from ..models import Need

    form = NeedForm(
        request.POST or None,
        instance=Need(municipality=municipality),
        municipality=municipality,
        user=request.user,
    )
    return form_page(
        request,
        form=form,
        save=lambda f: services.save_need(
            municipality=municipality, user=request.user, need=f.instance, **f.service_data()
        ),
        title=_("New funding need"),
        cancel_url=reverse("staff:need_list", args=[municipality.slug]),
        extra={"municipality": municipality},
    )


@staff_view()
def need_edit(request, municipality, pk):
    need = selectors.need_detail(municipality, pk)
    permissions.require(permissions.can_change(request.user, need))
    form = NeedForm(
        request.POST or None, instance=need, municipality=municipality, user=request.user
    )
    return form_page(
        request,
        form=form,
        save=lambda f: services.save_need(
            municipality=municipality, user=request.user, need=f.instance, **f.service_data()
        ),
        title=_("Edit %(need)s") % {"need": need},
        cancel_url=need.get_absolute_url(),
        extra={"municipality": municipality},
    )


@staff_view()
def need_mark(request, municipality, pk, call_pk):
    """POST ``relevant`` = yes / no / clear for a suggested call."""
    need = selectors.need_detail(municipality, pk)
    permissions.require(permissions.can_change(request.user, need))
    call = selectors.call_detail(municipality, call_pk)
    if request.method == "POST":
        value = {"yes": True, "no": False}.get(request.POST.get("relevant"))
        services.mark_call(need=need, call=call, relevant=value, user=request.user)
        messages.success(request, _("Your assessment was saved."))
    return redirect(need.get_absolute_url())


@staff_view()
def consortium_check(request, municipality):
    submitted = "rule" in request.GET
    data = request.GET if submitted else None
    more = more_rows_for(data)
    if more:
        data = with_one_more_row(data, more)
    form = ConsortiumForm(data)
    formset = PartnerFormSet(data)
    results = partners = None
    if more:
        without_validation(form, formset)
    elif submitted and form.is_valid() and formset.is_valid():
        partners = [f.cleaned_data for f in formset if f.cleaned_data]
        data = form.cleaned_data
        results = consortium.check(
            data["rule"],
            partners,
            duration_months=data.get("duration_months"),
            participants=data.get("participants"),
            international_participants=data.get("international_participants"),
        )
    rule = form.cleaned_data.get("rule") if results is not None else None
    return render(
        request,
        "staff/funding/consortium.html",
        {
            "municipality": municipality,
            "form": form,
            "formset": formset,
            "results": results,
            "rule": rule,
            "not_counted": consortium.not_counted(rule, partners) if rule else [],
        },
    )


@staff_view()
def calendar(request, municipality):
    if request.method == "POST" and "renew_feeds" in request.POST:
        services.renew_feed_tokens(user=request.user, municipality=municipality, request=request)
        messages.success(request, _("New addresses made; the old ones no longer work."))
        return redirect("staff:funding_calendar", municipality.slug)
    unit = permissions.unit_of(request.user, municipality)
    kinds = [(FeedToken.Kind.MUNICIPALITY, None), (FeedToken.Kind.USER, None)]
    if unit is not None:
        kinds.append((FeedToken.Kind.UNIT, unit))
    tokens = [
        services.feed_token(municipality=municipality, kind=kind, unit=unit, user=request.user)
        for kind, unit in kinds
    ]
    feeds = [
        {
            "label": token.get_kind_display(),
            "url": request.build_absolute_uri(
                reverse("public:funding_feed", args=[municipality.slug, token.token])
            ),
        }
        for token in tokens
    ]
    return render(
        request,
        "staff/funding/calendar.html",
        {
            "municipality": municipality,
            "rows": selectors.calendar(municipality, user=request.user),
            "reports": selectors.calendar_reports(municipality),
            "feeds": feeds,
        },
    )


@require_safe
def feed(request, municipality_slug, token):
    """The iCalendar feed behind a secret address (no sign-in; a wrong token is 404)."""
    municipality = get_object_or_404(Municipality, slug=municipality_slug, is_active=True)
    found = (
        FeedToken.objects.filter(municipality=municipality, token=token)
        .select_related("municipality", "unit", "user")
        .first()
    )
    if found is None or not selectors.feed_token_is_live(found):
        raise Http404
    since = timezone.now() - timezone.timedelta(days=90)
    body = ical.feed(
        name=f"Utblick {municipality.short_name}: {found.get_kind_display()}",
        deadlines=selectors.deadlines_for_feed(found, since=since),
        reports=selectors.reports_for_feed(found, since=since),
        host=ical.uid_host(request),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="utblick.ics"'
    # Private: no shared cache (ours included) may keep serving an address once revoked.
    patch_cache_control(response, private=True, no_cache=True)
    return response
