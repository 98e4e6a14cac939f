"""Every URL x persona x municipality, decided by the one permission module.

Each app declares its URLs in ``<app>/tests/permission_cases.py``:

    STAFF = {"url_name[#variant]": (action, lambda records: kwargs)}
    PUBLIC = {"url_name[#variant]": ("public" | "hidden", lambda records: kwargs)}

Staff actions: view (any role), create (coordinator, unit representatives), change
(coordinator, the representative of the owning unit), manage (coordinator), reference
(shared reference data: superusers only). The sample
records are owned by the unit of the ``rep`` persona. Every URL pattern of the staff and
public namespaces must be covered, so a new view cannot escape the matrix.

A module may also declare ``SHARED = {"url_name", ...}``: staff URLs of shared reference
data (not owned by any municipality), which every municipality sees under its own slug; for
them the matrix expects another municipality's record to be found (200), not 404.
"""

from importlib import import_module

from django.apps import apps
from django.test import TestCase
from django.urls import get_resolver, reverse

from utblick.testing import PERSONAS, build_world, login

# A builder returning {"municipality_slug": GLOBAL} marks a URL outside any municipality.
GLOBAL = object()

ALLOWED = {
    "view": {"reader", "rep_other", "rep", "coordinator", "superuser"},
    "create": {"rep_other", "rep", "coordinator", "superuser"},
    "change": {"rep", "coordinator", "superuser"},
    "manage": {"coordinator", "superuser"},
    "reference": {"superuser"},
}


def collect(kind):
    cases = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("utblick."):
            continue
        try:
            module = import_module(f"{config.name}.tests.permission_cases")
        except ModuleNotFoundError:
            continue
        cases.update(getattr(module, kind, {}))
    return cases


def shared_url_names():
    """The union of the apps' ``SHARED`` sets of URL names."""
    names = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("utblick."):
            continue
        try:
            module = import_module(f"{config.name}.tests.permission_cases")
        except ModuleNotFoundError:
            continue
        names.update(getattr(module, "SHARED", set()))
    return names


def pattern_names(namespace):
    resolver = get_resolver()
    for prefix_resolver in resolver.url_patterns:
        for sub in getattr(prefix_resolver, "url_patterns", []):
            if getattr(sub, "namespace", None) == namespace:
                return {p.name for p in sub.url_patterns if getattr(p, "name", None)}
    return set()


def url_for(namespace, key, builder, side, slug_side=None):
    name = key.split("#")[0]
    kwargs = {"municipality_slug": (slug_side or side).municipality.slug}
    kwargs.update(builder(side.records))
    if kwargs.get("municipality_slug") is GLOBAL:
        del kwargs["municipality_slug"]
    return reverse(f"{namespace}:{name}", kwargs=kwargs)


class PermissionMatrixTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.away = build_world()

    def expect(self, response, allowed, persona, url):
        if allowed:
            self.assertIn(response.status_code, (200, 302), f"{persona} denied {url}")
            if response.status_code == 302:
                self.assertNotIn("/login/", response["Location"], f"{persona} {url}")
        elif persona == "anonymous":
            self.assertEqual(response.status_code, 302, f"{persona} {url}")
            self.assertIn("/login/", response["Location"])
        else:
            self.assertEqual(response.status_code, 403, f"{persona} got in at {url}")

    def test_every_url_pattern_is_covered(self):
        for namespace, kind in (("staff", "STAFF"), ("public", "PUBLIC")):
            covered = {key.split("#")[0] for key in collect(kind)}
            missing = pattern_names(namespace) - covered
            self.assertFalse(missing, f"{namespace} URLs without permission cases: {missing}")

    def test_staff_urls_in_own_municipality(self):
        for key, (action, builder) in collect("STAFF").items():
            url = url_for("staff", key, builder, self.home)
            for persona in PERSONAS:
                with self.subTest(url=url, persona=persona):
                    login(self.client, self.home.users[persona])
                    allowed = persona in ALLOWED[action]
                    self.expect(self.client.get(url), allowed, persona, url)
                    if not allowed and action != "view":
                        self.expect(self.client.post(url, {}), False, persona, url)

    def test_taking_part_does_not_give_the_right_to_change(self):
        """The ``rep_other`` persona's unit takes part in every sample record (a project's
        other units, a network membership's representative units): it still changes and
        deletes none of them; only the owning unit's representative does."""
        for side in (self.home, self.away):
            for record in side.records.values():
                for relation in ("other_units", "representative_units"):
                    if hasattr(record, relation):
                        getattr(record, relation).add(side.other_unit)
        for key, (action, builder) in collect("STAFF").items():
            if action != "change":
                continue
            url = url_for("staff", key, builder, self.home)
            for persona in PERSONAS:
                with self.subTest(url=url, persona=persona):
                    login(self.client, self.home.users[persona])
                    allowed = persona in ALLOWED[action]
                    self.expect(self.client.get(url), allowed, persona, url)
                    if not allowed:
                        self.expect(self.client.post(url, {}), False, persona, url)

    def test_staff_urls_of_another_municipality(self):
        """Home personas get nothing from the other municipality (superuser excepted)."""
        for key, (_action, builder) in collect("STAFF").items():
            url = url_for("staff", key, builder, self.away)
            for persona in PERSONAS:
                with self.subTest(url=url, persona=persona):
                    login(self.client, self.home.users[persona])
                    allowed = persona == "superuser"
                    self.expect(self.client.get(url), allowed, persona, url)
                    if not allowed:
                        self.expect(self.client.post(url, {}), False, persona, url)

    def test_records_of_another_municipality_under_own_slug(self):
        """Another municipality's record ids under one's own slug are not found (shared
        reference data, declared in ``SHARED``, is found)."""
        login(self.client, self.home.users["coordinator"])
        shared = shared_url_names()
        for key, (_action, builder) in collect("STAFF").items():
            if not builder(self.away.records):
                continue
            url = url_for("staff", key, builder, self.away, slug_side=self.home)
            with self.subTest(url=url):
                if key.split("#")[0] in shared:
                    self.assertEqual(self.client.get(url).status_code, 200, url)
                    continue
                self.assertEqual(self.client.get(url).status_code, 404, url)
                self.assertEqual(self.client.post(url, {}).status_code, 404, url)

    def test_public_urls(self):
        for key, (visibility, builder) in collect("PUBLIC").items():
            for side in (self.home, self.away):
                url = url_for("public", key, builder, side)
                for persona in PERSONAS:
                    with self.subTest(url=url, persona=persona):
                        login(self.client, self.home.users[persona])
                        status = self.client.get(url).status_code
                        self.assertEqual(status, 200 if visibility == "public" else 404, url)
