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
from .isg import (  # noqa: F401
    meeting_create,
    meeting_detail,
    meeting_document,
    meeting_edit,
    meeting_list,
    meeting_send,
    member_create,
    member_delete,
    member_edit,
    member_list,
)
from .rules import (  # noqa: F401
    programme_rule_create,
    programme_rule_detail,
    programme_rule_edit,
    programme_rule_list,
)
