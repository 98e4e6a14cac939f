"""Forms of the collaboration group's pages: members, meetings with their agenda, decisions
and action items."""

from django import forms
from django.utils.translation import gettext_lazy as _

from utblick.tenancy.models import Unit

from .models import ActionItem, AgendaItem, GroupMember, Meeting, MeetingDecision


class GroupMemberForm(forms.ModelForm):
    class Meta:
        model = GroupMember
        fields = ["unit", "name", "email"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["unit"].queryset = Unit.objects.filter(municipality=municipality).order_by(
            "name"
        )

    def clean_unit(self):
        unit = self.cleaned_data["unit"]
        taken = GroupMember.objects.filter(municipality=self.municipality, unit=unit)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This unit already has a representative in the group."))
        return unit


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["starts_at", "place", "minutes"]
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}


class NewMeetingForm(MeetingForm):
    class Meta(MeetingForm.Meta):
        fields = ["starts_at", "place"]


class _Legend(forms.BaseInlineFormSet):
    legend = ""


class AgendaFormSetBase(_Legend):
    legend = _("Agenda")


class DecisionFormSetBase(_Legend):
    legend = _("Decisions")


class ActionFormSetBase(_Legend):
    legend = _("Action items")


AgendaFormSet = forms.inlineformset_factory(
    Meeting,
    AgendaItem,
    formset=AgendaFormSetBase,
    fields=["order", "title", "notes"],
    extra=1,
    can_delete=True,
)
DecisionFormSet = forms.inlineformset_factory(
    Meeting, MeetingDecision, formset=DecisionFormSetBase, fields=["text"], extra=1, can_delete=True
)
ActionFormSet = forms.inlineformset_factory(
    Meeting,
    ActionItem,
    formset=ActionFormSetBase,
    fields=["description", "owner", "due_date", "done"],
    widgets={"due_date": forms.DateInput(attrs={"type": "date"})},
    extra=1,
    can_delete=True,
)
