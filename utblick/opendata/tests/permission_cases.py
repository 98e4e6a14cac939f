"""Permission cases of the opendata app; see tenancy/tests/test_permission_matrix."""


class Shared(dict):
    """URL arguments of shared reference data (imported EU organisations): the same record is
    shown under every municipality's address, so the "another municipality's id under one's
    own slug is not found" check does not apply (the matrix skips falsy arguments)."""

    def __bool__(self):
        return False


STAFF = {
    "opendata_search": ("view", lambda r: {}),
    "opendata_organisation": ("view", lambda r: Shared(pk=r["eu_organisation"].pk)),
    "opendata_import": ("manage", lambda r: {}),
    "opendata_links": ("view", lambda r: {}),
    "opendata_match": ("manage", lambda r: {}),
    "opendata_link_decide": ("change", lambda r: {"pk": r["organisation_link"].pk}),
    "opendata_twintowns": ("view", lambda r: {}),
    "api_token": ("view", lambda r: {}),
    "duediligence_list": ("view", lambda r: {}),
    "duediligence_create": ("create", lambda r: {}),
    "duediligence_detail": ("view", lambda r: {"pk": r["due_diligence"].pk}),
    "duediligence_edit": ("change", lambda r: {"pk": r["due_diligence"].pk}),
}
PUBLIC = {
    "opendata_downloads": ("public", lambda r: {}),
    "opendata_download": ("public", lambda r: {"dataset": "projects", "fmt": "csv"}),
    "opendata_download#xlsx": ("public", lambda r: {"dataset": "partnerships", "fmt": "xlsx"}),
    "opendata_download#json": ("public", lambda r: {"dataset": "networks", "fmt": "json"}),
}
