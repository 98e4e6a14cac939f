from .calls import (  # noqa: F401
    calendar,
    call_create,
    call_detail,
    call_edit,
    call_import,
    call_list,
    call_watch,
    consortium_check,
    feed,
    need_create,
    need_detail,
    need_edit,
    need_list,
    need_mark,
)
from .rules import (  # noqa: F401
    programme_rule_create,
    programme_rule_delete,
    programme_rule_detail,
    programme_rule_edit,
    programme_rule_list,
)
