"""Staff pages of the programme rules: shared by every municipality on the installation,
read by all staff and edited by coordinators, with the change history."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from utblick.core.crud import confirm_delete_page, form_page, render_list
from utblick.tenancy import permissions
from utblick.tenancy.decorators import staff_view

from .. import selectors, services
from ..filters import ProgrammeRuleFilter
from ..forms import ProgrammeRuleForm
from ..models import ProgrammeRule


class _Saved:
    """What ``form_page`` redirects to: the rule's page under the municipality's slug (a
    shared rule has no municipality of its own)."""

    def __init__(self, rule, municipality):
        self.rule = rule
        self.municipality = municipality

    def get_absolute_url(self):
        return self.rule.url_in(self.municipality)


@staff_view()
def programme_rule_list(request, municipality):
    filterset = ProgrammeRuleFilter(request.GET or None, queryset=selectors.programme_rules())
    return render_list(
        request,
        "staff/funding/rule_list.html",
        filterset=filterset,
        extra={
            "municipality": municipality,
            "can_manage": permissions.allows(request.user, permissions.MANAGE, municipality),
        },
    )


@staff_view()
def programme_rule_detail(request, municipality, pk):
    rule = selectors.programme_rule(pk)
    return render(
        request,
        "staff/funding/rule_detail.html",
        {
            "municipality": municipality,
            "rule": rule,
            "can_manage": permissions.allows(request.user, permissions.MANAGE, municipality),
            "history": selectors.programme_rule_history(rule),
        },
    )


@staff_view(permissions.MANAGE)
def programme_rule_create(request, municipality):
    form = ProgrammeRuleForm(request.POST or None, instance=ProgrammeRule())
    return form_page(
        request,
        form=form,
        save=lambda f: _Saved(
            services.save_programme_rule(form=f, user=request.user), municipality
        ),
        title=_("New programme rule"),
        cancel_url=reverse("staff:programme_rule_list", args=[municipality.slug]),
        template="staff/funding/rule_form.html",
        extra={"municipality": municipality},
        success_message=_("The programme rule was saved for every municipality."),
    )


@staff_view(permissions.MANAGE)
def programme_rule_edit(request, municipality, pk):
    rule = selectors.programme_rule(pk)
    form = ProgrammeRuleForm(request.POST or None, instance=rule)
    return form_page(
        request,
        form=form,
        save=lambda f: _Saved(
            services.save_programme_rule(form=f, user=request.user), municipality
        ),
        title=_("Edit the programme rule %(rule)s") % {"rule": rule},
        cancel_url=rule.url_in(municipality),
        template="staff/funding/rule_form.html",
        extra={"municipality": municipality, "rule": rule},
        success_message=_("The programme rule was saved for every municipality."),
    )


@staff_view(permissions.MANAGE)
@require_http_methods(["GET", "POST"])
def programme_rule_delete(request, municipality, pk):
    rule = selectors.programme_rule(pk)
    return confirm_delete_page(
        request,
        municipality=municipality,
        title=_("Delete the programme rule %(rule)s?") % {"rule": rule},
        consequence=_(
            "The rule is deleted for every municipality on this installation and the "
            "consortium check can no longer use it. Its change history is kept."
        ),
        delete=lambda: services.delete_programme_rule(rule=rule, user=request.user),
        done_url=reverse("staff:programme_rule_list", args=[municipality.slug]),
        cancel_url=rule.url_in(municipality),
        success_message=_("The programme rule %(rule)s was deleted for every municipality.")
        % {"rule": rule},
    )
