"""Permission cases of the strategy app; see tenancy/tests/test_permission_matrix."""


def _plan(r):
    return {"pk": r["action_plan"].pk}


def _activity(r):
    return {"pk": r["activity"].pk}


def _strategy(r):
    return {"pk": r["strategy"].pk}


def _area(r):
    return {"pk": r["strategy_focus_area"].pk}


def _direction(r):
    return {"pk": r["strategy_direction"].pk}


STAFF = {
    "strategy_overview": ("view", lambda r: {}),
    "strategy_create": ("manage", lambda r: {}),
    "strategy_edit": ("manage", _strategy),
    "strategy_delete": ("manage", _strategy),
    "focus_area_create": ("manage", _strategy),
    "focus_area_edit": ("manage", _area),
    "focus_area_delete": ("manage", _area),
    "direction_create": ("manage", _area),
    "direction_edit": ("manage", _direction),
    "direction_delete": ("manage", _direction),
    "action_plan_create": ("manage", _strategy),
    "action_plan_edit": ("manage", _plan),
    "action_plan_delete": ("manage", _plan),
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
