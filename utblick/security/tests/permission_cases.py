"""Permission cases of the audit log; see tenancy/tests/test_permission_matrix."""

STAFF = {"audit_log": ("manage", lambda r: {})}
PUBLIC = {}
