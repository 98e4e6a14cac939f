"""Link a municipality's registry partners to imported EU organisations.

By PIC when the partner has one; else by normalised name within the same country: one exact
match is linked, several exact matches or similar names (rapidfuzz) go to the review list.
Decisions staff made (confirmed or rejected links) are never changed.
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz, process

from utblick.partners.models import Organisation

from .models import EUOrganisation, OrganisationLink
from .text import normalise_name

FUZZY_CUTOFF = 85
FUZZY_LIMIT = 3


def candidates_by_country(countries):
    found = defaultdict(dict)
    rows = EUOrganisation.objects.filter(country__in=countries).values_list(
        "country", "pk", "normalised_name"
    )
    for country, pk, name in rows.iterator(chunk_size=5000):
        found[country][pk] = name
    return found


def proposals(partner, pics, candidates):
    """[(eu_organisation_id, method, score, status)] for one registry partner."""
    link, pending = OrganisationLink.Status.LINKED, OrganisationLink.Status.PENDING
    if partner.pic and partner.pic in pics:
        return [(pics[partner.pic], OrganisationLink.Method.PIC, 100, link)]
    names = candidates.get(partner.country.code, {})
    wanted = normalise_name(partner.name)
    exact = [pk for pk, name in names.items() if name == wanted]
    if len(exact) == 1:
        return [(exact[0], OrganisationLink.Method.NAME, 100, link)]
    if exact:
        return [(pk, OrganisationLink.Method.NAME, 100, pending) for pk in exact]
    similar = process.extract(
        wanted, names, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_CUTOFF, limit=FUZZY_LIMIT
    )
    return [(pk, OrganisationLink.Method.FUZZY, round(score), pending) for _n, score, pk in similar]


def resolve_municipality(municipality, progress=None) -> dict:
    partners = list(Organisation.objects.filter(municipality=municipality).order_by("pk"))
    pics = dict(
        EUOrganisation.objects.filter(pic__in=[p.pic for p in partners if p.pic]).values_list(
            "pic", "pk"
        )
    )
    candidates = candidates_by_country({p.country.code for p in partners})
    existing = {
        (link.organisation_id, link.eu_organisation_id): link
        for link in OrganisationLink.objects.filter(municipality=municipality)
    }
    decided = {key[0] for key, link in existing.items() if link.decided_by_id}
    created = linked = pending = 0
    for done, partner in enumerate(partners, start=1):
        if partner.pk in decided:
            continue
        for eu_id, method, score, status in proposals(partner, pics, candidates):
            key = (partner.pk, eu_id)
            if key in existing:
                continue
            OrganisationLink.objects.create(
                municipality=municipality,
                organisation=partner,
                eu_organisation_id=eu_id,
                method=method,
                score=score,
                status=status,
            )
            created += 1
            linked += status == OrganisationLink.Status.LINKED
            pending += status == OrganisationLink.Status.PENDING
        if progress:
            progress(done, len(partners))
    return {"partners": len(partners), "links": created, "linked": linked, "to_review": pending}
