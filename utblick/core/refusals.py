"""The broken rules of one record, collected field by field.

Every app's ``*_errors`` function checks a record's values and answers with
{field: [message]} (empty when the record may be saved); ``Refusals`` is the collector they
share::

    refusals = Refusals()
    if not title:
        refusals.refuse("title_sv", _("This field is required."))
    return refusals.as_dict()

The services raise that answer as a ``ValidationError`` (``raise ValidationError(errors)``);
a form's ``clean`` shows it with ``show_on_form``, so that the form and every other writer
refuse the same. ``None`` as the field stands for the record as a whole (a form shows it
above its fields).
"""

from django.utils.translation import gettext as _


class Refusals:
    """{field: [message]} in the order the rules refused them."""

    def __init__(self):
        self._messages: dict[str | None, list] = {}

    def refuse(self, field: str | None, message) -> None:
        """Note that ``field`` breaks a rule; ``message`` says which (translated)."""
        self._messages.setdefault(field, []).append(message)

    def __contains__(self, field) -> bool:
        """Whether ``field`` has been refused already (a later rule may keep quiet then)."""
        return field in self._messages

    def __bool__(self) -> bool:
        return bool(self._messages)

    def as_dict(self) -> dict:
        """The refusals as {field: [message]}, a new dict (empty when nothing was refused)."""
        return {field: list(messages) for field, messages in self._messages.items()}


def show_on_form(form, errors: dict) -> None:
    """Add ``errors`` ({field: [message]}, from a service's ``*_errors``) to ``form``: each
    next to its field, or above the fields when the form has no such field. A field that
    failed to parse already has its error and is not judged again."""
    for field, messages in errors.items():
        if field not in form.errors:
            for message in messages:
                form.add_error(field if field in form.fields else None, message)


def reject_unknown_fields(service: str, fields, allowed) -> None:
    """Raise ``TypeError`` when the keyword data ``fields`` given to ``service`` (its name)
    holds a name outside ``allowed``. That is the caller's mistake, like an unexpected keyword
    argument, not a rule the user broke: those are refused with a ``ValidationError``."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{service}() got unexpected fields: {sorted(unknown)}")


def refused_options(heading: str, refused, options: dict) -> str:
    """A service's refusal (a ``ValidationError`` keyed by field) as a management command
    tells it: ``heading``, then one line per broken rule, the field named by the command's
    option (``options``: field -> option; other fields by their own name)."""
    lines = [heading] + [
        _("%(option)s: %(message)s") % {"option": options.get(field, field), "message": message}
        for field, messages in refused.message_dict.items()
        for message in messages
    ]
    return "\n".join(lines)
