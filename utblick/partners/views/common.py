"""Helpers shared by the views of the partners app."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from utblick.tenancy import permissions


class Redirect:
    """A save result that sends the browser to ``url`` (for ``form_page``)."""

    def __init__(self, url):
        self.url = url

    def get_absolute_url(self):
        return self.url


def rep_unit(request, municipality):
    """The unit of a unit representative (forced as responsible unit), else None."""
    return permissions.unit_of(request.user, municipality)


def confirm_delete(request, *, obj, delete, cancel_url, done_url, municipality, blocked=()):
    """Ask before deleting; delete on POST unless something still depends on the record.

    ``delete`` is the service call; ``blocked`` lists the reasons the record must stay.
    """
    if request.method == "POST" and not blocked:
        name = str(obj)
        if delete() is not False:
            messages.success(request, _("“%(name)s” was deleted.") % {"name": name})
            return redirect(done_url)
        blocked = [_("It is still in use.")]
    context = {
        "object": obj,
        "blocked": blocked,
        "cancel_url": cancel_url,
        "municipality": municipality,
    }
    status = 409 if request.method == "POST" else 200
    return render(request, "staff/partners/confirm_delete.html", context, status=status)
