"""Forms of the staff strategy pages: activities, follow-up entries, import, report period."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from utblick.core.limits import (
    InputRefused,
    check_packed_size,
    check_sheet_size,
    check_zip,
    input_limits,
)
from utblick.core.refusals import show_on_form
from utblick.documents.models import GoverningDocument
from utblick.partners.models import NetworkMembership, Partnership
from utblick.projects.models import Project
from utblick.tenancy import permissions
from utblick.tenancy.models import Unit

from . import services
from .models import ActionPlan, Activity, Direction, FocusArea, FollowUpEntry, Strategy

DATE = forms.DateInput(attrs={"type": "date"})


class TranslatedForm(forms.ModelForm):
    """A form over modeltranslation fields: per-language labels, the Swedish text required."""

    LABELS = {}
    REQUIRED = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.LABELS.items():
            self.fields[name].label = label
        for name in self.REQUIRED:
            self.fields[name].required = True

    def rule_errors(self, values: dict) -> dict:
        """The service's broken rules for ``values`` (``services.*_errors``)."""
        return {}

    def clean(self):
        # The rules are the service's, so every writer refuses the same; a field that failed
        # to parse is not judged again.
        cleaned = super().clean()
        values = {name: cleaned.get(name) for name in self.Meta.fields}
        show_on_form(self, self.rule_errors(values))
        return cleaned

    def service_data(self) -> dict:
        """The keyword data for the service's ``save_*``."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    @property
    def existing(self):
        """The record being changed, or None for a new one."""
        return self.instance if self.instance.pk else None


class StrategyForm(TranslatedForm):
    class Meta:
        model = Strategy
        fields = [
            "title_sv",
            "title_en",
            "summary_sv",
            "summary_en",
            "adopted_on",
            "valid_from",
            "valid_to",
            "is_public",
        ]
        widgets = {"adopted_on": DATE, "valid_from": DATE, "valid_to": DATE}
        help_texts = {
            "is_public": _("A public strategy's current action plan is shown on the public site.")
        }

    LABELS = {
        "title_sv": _("Title in Swedish"),
        "title_en": _("Title in English"),
        "summary_sv": _("Summary in Swedish"),
        "summary_en": _("Summary in English"),
    }
    REQUIRED = ("title_sv",)

    def rule_errors(self, values):
        return services.strategy_errors(values=values)


class FocusAreaForm(TranslatedForm):
    class Meta:
        model = FocusArea
        fields = ["name_sv", "name_en", "description_sv", "description_en", "order"]

    LABELS = {
        "name_sv": _("Name in Swedish"),
        "name_en": _("Name in English"),
        "description_sv": _("Description in Swedish"),
        "description_en": _("Description in English"),
    }
    REQUIRED = ("name_sv",)

    def __init__(self, *args, strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.strategy = strategy
        self.fields["order"].help_text = _("Focus areas are listed in this order.")

    def rule_errors(self, values):
        return services.focus_area_errors(
            strategy=self.strategy, values=values, focus_area=self.instance
        )


class DirectionForm(TranslatedForm):
    class Meta:
        model = Direction
        fields = ["name_sv", "name_en", "description_sv", "description_en", "order"]

    LABELS = FocusAreaForm.LABELS
    REQUIRED = ("name_sv",)

    def rule_errors(self, values):
        return services.direction_errors(values=values)


class ActionPlanForm(TranslatedForm):
    class Meta:
        model = ActionPlan
        fields = [
            "title_sv",
            "title_en",
            "start_date",
            "end_date",
            "background_sv",
            "background_en",
            "document",
            "is_public",
        ]
        widgets = {"start_date": DATE, "end_date": DATE}
        help_texts = {"is_public": _("Public action plans are shown on the public site.")}

    LABELS = {
        "title_sv": _("Title in Swedish"),
        "title_en": _("Title in English"),
        "background_sv": _("Background in Swedish"),
        "background_en": _("Background in English"),
    }
    REQUIRED = ("title_sv",)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["document"].queryset = GoverningDocument.objects.filter(
            municipality=municipality
        ).order_by("title")

    def rule_errors(self, values):
        return services.action_plan_errors(municipality=self.municipality, values=values)


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "focus_area",
            "direction",
            "kind",
            "key",
            "title_sv",
            "title_en",
            "description_sv",
            "description_en",
            "unit",
            "responsible_person",
            "order",
            "projects",
            "partnerships",
            "network_memberships",
        ]
        widgets = {
            "projects": forms.CheckboxSelectMultiple,
            "partnerships": forms.CheckboxSelectMultiple,
            "network_memberships": forms.CheckboxSelectMultiple,
        }

    LABELS = {
        "title_sv": _("Activity in Swedish"),
        "title_en": _("Activity in English"),
        "description_sv": _("Description in Swedish"),
        "description_en": _("Description in English"),
    }

    def __init__(self, *args, plan, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        municipality = plan.municipality
        for name, label in self.LABELS.items():
            self.fields[name].label = label
        self.fields["title_sv"].required = True
        self.fields["focus_area"].queryset = FocusArea.objects.filter(strategy=plan.strategy)
        self.fields["direction"].queryset = Direction.objects.filter(
            focus_area__strategy=plan.strategy
        ).select_related("focus_area")
        self.fields["unit"].queryset = Unit.objects.filter(municipality=municipality)
        self.fields["projects"].queryset = Project.objects.filter(municipality=municipality)
        self.fields["partnerships"].queryset = Partnership.objects.filter(
            municipality=municipality
        ).select_related("partner")
        self.fields["network_memberships"].queryset = NetworkMembership.objects.filter(
            municipality=municipality
        ).select_related("network")
        if self.instance.pk is None and not self.initial.get("key"):
            self.initial["key"] = self._next_key()
        rep_unit = permissions.unit_of(user, municipality)
        if rep_unit is not None:
            if self.instance.pk is None:
                self.initial["unit"] = rep_unit.pk
            self.fields["unit"].disabled = True
            self.fields["unit"].help_text = _("Only the coordinator can move an activity.")

    def _next_key(self):
        keys = set(Activity.objects.filter(action_plan=self.plan).values_list("key", flat=True))
        number = len(keys) + 1
        while f"A{number:03d}" in keys:
            number += 1
        return f"A{number:03d}"

    def clean(self):
        # The rules are the service's (services.activity_errors), so the import refuses the
        # same; a field that failed to parse is not judged again.
        cleaned = super().clean()
        values = {name: cleaned.get(name) for name in self.fields}
        for name in ("status", "progress"):
            values[name] = getattr(self.instance, name)
        errors = services.activity_errors(plan=self.plan, values=values, activity=self.instance)
        show_on_form(self, errors)
        return cleaned

    def activity_data(self) -> dict:
        """The keyword data for ``services.save_activity``."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class EntryForm(forms.ModelForm):
    class Meta:
        model = FollowUpEntry
        fields = ["date", "text_sv", "text_en", "status", "progress", "attachment"]
        widgets = {"date": DATE}
        labels = {
            "text_sv": _("What happened (Swedish)"),
            "text_en": _("What happened (English)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text_sv"].required = True
        self.initial.setdefault("date", timezone.localdate())
        self.fields["progress"].widget.attrs.update({"min": 0, "max": 100})

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("A follow-up entry cannot be dated in the future."))
        return date


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A CSV (UTF-8) or XLSX file with the columns of the export."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if name.endswith(".csv"):
            self.format = "csv"
        elif name.endswith(".xlsx"):
            self.format = "xlsx"
        else:
            raise forms.ValidationError(_("Choose a file ending in .csv or .xlsx."))
        limits = input_limits("strategy")
        try:
            check_packed_size(upload.size, limits)
            if self.format == "xlsx":
                check_zip(upload, limits)
                check_sheet_size(upload, limits)
        except InputRefused as refused:
            raise forms.ValidationError(refused.message) from refused
        return upload


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("To"), widget=DATE)

    def __init__(self, data, *, plan):
        initial = {"start": plan.start_date, "end": plan.end_date}
        super().__init__(data if data and "start" in data else None, initial=initial)
        self.plan = plan

    def period(self) -> tuple[datetime.date, datetime.date]:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return self.plan.start_date, self.plan.end_date

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end cannot be before the start."))
        return cleaned
