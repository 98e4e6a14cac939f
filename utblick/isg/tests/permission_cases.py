"""Permission cases of the collaboration group; see tenancy/tests/test_permission_matrix."""


def _member(r):
    return {"pk": r["isg_member"].pk}


def _meeting(r):
    return {"pk": r["isg_meeting"].pk}


STAFF = {
    "isg_member_list": ("view", lambda r: {}),
    "isg_member_create": ("manage", lambda r: {}),
    "isg_member_edit": ("manage", _member),
    "isg_member_delete": ("manage", _member),
    "isg_meeting_list": ("view", lambda r: {}),
    "isg_meeting_create": ("manage", lambda r: {}),
    "isg_meeting_detail": ("view", _meeting),
    "isg_meeting_edit": ("manage", _meeting),
    "isg_meeting_send": ("manage", _meeting),
    "isg_meeting_document": ("view", lambda r: {**_meeting(r), "kind": "agenda", "fmt": "docx"}),
    "isg_meeting_document#minutes-pdf": (
        "view",
        lambda r: {**_meeting(r), "kind": "minutes", "fmt": "pdf"},
    ),
}
