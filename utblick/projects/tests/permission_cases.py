"""Permission cases for the project URLs; see tenancy/tests/test_permission_matrix.py."""


def _project(r):
    return {"pk": r["project"].pk}


def _document(r):
    return {"pk": r["project"].pk, "document_pk": r["project_document"].pk}


def _report(r):
    return {"pk": r["project"].pk, "report_pk": r["project_report"].pk}


STAFF = {
    "project_list": ("view", lambda r: {}),
    "project_create": ("create", lambda r: {}),
    "project_detail": ("view", _project),
    "project_detail#internal": ("view", lambda r: {"pk": r["internal_project"].pk}),
    "project_edit": ("change", _project),
    "project_delete": ("change", _project),
    "project_document_upload": ("change", _project),
    "project_document_download": ("view", _document),
    "project_document_download#internal": (
        "view",
        lambda r: {"pk": r["project"].pk, "document_pk": r["internal_project_document"].pk},
    ),
    "project_document_delete": ("change", _document),
    "project_report_create": ("change", _project),
    "project_report_edit": ("change", _report),
    "project_report_delete": ("change", _report),
}
PUBLIC = {}
