"""Reads of the opendata app: track records, links, due diligence and twin towns."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404
from rapidfuzz import fuzz

from utblick.partners.models import Organisation, Partnership
from utblick.tenancy.models import Municipality

from .models import DueDiligence, EUOrganisation, OrganisationLink, Participation, TwinTownPair
from .text import normalise_name, normalise_text


def eu_organisation_or_404(pk) -> EUOrganisation:
    return get_object_or_404(EUOrganisation, pk=pk)


def track_record(organisation: EUOrganisation) -> dict:
    """Projects by programme and year, coordinator roles, total EU contribution, countries it
    worked with and Swedish municipalities it worked with (a fixed number of queries)."""
    own = Participation.objects.filter(organisation=organisation)
    totals = own.aggregate(
        projects=Count("project", distinct=True),
        coordinated=Count("project", filter=Q(is_coordinator=True), distinct=True),
        contribution=Sum("eu_contribution"),
    )
    by_programme_year = list(
        own.values("project__programme", "year")
        .annotate(n=Count("project", distinct=True))
        .order_by("project__programme", "year")
    )
    project_ids = own.values("project")
    partners = Participation.objects.filter(project__in=project_ids).exclude(
        organisation=organisation
    )
    countries = list(
        partners.exclude(organisation__country="")
        .values_list("organisation__country")
        .annotate(n=Count("project", distinct=True))
        .order_by("-n", "organisation__country")
    )
    swedish_public = list(
        partners.filter(organisation__country="SE", organisation__org_type__icontains="local")
        .values_list("organisation__name")
        .annotate(n=Count("project", distinct=True))
        .order_by("-n", "organisation__name")
    )
    municipalities = [
        (name, n) for name, n in swedish_public if "kommun" in name.casefold()
    ] or swedish_public
    projects = list(
        own.select_related("project").order_by("-year", "project__programme", "project_id")[:200]
    )
    return {
        **totals,
        "by_programme_year": by_programme_year,
        "countries": countries,
        "swedish_municipalities": municipalities,
        "participations": projects,
    }


def evidence_for(partner: Organisation) -> dict:
    """The track record of the EU organisations linked to a registry partner, as JSON."""
    evidence = {"organisations": []}
    links = OrganisationLink.objects.filter(
        organisation=partner, status=OrganisationLink.Status.LINKED
    ).select_related("eu_organisation")
    for link in links:
        record = track_record(link.eu_organisation)
        evidence["organisations"].append(
            {
                "name": link.eu_organisation.name,
                "pic": link.eu_organisation.pic,
                "country": link.eu_organisation.country,
                "projects": record["projects"],
                "coordinated": record["coordinated"],
                "eu_contribution": str(record["contribution"] or 0),
                "by_programme_year": [
                    {"programme": r["project__programme"], "year": r["year"], "projects": r["n"]}
                    for r in record["by_programme_year"]
                ],
            }
        )
    return evidence


# Links and review list -----------------------------------------------------------------


def links_of(municipality, status=None):
    queryset = OrganisationLink.objects.filter(municipality=municipality).select_related(
        "organisation", "eu_organisation", "decided_by"
    )
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("organisation__name", "-score", "pk")


def link_or_404(municipality, pk) -> OrganisationLink:
    return get_object_or_404(
        OrganisationLink.objects.select_related("organisation__municipality", "eu_organisation"),
        municipality=municipality,
        pk=pk,
    )


def links_to(municipality, eu_organisation):
    return links_of(municipality).filter(eu_organisation=eu_organisation)


# Due diligence -------------------------------------------------------------------------


def due_diligences(municipality):
    return (
        DueDiligence.objects.filter(municipality=municipality)
        .select_related("organisation", "assessor")
        .order_by("-assessed_on", "-pk")
    )


def due_diligence_or_404(municipality, pk) -> DueDiligence:
    return get_object_or_404(
        DueDiligence.objects.select_related(
            "organisation__municipality", "assessor", "municipality"
        ),
        municipality=municipality,
        pk=pk,
    )


# Twin towns ----------------------------------------------------------------------------

# English spellings in the public list that differ from the Swedish names.
ENGLISH_NAMES = {"gothenburg": "goteborg", "gothenburg municipality": "goteborg"}


def _municipality_key(name: str) -> str:
    key = normalise_text(name)
    return ENGLISH_NAMES.get(key, key)


def swedish_twins_of(city: str) -> list[dict]:
    """Swedish municipalities twinned with ``city`` in the public list."""
    key = normalise_text(city)
    if not key:
        return []
    pairs = TwinTownPair.objects.filter(
        Q(city_key=key, partner_country="Sweden") | Q(partner_city_key=key, country="Sweden")
    ).order_by("city", "partner_city")
    by_name = {
        normalise_text(m.short_name): m for m in Municipality.objects.only("short_name", "slug")
    }
    found = {}
    for pair in pairs:
        if pair.city_key == key and pair.partner_country == "Sweden":
            swedish, other, country = pair.partner_city, pair.city, pair.country
        else:
            swedish, other, country = pair.city, pair.partner_city, pair.partner_country
        municipality = by_name.get(_municipality_key(swedish))
        found.setdefault(
            (swedish, country),
            {"swedish": swedish, "municipality": municipality, "city": other, "country": country},
        )
    return sorted(found.values(), key=lambda row: normalise_text(row["swedish"]))


def public_list_for(municipality) -> list[dict]:
    """The twin towns of the municipality in the public list, as {city, country}."""
    keys = {normalise_text(municipality.short_name)}
    keys |= {english for english, swedish in ENGLISH_NAMES.items() if swedish in keys}
    pairs = TwinTownPair.objects.filter(
        Q(city_key__in=keys, country="Sweden")
        | Q(partner_city_key__in=keys, partner_country="Sweden")
    )
    found = {}
    for pair in pairs:
        if pair.city_key in keys and pair.country == "Sweden":
            city, country = pair.partner_city, pair.partner_country
        else:
            city, country = pair.city, pair.country
        found[(normalise_name(city), country)] = {"city": city, "country": country}
    return sorted(found.values(), key=lambda row: (row["country"], row["city"]))


def registry_differences(municipality, similarity=90) -> dict:
    """Twin towns in the registry and in the public list: matched, only in the registry, only
    in the list (to review; nothing is changed)."""
    registry = list(
        Partnership.objects.filter(municipality=municipality, kind=Partnership.Kind.TWIN_TOWN)
        .select_related("partner")
        .order_by("partner__name", "pk")
    )
    listed = public_list_for(municipality)
    unmatched = list(listed)
    matched, registry_only = [], []
    for partnership in registry:
        country = str(partnership.partner.country.name)
        name = normalise_name(partnership.partner.name)
        best = None
        for row in unmatched:
            score = fuzz.token_set_ratio(name, normalise_name(row["city"]))
            if score >= similarity and (country == row["country"] or best is None):
                best = row
        if best:
            unmatched.remove(best)
            matched.append({"partnership": partnership, "listed": best})
        else:
            registry_only.append(partnership)
    return {"matched": matched, "registry_only": registry_only, "list_only": unmatched}


def overview_counts() -> dict:
    from .models import EUProject

    return {
        "organisations": EUOrganisation.objects.count(),
        "projects": EUProject.objects.count(),
        "participations": Participation.objects.count(),
        "twin_town_pairs": TwinTownPair.objects.count(),
    }


def group_by_programme(rows):
    grouped = defaultdict(list)
    for row in rows:
        grouped[row["project__programme"]].append(row)
    return dict(grouped)


def corrections(*, pending: bool):
    """Proposed corrections of EU organisations, pending or decided, newest first."""
    from .models import OrganisationCorrection

    rows = OrganisationCorrection.objects.select_related(
        "organisation", "municipality", "proposed_by", "decided_by"
    )
    if pending:
        return rows.filter(status=OrganisationCorrection.Status.PENDING)
    return rows.exclude(status=OrganisationCorrection.Status.PENDING).order_by("-decided_at")
