"""Names compared in any case: the one comparison the services' name rules and look-ups share.

Compared in Python (``str.casefold``), not with ``__iexact`` or ``Lower``: SQLite folds the
case of ASCII letters only ("Näringslivsenheten" and "NÄRINGSLIVSENHETEN" would both pass
there), and so does PostgreSQL in a database whose locale is "C"; ``casefold`` is the same
everywhere. The records compared are the few a caller has narrowed them to (a municipality's
units, its organisations in one country, its open action items, a strategy's focus areas, the
shared networks and tags).
"""


def folded(name) -> str:
    """``name`` as names are compared: without surrounding white space, case folded."""
    return (name or "").strip().casefold()


def name_taken(records, field: str, name: str, *, record=None) -> bool:
    """Whether another of ``records`` (a queryset) than ``record`` has ``name`` in
    ``field``, ignoring case and surrounding white space."""
    wanted = folded(name)
    if not wanted:
        return False
    others = records.values_list(field, flat=True)
    if record is not None and record.pk:
        others = others.exclude(pk=record.pk)
    return any(folded(other) == wanted for other in others)


def named(records, field: str, names):
    """The ``records`` (a queryset) whose ``field`` is one of ``names``, ignoring case and
    surrounding white space: a queryset still, to order, limit or combine. Reads ``field``
    of every one of ``records``, so narrow them first."""
    wanted = {folded(name) for name in names} - {""}
    if not wanted:
        return records.none()
    matching = [pk for pk, value in records.values_list("pk", field) if folded(value) in wanted]
    return records.filter(pk__in=matching)
