"""Forms of the funding pages."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from utblick.core.limits import InputRefused, check_packed_size, input_limits
from utblick.core.refusals import show_on_form
from utblick.strategy.models import FocusArea
from utblick.tenancy import permissions
from utblick.tenancy.models import Unit

from . import services
from .models import (
    Call,
    CallDeadline,
    Need,
    ProgrammeRule,
)
from .parsers import BRUSSELS, EU_DEADLINE_TIME, read_text


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = [
            "title_sv",
            "title_en",
            "description_sv",
            "description_en",
            "unit",
            "focus_area",
            "amount",
            "start",
            "end",
            "status",
        ]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }
        labels = {
            "title_sv": _("Title in Swedish"),
            "title_en": _("Title in English"),
            "description_sv": _("Description in Swedish"),
            "description_en": _("Description in English"),
        }

    def __init__(self, *args, municipality, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_sv"].required = True
        self.fields["description_sv"].required = True
        self.fields["unit"].queryset = Unit.objects.filter(municipality=municipality).order_by(
            "name"
        )
        self.fields["focus_area"].queryset = FocusArea.objects.filter(
            strategy__municipality=municipality
        )
        self.fields["amount"].widget.attrs["min"] = "0"
        self.municipality = municipality
        self.rep_unit = rep_unit = permissions.unit_of(user, municipality)
        if rep_unit is not None:
            self.initial["unit"] = rep_unit.pk
            self.fields["unit"].disabled = True
            self.fields["unit"].required = False

    def clean(self):
        # The rules are the service's (services.need_errors); a field that failed to parse is
        # not judged again. A unit representative's unit is set by the service.
        cleaned = super().clean()
        values = {name: cleaned.get(name) for name in self.fields}
        if self.rep_unit is not None:
            values["unit"] = self.rep_unit
        show_on_form(self, services.need_errors(municipality=self.municipality, values=values))
        return cleaned

    def service_data(self) -> dict:
        """The keyword data for ``services.save_need``."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ManualCallForm(forms.ModelForm):
    deadline_date = forms.DateField(
        label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"})
    )
    deadline_time = forms.TimeField(
        label=_("Time (Brussels)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("17:00 if left empty."),
    )

    class Meta:
        model = Call
        fields = [
            "identifier",
            "title",
            "programme",
            "action_type",
            "status",
            "opening_date",
            "budget_min",
            "budget_max",
            "currency",
            "description",
            "url",
        ]
        widgets = {"opening_date": forms.DateInput(attrs={"type": "date"})}

    def clean(self):
        # The call rules are the service's (services.call_errors), shared with the import; the
        # instance carries the municipality and the source (a manual call's identifier is
        # unique among the municipality's own calls).
        cleaned = super().clean()
        values = {name: cleaned.get(name) for name in self._meta.fields}
        show_on_form(self, services.call_errors(values=values, call=self.instance))
        return cleaned

    def call_data(self) -> dict:
        """The keyword data for ``services.save_call``, the first deadline included."""
        data = {name: self.cleaned_data[name] for name in self._meta.fields}
        if self.fields.get("deadline_date") is not None:
            due = services.brussels_deadline(
                self.cleaned_data["deadline_date"], self.cleaned_data.get("deadline_time")
            )
            data["deadlines"] = [{"due": due, "label": ""}]
        return data


class ManualCallEditForm(ManualCallForm):
    """A manual call; its deadlines are edited in :data:`DeadlineFormSet` beside it."""

    deadline_date = None
    deadline_time = None

    class Meta(ManualCallForm.Meta):
        fields = [*ManualCallForm.Meta.fields, "deadline_model", "keywords"]


class DeadlineForm(forms.ModelForm):
    """One deadline as a date and a time in Brussels (17:00 when the time is left empty)."""

    due_date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    due_time = forms.TimeField(
        label=_("Time (Brussels)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("17:00 if left empty."),
    )

    class Meta:
        model = CallDeadline
        fields = ["due_date", "due_time", "label"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What the deadline was before this edit: a moved deadline raises its SEQUENCE.
        self.saved_due = self.instance.due if self.instance.pk else None
        self.saved_label = self.instance.label if self.instance.pk else None
        if self.saved_due is not None:
            local = self.saved_due.astimezone(BRUSSELS)
            self.initial.setdefault("due_date", local.date())
            self.initial.setdefault("due_time", local.time().replace(second=0, microsecond=0))

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("due_date")
        if day is not None:
            self.instance.due = datetime.datetime.combine(
                day, cleaned.get("due_time") or EU_DEADLINE_TIME, tzinfo=BRUSSELS
            )
        return cleaned

    @property
    def moved(self) -> bool:
        """True for a saved deadline whose date, time or label this form changes."""
        return self.saved_due is not None and (
            self.instance.due != self.saved_due or self.instance.label != self.saved_label
        )


class BaseDeadlineFormSet(forms.BaseInlineFormSet):
    legend = _("Deadlines")

    def clean(self):
        # A manual call keeps a deadline: the service's rule (services.call_errors), in its
        # words. A row with errors of its own is mended first.
        super().clean()
        if any(form.errors for form in self.forms if not self._should_delete_form(form)):
            return
        errors = services.call_errors(
            values={"deadlines": self.deadlines_data()}, call=self.instance
        )
        if errors:
            raise forms.ValidationError(errors["deadlines"])

    def deadlines_data(self) -> list[dict]:
        """The deadlines the formset keeps, as plain data for ``services.save_call``."""
        kept = []
        for form in self.forms:
            if self._should_delete_form(form) or not form.cleaned_data.get("due_date"):
                continue
            item = {"due": form.instance.due, "label": form.cleaned_data.get("label") or ""}
            if form.instance.pk:
                item["id"] = form.instance.pk
            kept.append(item)
        return kept


DeadlineFormSet = forms.inlineformset_factory(
    Call,
    CallDeadline,
    form=DeadlineForm,
    formset=BaseDeadlineFormSet,
    extra=1,
    min_num=1,  # one row to fill in; the rule that one is kept is the service's (clean)
    can_delete=True,
)


class ProgrammeRuleForm(forms.ModelForm):
    """A programme rule. Rules are shared by every municipality on the installation, so the
    form says so and requires the link to the guide the change comes from."""

    class Meta:
        model = ProgrammeRule
        fields = [
            "programme",
            "name_sv",
            "name_en",
            "period",
            "call_pattern",
            "min_organisations",
            "min_countries",
            "min_eu_member_states",
            "min_participants",
            "min_international_participants",
            "cofinancing_rate",
            "lump_sums_eur",
            "min_duration_months",
            "max_duration_months",
            "notes_sv",
            "notes_en",
            "source_url",
        ]
        labels = {
            "name_sv": _("Action in Swedish"),
            "name_en": _("Action in English"),
            "notes_sv": _("Notes in Swedish"),
            "notes_en": _("Notes in English"),
        }
        help_texts = {
            "source_url": _(
                "Required: the address of the official programme guide (or call document) "
                "that states the rule, so that others can check it."
            ),
        }
        error_messages = {
            "source_url": {
                "required": _("Give the link to the official programme guide the rule comes from."),
                "invalid": _("Enter the full address of the guide, beginning with https://."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = self.fields["programme"].queryset.order_by("name")
        self.fields["name_sv"].required = True
        self.fields["source_url"].required = True
        self.fields["cofinancing_rate"].widget.attrs.update({"min": "0", "max": "100"})
        for name in (
            "min_organisations",
            "min_countries",
            "min_eu_member_states",
            "min_participants",
            "min_international_participants",
            "min_duration_months",
            "max_duration_months",
        ):
            self.fields[name].widget.attrs["min"] = "0"

    def clean(self):
        cleaned = super().clean()
        programme, name, period = (
            cleaned.get("programme"),
            cleaned.get("name_sv"),
            cleaned.get("period"),
        )
        if programme and name and period:
            taken = ProgrammeRule.objects.filter(
                programme=programme, name_sv=name, period=period
            ).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error(
                    "name_sv",
                    _("The programme already has a rule for this action and programme period."),
                )
        return cleaned


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Call file"),
        help_text=_(
            "EU Funding & Tenders topics (.json or .json.gz) or Vinnova open data (.json)."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".json", ".json.gz", ".gz")):
            raise forms.ValidationError(_("Upload a .json or .json.gz file."))
        # Refused here, before a job starts: too large, or unpacking to too much.
        limits = input_limits("calls")
        try:
            check_packed_size(upload.size, limits)
            upload.seek(0)
            read_text(upload.read())
        except InputRefused as refused:
            raise forms.ValidationError(refused.message) from refused
        except (UnicodeDecodeError, OSError, EOFError) as error:
            raise forms.ValidationError(_("The file cannot be read as UTF-8 text.")) from error
        finally:
            upload.seek(0)
        return upload


class RuleChoiceField(forms.ModelChoiceField):
    """The rules grouped by programme, so each programme appears once (as a group)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = self.grouped_choices

    def grouped_choices(self):
        yield ("", self.empty_label)
        groups = {}
        for rule in self.queryset:
            groups.setdefault(rule.programme.name, []).append((rule.pk, str(rule)))
        yield from groups.items()


class ConsortiumForm(forms.Form):
    rule = RuleChoiceField(
        label=_("Programme and action"),
        queryset=ProgrammeRule.objects.select_related("programme").order_by(
            "programme__name", "name", "period"
        ),
    )
    duration_months = forms.IntegerField(
        label=_("Planned duration (months)"), required=False, min_value=1
    )
    participants = forms.IntegerField(label=_("Participants"), required=False, min_value=0)
    international_participants = forms.IntegerField(
        label=_("International participants"), required=False, min_value=0
    )


class PartnerForm(forms.Form):
    KINDS = [
        ("municipality", _("Municipality or region")),
        ("public", _("Other public body")),
        ("ngo", _("Non-profit organisation")),
        ("university", _("University or research")),
        ("company", _("Company")),
    ]
    name = forms.CharField(label=_("Organisation"), max_length=200)
    country = CountryField(blank_label=_("(choose a country)")).formfield(label=_("Country"))
    # The browser submits the first type of every row; as the initial value it leaves an
    # untouched row empty (not "changed"), so unused rows are not refused.
    kind = forms.ChoiceField(label=_("Type"), choices=KINDS, initial="municipality")

    def has_changed(self):
        # A row is used when it names an organisation or a country; the type alone (every
        # row has one preselected, or none from a client that leaves it out) does not count.
        return any(self[name].data for name in ("name", "country"))


class BasePartnerFormSet(forms.BaseFormSet):
    legend = _("Partners")


# Three rows to start with, as many as needed with "More rows" (core.formsets).
PartnerFormSet = forms.formset_factory(PartnerForm, formset=BasePartnerFormSet, extra=3)
