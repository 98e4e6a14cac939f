"""Permission cases for the partners URLs; see test_permission_matrix for the contract.

Records come from ``world_records`` in factories.py and are owned by the ``rep`` persona's unit.
"""

STAFF = {
    "organisation_list": ("view", lambda r: {}),
    "organisation_create": ("create", lambda r: {}),
    "organisation_detail": ("view", lambda r: {"pk": r["partner_organisation"].pk}),
    "organisation_edit": ("change", lambda r: {"pk": r["partner_organisation"].pk}),
    "organisation_delete": ("change", lambda r: {"pk": r["partner_organisation"].pk}),
    "contact_create": ("change", lambda r: {"pk": r["partner_organisation"].pk}),
    "contact_edit": ("change", lambda r: {"pk": r["partner_contact"].pk}),
    "contact_delete": ("change", lambda r: {"pk": r["partner_contact"].pk}),
    "partnership_list": ("view", lambda r: {}),
    "partnership_create": ("create", lambda r: {}),
    "partnership_detail": ("view", lambda r: {"pk": r["partnership"].pk}),
    "partnership_edit": ("change", lambda r: {"pk": r["partnership"].pk}),
    "partnership_delete": ("change", lambda r: {"pk": r["partnership"].pk}),
    "partnership_agreement": ("view", lambda r: {"pk": r["partnership"].pk}),
    "activity_add": ("change", lambda r: {"pk": r["partnership"].pk}),
    "membership_list": ("view", lambda r: {}),
    "membership_create": ("create", lambda r: {}),
    "membership_detail": ("view", lambda r: {"pk": r["network_membership"].pk}),
    "membership_edit": ("change", lambda r: {"pk": r["network_membership"].pk}),
    "membership_delete": ("change", lambda r: {"pk": r["network_membership"].pk}),
    "network_create": ("manage", lambda r: {}),
}
PUBLIC = {}
