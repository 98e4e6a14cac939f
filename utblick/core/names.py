"""Whether a name is taken, in any case: the one comparison the services' name rules share.

Compared in Python, not with ``__iexact``: SQLite folds the case of ASCII letters only
("Näringslivsenheten" and "NÄRINGSLIVSENHETEN" would both pass there), PostgreSQL all. The
lists this is used for are short (a municipality's units, a strategy's focus areas, the
shared networks).
"""


def name_taken(records, field: str, name: str, *, record=None) -> bool:
    """Whether another of ``records`` (a queryset) than ``record`` has ``name`` in
    ``field``, ignoring case and surrounding white space."""
    wanted = (name or "").strip().casefold()
    if not wanted:
        return False
    others = records.values_list(field, flat=True)
    if record is not None and record.pk:
        others = others.exclude(pk=record.pk)
    return any((other or "").strip().casefold() == wanted for other in others)
