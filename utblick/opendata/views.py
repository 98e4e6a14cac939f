"""Staff pages of the opendata app, under /staff/<municipality-slug>/opendata/."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utblick.core.crud import form_page, history_entries, paginate
from utblick.tenancy import permissions
from utblick.tenancy.decorators import staff_view

from . import search, selectors, services
from .forms import (
    CorrectionDecisionForm,
    CorrectionForm,
    DueDiligenceForm,
    ImportForm,
    SearchForm,
)
from .models import DueDiligence, OrganisationLink


@staff_view()
def partner_search(request, municipality):
    form = SearchForm(request.GET or None)
    result = None
    if form.is_valid():
        data = form.cleaned_data
        filters = search.Filters(**{k: v for k, v in data.items() if v not in (None, "")})
        result = search.search(filters, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "staff/opendata/search.html",
        {
            "municipality": municipality,
            "form": form,
            "result": result,
            "facets": _facet_links(request, result.facets) if result else [],
            "page": result.page if result else None,
            "querystring": query.urlencode(),
            "counts": selectors.overview_counts(),
            "can_import": permissions.allows(request.user, permissions.REFERENCE, municipality),
        },
    )


FACET_LABELS = {
    "country": gettext_lazy("Countries"),
    "programme": gettext_lazy("Programmes"),
    "org_type": gettext_lazy("Organisation types"),
    "region": gettext_lazy("Regions"),
}


def _facet_links(request, facets):
    """[(label, [(value, count, url)])]: each value narrows the current search to it."""
    groups = []
    for name, label in FACET_LABELS.items():
        values = []
        for value, count in facets.get(name, []):
            query = request.GET.copy()
            query.pop("page", None)
            query[name] = value
            values.append((value, count, "?" + query.urlencode()))
        if values:
            groups.append((name, label, values))
    return groups


@staff_view()
def organisation_detail(request, municipality, pk):
    organisation = selectors.eu_organisation_or_404(pk)
    return render(
        request,
        "staff/opendata/organisation.html",
        {
            "municipality": municipality,
            "organisation": organisation,
            "record": selectors.track_record(organisation),
            "registry_links": selectors.links_to(municipality, organisation),
            "can_propose": permissions.allows(request.user, permissions.MANAGE, municipality),
        },
    )


@staff_view(permissions.REFERENCE)
def import_file(request, municipality):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.start_import(
            municipality=municipality,
            user=request.user,
            kind=form.cleaned_data["kind"],
            path=form.store(),
        )
        return redirect(job.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "staff/form.html",
        {
            "municipality": municipality,
            "form": form,
            "title": _("Import EU open data"),
            "cancel_url": reverse("staff:opendata_search", args=[municipality.slug]),
        },
        status=status,
    )


@staff_view()
def link_list(request, municipality):
    status = request.GET.get("status") or OrganisationLink.Status.PENDING
    if status not in OrganisationLink.Status.values:
        status = OrganisationLink.Status.PENDING
    page = paginate(request, selectors.links_of(municipality, status))
    return render(
        request,
        "staff/opendata/links.html",
        {
            "municipality": municipality,
            "page": page,
            "object_list": page.object_list,
            "status": status,
            "statuses": OrganisationLink.Status.choices,
            "querystring": f"status={status}",
            "can_match": permissions.allows(request.user, permissions.MANAGE, municipality),
        },
    )


@staff_view(permissions.MANAGE)
def match_partners(request, municipality):
    if request.method == "POST":
        job = services.start_resolution(municipality=municipality, user=request.user)
        return redirect(job.get_absolute_url())
    return render(request, "staff/opendata/match.html", {"municipality": municipality})


@staff_view()
def link_decide(request, municipality, pk):
    link = selectors.link_or_404(municipality, pk)
    permissions.require(permissions.can_change(request.user, link))
    if request.method == "POST" and request.POST.get("decision") in ("confirm", "reject"):
        confirm = request.POST["decision"] == "confirm"
        services.decide_link(link=link, user=request.user, confirm=confirm)
        messages.success(
            request, _("The link was confirmed.") if confirm else _("The link was rejected.")
        )
        return redirect("staff:opendata_links", municipality.slug)
    return render(
        request,
        "staff/opendata/link_decide.html",
        {"municipality": municipality, "link": link},
        status=400 if request.method == "POST" else 200,
    )


@staff_view()
def duediligence_list(request, municipality):
    page = paginate(request, selectors.due_diligences(municipality))
    return render(
        request,
        "staff/opendata/duediligence_list.html",
        {
            "municipality": municipality,
            "page": page,
            "object_list": page.object_list,
            "querystring": "",
            "can_create": permissions.allows(request.user, permissions.CREATE, municipality),
        },
    )


@staff_view(permissions.CREATE)
def duediligence_create(request, municipality):
    form = DueDiligenceForm(
        request.POST or None,
        instance=DueDiligence(municipality=municipality),
        municipality=municipality,
        user=request.user,
    )
    return form_page(
        request,
        form=form,
        save=lambda f: services.save_due_diligence(
            form=f, municipality=municipality, user=request.user
        ),
        title=_("New due diligence check"),
        cancel_url=reverse("staff:duediligence_list", args=[municipality.slug]),
        extra={"municipality": municipality},
    )


@staff_view()
def duediligence_detail(request, municipality, pk):
    check = selectors.due_diligence_or_404(municipality, pk)
    return render(
        request,
        "staff/opendata/duediligence_detail.html",
        {
            "municipality": municipality,
            "check": check,
            "checks": [
                (check._meta.get_field(n).verbose_name, getattr(check, f"get_{n}_display")())
                for n in DueDiligence.CHECKS
            ],
            "can_change": permissions.can_change(request.user, check),
            "history": history_entries(check),
        },
    )


@staff_view()
def duediligence_edit(request, municipality, pk):
    check = selectors.due_diligence_or_404(municipality, pk)
    permissions.require(permissions.can_change(request.user, check))
    form = DueDiligenceForm(
        request.POST or None, instance=check, municipality=municipality, user=request.user
    )
    return form_page(
        request,
        form=form,
        save=lambda f: services.save_due_diligence(
            form=f, municipality=municipality, user=request.user
        ),
        title=_("Edit %(check)s") % {"check": check},
        cancel_url=check.get_absolute_url(),
        extra={"municipality": municipality},
    )


@staff_view()
def twin_towns(request, municipality):
    city = (request.GET.get("city") or "").strip()[:150]
    return render(
        request,
        "staff/opendata/twin_towns.html",
        {
            "municipality": municipality,
            "city": city,
            "twins": selectors.swedish_twins_of(city) if city else None,
            "differences": selectors.registry_differences(municipality),
        },
    )


@staff_view(permissions.MANAGE)
def correction_propose(request, municipality, pk):
    """A coordinator proposes a correction of a shared EU organisation."""
    organisation = selectors.eu_organisation_or_404(pk)
    form = CorrectionForm(request.POST or None)
    detail_url = reverse("staff:opendata_organisation", args=[municipality.slug, pk])
    if request.method == "POST" and form.is_valid():
        services.propose_correction(
            form=form, organisation=organisation, municipality=municipality, user=request.user
        )
        messages.success(request, _("Thank you. A platform administrator will review it."))
        return redirect(detail_url)
    return render(
        request,
        "staff/form.html",
        {
            "municipality": municipality,
            "form": form,
            "title": _("Propose a correction of %(name)s") % {"name": organisation.name},
            "cancel_url": detail_url,
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_view(permissions.REFERENCE)
def correction_list(request, municipality):
    """Superusers accept or reject the proposed corrections of every municipality."""
    form = CorrectionDecisionForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            correction = services.decide_correction(
                correction=form.cleaned_data["correction"],
                user=request.user,
                accept=form.cleaned_data["decision"] == "accept",
            )
            status = correction.get_status_display()
            messages.success(request, _("Decision saved: %(status)s.") % {"status": status})
            return redirect(reverse("staff:opendata_corrections", args=[municipality.slug]))
        messages.error(request, _("The proposal is already decided or gone."))
    return render(
        request,
        "staff/opendata/corrections.html",
        {
            "municipality": municipality,
            "pending": selectors.corrections(pending=True),
            "decided": selectors.corrections(pending=False)[:50],
        },
        status=400 if request.method == "POST" else 200,
    )
