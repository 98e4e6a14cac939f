"""Permission cases of the strategy app; see tenancy/tests/test_permission_matrix."""


def _plan(r):
    return {"pk": r["action_plan"].pk}


def _activity(r):
    return {"pk": r["activity"].pk}


STAFF = {
    "strategy_overview": ("view", lambda r: {}),
    "action_plan_detail": ("view", _plan),
    "activity_create": ("create", _plan),
    "action_plan_export#csv": ("view", lambda r: {**_plan(r), "fmt": "csv"}),
    "action_plan_export#xlsx": ("view", lambda r: {**_plan(r), "fmt": "xlsx"}),
    "action_plan_import": ("create", _plan),
    "action_plan_report": ("view", _plan),
    "action_plan_report_file#docx": ("view", lambda r: {**_plan(r), "fmt": "docx"}),
    "action_plan_report_file#pdf": ("view", lambda r: {**_plan(r), "fmt": "pdf"}),
    "action_plan_document#docx": ("view", lambda r: {**_plan(r), "fmt": "docx"}),
    "action_plan_document#pdf": ("view", lambda r: {**_plan(r), "fmt": "pdf"}),
    "activity_detail": ("view", _activity),
    "activity_edit": ("change", _activity),
    "activity_delete": ("change", _activity),
    "activity_entry_create": ("change", _activity),
    "activity_entry_attachment": (
        "view",
        lambda r: {"pk": r["activity"].pk, "entry_pk": r["follow_up_entry"].pk},
    ),
}
PUBLIC = {
    "strategy": ("public", lambda r: {}),
}
