"""Permission cases of the newsletter app; see tenancy/tests/test_permission_matrix."""


def _issue(r):
    return {"pk": r["issue"].pk}


def _subscriber(r):
    return {"pk": r["subscriber"].pk}


STAFF = {
    "newsletter_overview": ("view", lambda r: {}),
    "newsletter_list_create": ("manage", lambda r: {}),
    "newsletter_list_edit": ("manage", lambda r: {"pk": r["mailing_list"].pk}),
    "newsletter_subscriber_list": ("manage", lambda r: {}),
    "newsletter_subscriber_detail": ("manage", _subscriber),
    "newsletter_subscriber_export": ("manage", _subscriber),
    "newsletter_subscriber_erase": ("manage", _subscriber),
    "newsletter_issue_create": ("manage", lambda r: {}),
    "newsletter_issue_detail": ("view", _issue),
    "newsletter_issue_detail#sent": ("view", lambda r: {"pk": r["sent_issue"].pk}),
    "newsletter_issue_edit": ("manage", _issue),
    "newsletter_issue_preview": ("view", _issue),
    "newsletter_issue_test": ("manage", _issue),
    "newsletter_issue_send": ("manage", _issue),
    "newsletter_issue_cancel": ("manage", lambda r: {"pk": r["scheduled_issue"].pk}),
}
PUBLIC = {
    "newsletter_subscribe": ("public", lambda r: {}),
    "newsletter_subscribe_sent": ("public", lambda r: {}),
    "newsletter_confirm": ("public", lambda r: {"token": r["confirm_token"]}),
    "newsletter_manage": ("public", lambda r: {"key": r["subscriber"].key}),
    "newsletter_manage#unknown": ("hidden", lambda r: {"key": "no-such-key"}),
    "newsletter_unsubscribe": (
        "public",
        lambda r: {"key": r["subscriber"].key, "list_pk": r["mailing_list"].pk},
    ),
    "newsletter_archive": ("public", lambda r: {}),
    "newsletter_archive_issue": ("public", lambda r: {"pk": r["sent_issue"].pk}),
    "newsletter_archive_issue#draft": ("hidden", _issue),
    "newsletter_archive_issue#internal": ("hidden", lambda r: {"pk": r["internal_sent_issue"].pk}),
}
