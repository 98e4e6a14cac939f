"""Permission cases for the start page; see test_permission_matrix for the contract."""

STAFF = {
    "dashboard": ("view", lambda r: {}),
}

PUBLIC = {}
