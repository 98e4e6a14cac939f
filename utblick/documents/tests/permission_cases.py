"""Permission cases of the documents app; see tenancy/tests/test_permission_matrix."""


def _adopted(r):
    return {"pk": r["adopted_document"].pk}


def _file(r):
    return {"pk": r["adopted_document"].pk, "file_pk": r["document_file"].pk}


STAFF = {
    "document_list": ("view", lambda r: {}),
    "document_create": ("create", lambda r: {}),
    "document_settings": ("manage", lambda r: {}),
    "document_detail": ("view", _adopted),
    "document_detail#draft": ("view", lambda r: {"pk": r["draft_document"].pk}),
    "document_edit": ("change", _adopted),
    "document_delete": ("change", lambda r: {"pk": r["draft_document"].pk}),
    "document_file_upload": ("change", _adopted),
    "document_file_download": ("view", _file),
    "document_file_delete": ("change", _file),
}
PUBLIC = {
    "governing_documents": ("public", lambda r: {}),
    "governing_document": ("public", _adopted),
    "governing_document#draft": ("hidden", lambda r: {"pk": r["draft_document"].pk}),
    "governing_document_file": ("public", _file),
    "governing_document_file#de": (
        "public",
        lambda r: {"pk": r["adopted_document"].pk, "file_pk": r["document_file_de"].pk},
    ),
    "governing_document_file#draft": (
        "hidden",
        lambda r: {"pk": r["draft_document"].pk, "file_pk": r["draft_document_file"].pk},
    ),
}
