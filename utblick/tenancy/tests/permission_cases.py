"""Permission cases for the tenancy URLs; see test_permission_matrix for the contract."""

STAFF = {
    "municipality_edit": ("manage", lambda r: {}),
    "unit_list": ("view", lambda r: {}),
    "unit_create": ("manage", lambda r: {}),
    "unit_edit": ("manage", lambda r: {"pk": r["unit"].pk}),
    "member_create": ("manage", lambda r: {}),
    "member_edit": ("manage", lambda r: {"pk": r["membership"].pk}),
    "member_remove": ("manage", lambda r: {"pk": r["membership"].pk}),
    "invitation_withdraw": ("manage", lambda r: {"pk": r["invitation"].pk}),
}

PUBLIC = {}
