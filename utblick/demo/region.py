"""Region-scale demo data: all 290 municipalities, for load tests (`load_demo --scale region`).

About 30,000 projects and 50,000 partner organisations, with units, partnerships, network
memberships, project partners, Agenda 2030 goals and status changes, spread over every
municipality in the reference data (all activated). The records are generated, not facts:
every generated organisation carries ``REGION_NOTE`` in its notes.

Fast by construction: rows are written with ``bulk_create`` in batches, one transaction per
group of municipalities; only the few networks and the one coordinator per municipality are
saved row by row, through their write paths. History (django-simple-history) is written in
bulk too, as one "created" record per organisation, project, partnership, unit and project
partner (a coordinator's membership gets its own as it is saved); the activation of the
municipalities (a queryset update) and the many-to-many goals have no history records.

Idempotent per municipality: one that already holds region data (an organisation with
``REGION_NOTE``) is skipped, so a second run adds nothing and an interrupted run is completed
by the next one. Generation is deterministic (a fixed seed per municipality).
"""

from __future__ import annotations

import datetime
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone, translation
from django_countries import countries

from utblick.partners.models import Network, NetworkMembership, Organisation, Partnership
from utblick.projects.models import (
    FunderProgramme,
    Project,
    ProjectPartner,
    ProjectStatusChange,
    SustainableDevelopmentGoal,
)
from utblick.tenancy import services as tenancy_services
from utblick.tenancy.models import Membership, Municipality, Role, Unit, User

from .region_data import (
    ACRONYMS,
    CITIES,
    COUNTRY_WEIGHTS,
    FOREIGN_ORGANISATIONS,
    SETTINGS,
    SWEDISH_ORGANISATIONS,
    THEMES,
    UNITS,
)

REGION_NOTE = "Genererad demodata (regionskala)."
TOTAL_PROJECTS = 30_000
TOTAL_ORGANISATIONS = 50_000
BATCH_SIZE = 2_000
# Municipalities written per transaction (and per progress line step).
GROUP_SIZE = 10
# The largest municipalities get a larger share of the data.
BIG = {"0180": 12.0, "1480": 9.0, "1280": 6.0, "0380": 4.0, "0580": 3.0, "1880": 3.0}

STATUSES = [  # (status, share in per cent)
    (Project.Status.COMPLETED, 40),
    (Project.Status.ONGOING, 25),
    (Project.Status.GRANTED, 8),
    (Project.Status.SUBMITTED, 7),
    (Project.Status.PREPARATION, 7),
    (Project.Status.IDEA, 7),
    (Project.Status.REJECTED, 4),
    (Project.Status.WITHDRAWN, 2),
]
RUNNING_OR_DONE = {Project.Status.COMPLETED, Project.Status.ONGOING, Project.Status.GRANTED}


@dataclass
class Result:
    municipalities: int = 0
    skipped: int = 0
    counts: dict = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, name, number):
        self.counts[name] = self.counts.get(name, 0) + number


def share(total, weights, minimum):
    """``total`` split over ``weights`` (a dict), at least ``minimum`` each."""
    whole = sum(weights.values())
    return {key: max(minimum, round(total * weight / whole)) for key, weight in weights.items()}


def municipality_weights(municipalities):
    """A size weight per municipality: skewed (few large, many small), deterministic."""
    weights = {}
    for municipality in municipalities:
        rng = random.Random(f"weight-{municipality.code}")  # noqa: S311 (demo data)
        weights[municipality.pk] = BIG.get(municipality.code, rng.lognormvariate(0, 0.6))
    return weights


class Reference:
    """Shared reference data and precomputed values, loaded once per run."""

    def __init__(self):
        self.programmes = list(FunderProgramme.objects.values_list("pk", flat=True))
        self.goals = list(SustainableDevelopmentGoal.objects.values_list("pk", flat=True))
        self.networks = ensure_networks()
        self.password = make_password(_demo_password())  # one hash, shared by the demo users
        self.today = timezone.localdate()
        with translation.override("sv"):
            self.country_sv = {code: str(countries.name(code)) for code in CITIES}
        with translation.override("en"):
            self.country_en = {code: str(countries.name(code)) for code in CITIES}
        codes = list(CITIES)
        self.countries = codes
        self.country_weights = [COUNTRY_WEIGHTS.get(code, 1) for code in codes]
        self.status_values = [status for status, _ in STATUSES]
        self.status_weights = [weight for _, weight in STATUSES]


def _demo_password():
    from utblick.demo.loader import DEMO_PASSWORD

    return DEMO_PASSWORD


def ensure_networks():
    """The demo's networks, through their write path (created if missing, otherwise left as
    they are); their primary keys."""
    from utblick.demo.loader import NETWORKS
    from utblick.partners.services import save_network

    pks = []
    for data in NETWORKS:
        network = Network.objects.filter(name=data["name"]).first()
        if network is None:
            network = save_network(**data)
        pks.append(network.pk)
    return pks


def load_region(*, scale=1.0, stdout=None, batch_size=BATCH_SIZE):
    """Create the region-scale data (``scale`` multiplies the totals); returns a Result."""
    started = time.monotonic()
    result = Result()
    all_municipalities = list(Municipality.objects.order_by("code"))
    done = set(
        Organisation.objects.filter(notes=REGION_NOTE)
        .values_list("municipality_id", flat=True)
        .distinct()
    )
    todo = [m for m in all_municipalities if m.pk not in done]
    result.skipped = len(all_municipalities) - len(todo)
    weights = municipality_weights(all_municipalities)
    plan = Plan(
        projects=share(TOTAL_PROJECTS * scale, weights, 1),
        organisations=share(TOTAL_ORGANISATIONS * scale, weights, 2),
    )
    reference = Reference()
    _activate(all_municipalities)
    for start in range(0, len(todo), GROUP_SIZE):
        group = todo[start : start + GROUP_SIZE]
        with transaction.atomic():
            _group(group, reference, plan, result, batch_size)
        result.municipalities += len(group)
        if stdout is not None:
            stdout.write(
                f"  {result.skipped + result.municipalities:>3}/{len(all_municipalities)} "
                f"municipalities, {result.counts.get('projects', 0):,} projects, "
                f"{result.counts.get('organisations', 0):,} organisations, "
                f"{time.monotonic() - started:.1f} s"
            )
    result.seconds = time.monotonic() - started
    return result


@dataclass
class Plan:
    """How many projects and organisations each municipality (by pk) gets."""

    projects: dict
    organisations: dict


def _activate(municipalities):
    """Activate every municipality (one update; the activation has no history record)."""
    now = timezone.now()
    inactive = [m.pk for m in municipalities if not m.is_active]
    Municipality.objects.filter(pk__in=inactive).update(
        is_active=True,
        activated_at=now,
        content_reviewed_on=now.date(),
        accessibility_assessed_on=now.date(),
    )


def _bulk(model, objs, batch_size, *, history=True):
    """bulk_create (primary keys are set on ``objs``), then one "created" history record each,
    also in bulk."""
    if not objs:
        return objs
    model.objects.bulk_create(objs, batch_size=batch_size)
    if history and hasattr(model, "history"):
        model.history.bulk_history_create(objs, batch_size=batch_size)
    return objs


def _by_municipality(records):
    grouped = defaultdict(list)
    for record in records:
        grouped[record.municipality_id].append(record)
    return grouped


def _group(group, ref, plan, result, batch_size):
    """Generate and write a group of municipalities: a few bulk inserts per model."""
    rngs = {m.pk: random.Random(f"region-{m.code}") for m in group}  # noqa: S311
    pks = list(rngs)
    existing = _by_municipality(Unit.objects.filter(municipality_id__in=pks))
    new_units = [unit for m in group for unit in _units(m, rngs[m.pk], existing[m.pk])]
    _bulk(Unit, new_units, batch_size)
    units = _by_municipality([*new_units, *(u for units in existing.values() for u in units)])
    _coordinators(group, ref, batch_size)

    taken = defaultdict(set)
    names = Organisation.objects.filter(municipality_id__in=pks)
    for municipality_id, name, country in names.values_list("municipality_id", "name", "country"):
        taken[municipality_id].add((name, country))
    orgs = {
        m.pk: _organisations(m, ref, rngs[m.pk], plan.organisations[m.pk], units[m.pk], taken)
        for m in group
    }
    _bulk(Organisation, [org for batch in orgs.values() for org in batch], batch_size)

    partnerships = [
        p for m in group for p in _partnerships(m, ref, rngs[m.pk], orgs[m.pk], units[m.pk])
    ]
    _bulk(Partnership, partnerships, batch_size)
    in_networks = defaultdict(set)
    rows = NetworkMembership.objects.filter(municipality_id__in=pks)
    for municipality_id, network_id in rows.values_list("municipality_id", "network_id"):
        in_networks[municipality_id].add(network_id)
    memberships = [
        membership
        for m in group
        for membership in _network_memberships(m, ref, rngs[m.pk], units[m.pk], in_networks[m.pk])
    ]
    _bulk(NetworkMembership, memberships, batch_size)

    projects = {
        m.pk: _projects(m, ref, rngs[m.pk], plan.projects[m.pk], units[m.pk]) for m in group
    }
    _bulk(Project, [project for batch in projects.values() for project in batch], batch_size)
    partners, goals, changes = [], [], []
    for m in group:
        more = _project_details(ref, rngs[m.pk], projects[m.pk], orgs[m.pk])
        partners += more[0]
        goals += more[1]
        changes += more[2]
    _bulk(ProjectPartner, partners, batch_size)
    Project.goals.through.objects.bulk_create(goals, batch_size=batch_size)
    ProjectStatusChange.objects.bulk_create(changes, batch_size=batch_size)

    result.add("units", len(new_units))
    result.add("organisations", sum(len(batch) for batch in orgs.values()))
    result.add("partnerships", len(partnerships))
    result.add("network memberships", len(memberships))
    result.add("projects", sum(len(batch) for batch in projects.values()))
    result.add("project partners", len(partners))
    result.add("project goals", len(goals))
    result.add("status changes", len(changes))


def _units(municipality, rng, existing):
    """Two to eight units; the ones the municipality already has (by name) are kept."""
    names = {unit.name_sv for unit in existing}
    wanted = [UNITS[0], UNITS[8]] + rng.sample(UNITS[1:8] + UNITS[9:], rng.randint(2, 6))
    return [
        Unit(municipality=municipality, name=name_sv, name_sv=name_sv, name_en=name_en, kind=kind)
        for name_sv, name_en, kind in wanted
        if name_sv not in names
    ]


def _coordinators(group, ref, batch_size):
    """<slug>-samordnare: a coordinator of each municipality, with the demo password (an
    existing account and membership are kept)."""
    usernames = {f"{m.slug}-samordnare": m for m in group}
    existing = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    User.objects.bulk_create(
        [
            User(
                username=username,
                first_name=m.short_name,
                last_name="Samordnare",
                email=f"{username}@example.se",
                password=ref.password,
            )
            for username, m in usernames.items()
            if username not in existing
        ],
        batch_size=batch_size,
    )
    users = {user.username: user for user in User.objects.filter(username__in=usernames)}
    members = set(
        Membership.objects.filter(user__in=users.values()).values_list("user_id", "municipality_id")
    )
    # Through the memberships' write path (its rules, the audit log): one per municipality.
    for username, m in usernames.items():
        if (users[username].pk, m.pk) not in members:
            tenancy_services.add_member(municipality=m, user=users[username], role=Role.COORDINATOR)


def _organisations(municipality, ref, rng, number, units, taken):
    taken = taken[municipality.pk]
    objs = []
    attempts = 0
    while len(objs) < number and attempts < number * 20:
        attempts += 1
        country = rng.choices(ref.countries, ref.country_weights)[0]
        city = rng.choice(CITIES[country])
        templates = SWEDISH_ORGANISATIONS if country == "SE" else FOREIGN_ORGANISATIONS
        template, kind = rng.choice(templates)
        name = template.format(city=city)
        if (name, country) in taken:
            continue
        taken.add((name, country))
        objs.append(
            Organisation(
                municipality=municipality,
                name=name,
                kind=kind,
                country=country,
                city=city,
                website=f"https://www.example.{country.lower()}/{len(objs)}",
                pic=f"{rng.randrange(10**8, 10**9)}" if rng.random() < 0.3 else "",
                notes=REGION_NOTE,
                unit=rng.choice(units),
            )
        )
    return objs


def _partnerships(municipality, ref, rng, orgs, units):
    towns = [org for org in orgs if org.kind == Organisation.Kind.MUNICIPALITY]
    chosen = rng.sample(towns, min(len(towns), rng.randint(1, 6)))
    objs = []
    for org in chosen:
        kind = rng.choices(list(Partnership.Kind), [5, 2, 3])[0]
        since = datetime.date(rng.randint(1950, 2024), rng.randint(1, 12), 1)
        description = {
            Partnership.Kind.TWIN_TOWN: ("Vänort i", "Twin town in"),
            Partnership.Kind.FRIENDSHIP: ("Vänskapsort i", "Friendship town in"),
            Partnership.Kind.COOPERATION: ("Samarbete med en kommun i", "Cooperation in"),
        }[kind]
        country = str(org.country)
        objs.append(
            Partnership(
                municipality=municipality,
                partner=org,
                kind=kind,
                since=since,
                status=rng.choices(list(Partnership.Status), [8, 1, 1])[0],
                description=f"{description[0]} {ref.country_sv[country]}.",
                description_sv=f"{description[0]} {ref.country_sv[country]}.",
                description_en=f"{description[1]} {ref.country_en[country]}.",
                is_public=rng.random() < 0.85,
                unit=units[0],
                decision_body=rng.choice(["kf", "ks", ""]),
                decision_date=since if rng.random() < 0.5 else None,
            )
        )
    return objs


def _network_memberships(municipality, ref, rng, units, taken):
    free = [pk for pk in ref.networks if pk not in taken]
    chosen = rng.sample(free, min(len(free), rng.randint(0, 2)))
    return [
        NetworkMembership(
            municipality=municipality,
            network_id=pk,
            member_since=datetime.date(rng.randint(1995, 2024), 1, 1),
            is_public=True,
            unit=units[0],
        )
        for pk in chosen
    ]


def _dates(status, rng, today):
    """Start and end dates that fit the status (completed in the past, ongoing now, ...)."""
    day = datetime.timedelta(days=1)
    if status == Project.Status.COMPLETED:
        end = today - day * rng.randint(30, 15 * 365)
        return end - day * rng.randint(180, 3 * 365), end
    if status == Project.Status.ONGOING:
        return today - day * rng.randint(30, 3 * 365), today + day * rng.randint(30, 3 * 365)
    if status == Project.Status.GRANTED:
        start = today + day * rng.randint(-60, 240)
        return start, start + day * rng.randint(365, 3 * 365)
    if status in (Project.Status.REJECTED, Project.Status.WITHDRAWN):
        start = today - day * rng.randint(60, 6 * 365)
        return start, start + day * rng.randint(365, 3 * 365)
    if rng.random() < 0.5:
        return None, None
    start = today + day * rng.randint(90, 2 * 365)
    return start, start + day * rng.randint(365, 3 * 365)


def _projects(municipality, ref, rng, number, units):
    objs = []
    for _ in range(number):
        (theme_sv, theme_en), (place_sv, place_en) = rng.choice(THEMES), rng.choice(SETTINGS)
        country = rng.choices(ref.countries, ref.country_weights)[0]
        status = rng.choices(ref.status_values, ref.status_weights)[0]
        start, end = _dates(status, rng, ref.today)
        public = rng.random() < (0.75 if status in RUNNING_OR_DONE else 0.1)
        currency = Project.Currency.EUR if rng.random() < 0.4 else Project.Currency.SEK
        budget = Decimal(rng.randrange(200, 20_000) * 1000)
        if currency == Project.Currency.EUR:
            budget = (budget / 10).quantize(Decimal("1"))
        grant = (budget * Decimal(rng.randint(50, 85)) / 100).quantize(Decimal("1"))
        acronym = f"{rng.choice(ACRONYMS)}-{rng.randint(2, 99)}" if rng.random() < 0.3 else ""
        title_sv, title_en = f"{theme_sv} {place_sv}", f"{theme_en} {place_en}"
        call = f"{rng.choice(ACRONYMS)}-{rng.randint(2014, 2027)}-{rng.randint(1, 9)}"
        summary_sv = (
            f"{theme_sv} {place_sv}: erfarenhetsutbyte och gemensam utveckling med partner i "
            f"{ref.country_sv[country]}."
        )
        summary_en = (
            f"{theme_en} {place_en}: exchange of experience and joint development with "
            f"partners in {ref.country_en[country]}."
        )
        objs.append(
            Project(
                municipality=municipality,
                title=title_sv,
                title_sv=title_sv,
                title_en=title_en,
                acronym=acronym,
                acronym_sv=acronym,
                summary=summary_sv,
                summary_sv=summary_sv,
                summary_en=summary_en,
                role=rng.choices(list(Project.Role), [25, 60, 15])[0],
                unit=rng.choice(units),
                programme_id=rng.choice(ref.programmes) if ref.programmes else None,
                call_identifier=call,
                start_date=start,
                end_date=end,
                status=status,
                currency=currency,
                exchange_rate=Decimal("11.2000") if currency == Project.Currency.EUR else None,
                budget_total=budget,
                grant=grant,
                own_cash=budget - grant,
                is_public=public,
            )
        )
    return objs


def _project_details(ref, rng, projects, orgs):
    """Partners (for most projects), one to three goals and the status changes (unsaved)."""
    partners, goals, changes = [], [], []
    through = Project.goals.through
    for project in projects:
        if orgs and rng.random() < 0.7:
            for org in rng.sample(orgs, min(len(orgs), rng.randint(1, 4))):
                role = rng.choices(list(ProjectPartner.Role), [1, 6, 2])[0]
                partners.append(ProjectPartner(project=project, organisation=org, role=role))
        if ref.goals:
            for goal in rng.sample(ref.goals, rng.randint(1, 3)):
                goals.append(through(project_id=project.pk, sustainabledevelopmentgoal_id=goal))
        date = project.start_date or ref.today
        if project.status in (Project.Status.ONGOING, Project.Status.COMPLETED):
            changes.append(ProjectStatusChange(project=project, status="granted", date=date))
            changes.append(ProjectStatusChange(project=project, status="ongoing", date=date))
        if project.status != Project.Status.ONGOING:
            if project.status == Project.Status.COMPLETED and project.end_date:
                date = project.end_date
            changes.append(ProjectStatusChange(project=project, status=project.status, date=date))
    return partners, goals, changes
