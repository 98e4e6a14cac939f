"""Permission cases for the job pages; see tenancy/tests/test_permission_matrix."""

STAFF = {
    "job_list": ("view", lambda r: {}),
    "job_detail": ("view", lambda r: {"pk": r["job"].pk}),
    "job_status": ("view", lambda r: {"pk": r["job"].pk}),
}
PUBLIC = {}
