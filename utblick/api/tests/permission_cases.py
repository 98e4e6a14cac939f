"""Permission cases of the api app; see tenancy/tests/test_permission_matrix."""

STAFF = {}
PUBLIC = {}
