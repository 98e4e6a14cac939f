"""Permission cases of the news app; see tenancy/tests/test_permission_matrix."""


def _item(r):
    return {"pk": r["news_item"].pk}


STAFF = {
    "news_list": ("view", lambda r: {}),
    "news_create": ("create", lambda r: {}),
    "news_detail": ("view", _item),
    "news_detail#internal": ("view", lambda r: {"pk": r["internal_news_item"].pk}),
    "news_edit": ("change", _item),
    "news_delete": ("change", _item),
    "news_image": ("view", _item),
}
PUBLIC = {
    "news_index": ("public", lambda r: {}),
    "news_detail": ("public", _item),
    "news_detail#internal": ("hidden", lambda r: {"pk": r["internal_news_item"].pk}),
    "news_detail#upcoming": ("hidden", lambda r: {"pk": r["upcoming_news_item"].pk}),
    "news_image": ("public", _item),
    "news_image#internal": ("hidden", lambda r: {"pk": r["internal_news_item"].pk}),
    "news_rss": ("public", lambda r: {}),
    "news_atom": ("public", lambda r: {}),
}
