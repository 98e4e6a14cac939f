"""Permission cases of the opendata app; see tenancy/tests/test_permission_matrix."""

# URL names of shared reference data (imported EU organisations): the same record is shown
# under every municipality's address, so the matrix checks that another municipality's
# record is found under one's own slug instead of expecting 404.
SHARED = {"opendata_organisation", "opendata_correction_propose"}

STAFF = {
    "opendata_search": ("view", lambda r: {}),
    "opendata_organisation": ("view", lambda r: {"pk": r["eu_organisation"].pk}),
    "opendata_import": ("reference", lambda r: {}),
    "opendata_correction_propose": ("manage", lambda r: {"pk": r["eu_organisation"].pk}),
    "opendata_corrections": ("reference", lambda r: {}),
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
    "opendata_catalogue": ("public", lambda r: {"fmt": "ttl"}),
    "opendata_catalogue#jsonld": ("public", lambda r: {"fmt": "jsonld"}),
    "opendata_download": ("public", lambda r: {"dataset": "projects", "fmt": "csv"}),
    "opendata_download#xlsx": ("public", lambda r: {"dataset": "partnerships", "fmt": "xlsx"}),
    "opendata_download#json": ("public", lambda r: {"dataset": "networks", "fmt": "json"}),
}
