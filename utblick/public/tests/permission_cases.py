"""Public URLs: "public" is 200 for every persona, "hidden" is 404 for every persona.

The sample records come from the projects app's ``world_records`` (``public_project``,
``internal_project`` and the public project's public and internal documents).
"""

from utblick.tenancy.tests.test_permission_matrix import GLOBAL

STAFF = {}


def _document(key):
    def build(records):
        return {"project_pk": records["public_project"].pk, "pk": records[key].pk}

    return build


PUBLIC = {
    "index": ("public", lambda r: {"municipality_slug": GLOBAL}),
    "home": ("public", lambda r: {}),
    "partners": ("public", lambda r: {}),
    "networks": ("public", lambda r: {}),
    "projects_ongoing": ("public", lambda r: {}),
    "projects_completed": ("public", lambda r: {}),
    "project_detail": ("public", lambda r: {"pk": r["public_project"].pk}),
    "project_detail#internal": ("hidden", lambda r: {"pk": r["internal_project"].pk}),
    "document_download": ("public", _document("project_document")),
    "document_download#internal": ("hidden", _document("internal_project_document")),
    "contact": ("public", lambda r: {}),
    "accessibility": ("public", lambda r: {}),
}
