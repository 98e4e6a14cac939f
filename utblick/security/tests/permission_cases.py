"""Permission cases of the audit log; see tenancy/tests/test_permission_matrix."""

STAFF = {
    "audit_log": ("manage", lambda r: {}),
    "member_second_factor": ("manage", lambda r: {"pk": r["membership"].pk}),
    "invitation_enrolment_link": ("manage", lambda r: {"pk": r["invitation"].pk}),
}
PUBLIC = {}
