"""Staff views of the partners app, under /staff/<municipality-slug>/."""

from .networks import (
    membership_create,
    membership_delete,
    membership_detail,
    membership_edit,
    membership_list,
    network_create,
)
from .organisations import (
    contact_create,
    contact_delete,
    contact_edit,
    organisation_create,
    organisation_delete,
    organisation_detail,
    organisation_edit,
    organisation_list,
)
from .partnerships import (
    activity_add,
    partnership_agreement,
    partnership_create,
    partnership_delete,
    partnership_detail,
    partnership_edit,
    partnership_list,
)

__all__ = [
    "activity_add",
    "contact_create",
    "contact_delete",
    "contact_edit",
    "membership_create",
    "membership_delete",
    "membership_detail",
    "membership_edit",
    "membership_list",
    "network_create",
    "organisation_create",
    "organisation_delete",
    "organisation_detail",
    "organisation_edit",
    "organisation_list",
    "partnership_agreement",
    "partnership_create",
    "partnership_delete",
    "partnership_detail",
    "partnership_edit",
    "partnership_list",
]
