"""Forms of the staff project pages: the project with its partners and links, documents."""

from django import forms
from django.utils.translation import gettext_lazy as _

from utblick.core.refusals import show_on_form
from utblick.partners.selectors import organisations_of
from utblick.tenancy import permissions
from utblick.tenancy.models import Unit

from . import services
from .models import (
    Project,
    ProjectDocument,
    ProjectLink,
    ProjectPartner,
    ProjectReport,
    SustainableDevelopmentGoal,
)


def parse_tags(text: str) -> list[str]:
    """Comma-separated tag names, trimmed, without empty entries or case-insensitive repeats."""
    names, seen = [], set()
    for raw in text.split(","):
        name = " ".join(raw.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


class ProjectForm(forms.ModelForm):
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=1000,
        help_text=_("Separate tags with commas, e.g. youth, climate, culture."),
    )
    status_date = forms.DateField(
        label=_("Date of the status change"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Only used when the status changes. Today if left empty."),
    )

    class Meta:
        model = Project
        fields = [
            "title_sv",
            "title_en",
            "acronym_sv",
            "acronym_en",
            "summary_sv",
            "summary_en",
            "role",
            "unit",
            "other_units",
            "programme",
            "call_identifier",
            "start_date",
            "end_date",
            "status",
            "currency",
            "exchange_rate",
            "budget_total",
            "grant",
            "own_cash",
            "own_in_kind",
            "goals",
            "focus_area",
            "is_public",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "other_units": forms.CheckboxSelectMultiple,
            "goals": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "is_public": _("Public projects are shown on the municipality's public site."),
        }

    field_order = [
        *Meta.fields[: Meta.fields.index("status") + 1],
        "status_date",
        *Meta.fields[Meta.fields.index("status") + 1 : -1],
        "tags",
        "is_public",
    ]
    LABELS = {
        "title_sv": _("Title in Swedish"),
        "title_en": _("Title in English"),
        "acronym_sv": _("Acronym in Swedish"),
        "acronym_en": _("Acronym in English"),
        "summary_sv": _("Summary in Swedish"),
        "summary_en": _("Summary in English"),
        "goals": _("Agenda 2030 goals"),
    }

    def __init__(self, *args, municipality, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        for name, label in self.LABELS.items():
            self.fields[name].label = label
        self.fields["title_sv"].required = True
        units = Unit.objects.filter(municipality=municipality).order_by("name")
        self.fields["unit"].queryset = units
        self.fields["other_units"].queryset = units
        self.fields["goals"].queryset = SustainableDevelopmentGoal.objects.order_by("number")
        # The focus areas come from the strategy app (above this one), through the field.
        self.fields["focus_area"].queryset = (
            self.fields["focus_area"]
            .queryset.filter(strategy__municipality=municipality)
            .select_related("strategy")
        )
        for name in services.AMOUNT_FIELDS:
            self.fields[name].widget.attrs["min"] = "0"
        self.rep_unit = permissions.unit_of(user, municipality)
        if self.rep_unit is not None:
            # A unit representative's project stays with the unit it belongs to.
            if self.instance.pk is None:
                self.initial["unit"] = self.rep_unit.pk
            self.fields["unit"].disabled = True
            self.fields["unit"].help_text = _("Only the coordinator can move a project.")
        if self.instance.pk:
            self.initial["tags"] = ", ".join(tag.name for tag in self.instance.tags.all())

    def clean_tags(self):
        return parse_tags(self.cleaned_data["tags"])

    def clean(self):
        # The rules are the service's (services.project_errors), so the API and the imports
        # refuse the same; a field that failed to parse is not judged again.
        cleaned = super().clean()
        errors = services.project_errors(
            municipality=self.municipality,
            values={name: cleaned.get(name) for name in self.fields},
            status_date=cleaned.get("status_date"),
            tags=cleaned.get("tags"),
        )
        show_on_form(self, errors)
        return cleaned

    def project_data(self) -> dict:
        """The keyword data for ``services.save_project``."""
        data = {name: self.cleaned_data[name] for name in services.PROJECT_FIELDS}
        for name in ("other_units", "goals", "tags", "status_date"):
            data[name] = self.cleaned_data[name]
        return data


class PartnerForm(forms.ModelForm):
    class Meta:
        model = ProjectPartner
        fields = ["organisation", "role"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_of(municipality).order_by("name")


class BasePartnerFormSet(forms.BaseInlineFormSet):
    legend = _("Partners")

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            organisation = form.cleaned_data.get("organisation")
            if organisation is None:
                continue
            if organisation.pk in seen:
                form.add_error(
                    "organisation",
                    _("%(name)s is already a partner in this project.") % {"name": organisation},
                )
            seen.add(organisation.pk)

    def validate_unique(self):
        # Duplicates are reported next to the row in clean(), in plain words.
        return


class BaseLinkFormSet(forms.BaseInlineFormSet):
    legend = _("Links")


PartnerFormSet = forms.inlineformset_factory(
    Project,
    ProjectPartner,
    form=PartnerForm,
    formset=BasePartnerFormSet,
    extra=2,
    can_delete=True,
)

LinkFormSet = forms.inlineformset_factory(
    Project,
    ProjectLink,
    fields=["title", "url"],
    formset=BaseLinkFormSet,
    extra=2,
    can_delete=True,
)


class DocumentForm(forms.ModelForm):
    class Meta:
        model = ProjectDocument
        fields = ["title", "file", "is_public"]


class ReportForm(forms.ModelForm):
    """A reporting deadline of a project."""

    class Meta:
        model = ProjectReport
        fields = ["title", "kind", "due_date", "due_time", "done"]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}),
            "due_time": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What the deadline was before this edit: a moved deadline raises its SEQUENCE.
        self.saved_when = (
            (self.instance.due_date, self.instance.due_time) if self.instance.pk else None
        )
