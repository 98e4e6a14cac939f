"""Forms of the governing documents register."""

from django import forms
from django.utils.translation import gettext_lazy as _

from utblick.core.patterns import fullmatches, validate_pattern
from utblick.core.refusals import show_on_form
from utblick.tenancy import permissions
from utblick.tenancy.models import Unit, User

from . import selectors, services
from .models import (
    DEFAULT_DECIDING_BODY,
    DocumentFile,
    DocumentSettings,
    DocumentType,
    GoverningDocument,
)

DATE = forms.DateInput(attrs={"type": "date"})


def default_bodies_text():
    lines = [
        f"{DocumentType(kind).label}: {body.label}" for kind, body in DEFAULT_DECIDING_BODY.items()
    ]
    return "; ".join(str(line) for line in lines)


class DocumentForm(forms.ModelForm):
    class Meta:
        model = GoverningDocument
        # In the order the form shows them; the service accepts the same set.
        fields = list(services.DOCUMENT_FIELD_ORDER)
        widgets = {
            name: DATE
            for name in (
                "adopted_on",
                "repealed_on",
                "document_date",
                "follow_up_on",
                "valid_from",
                "valid_to",
            )
        }

    LABELS = {
        "title_sv": _("Title in Swedish"),
        "title_en": _("Title in English"),
        "purpose_sv": _("Purpose in Swedish"),
        "purpose_en": _("Purpose in English"),
        "applies_to_sv": _("Applies to (Swedish)"),
        "applies_to_en": _("Applies to (English)"),
    }

    def __init__(self, *args, municipality, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.settings = selectors.settings_for(municipality)
        for name, label in self.LABELS.items():
            self.fields[name].label = label
        self.fields["title_sv"].required = True
        self.fields["deciding_body"].help_text = _(
            "Empty: the usual body for the document type (%(defaults)s)."
        ) % {"defaults": default_bodies_text()}
        self.fields["registration_number"].help_text = _("E.g. %(example)s") % {
            "example": self.settings.registration_example
        }
        replaces = selectors.documents_of(municipality).order_by("title")
        if self.instance.pk:
            replaces = replaces.exclude(pk=self.instance.pk)
        self.fields["replaces"].queryset = replaces
        self.fields["owner"].queryset = User.objects.filter(
            memberships__municipality=municipality
        ).order_by("last_name", "username")
        self.fields["unit"].queryset = Unit.objects.filter(municipality=municipality)
        rep_unit = permissions.unit_of(user, municipality)
        if rep_unit is not None:
            if self.instance.pk is None:
                self.initial["unit"] = rep_unit.pk
            self.fields["unit"].disabled = True
            self.fields["unit"].help_text = _("Only the coordinator can move a document.")

    def clean_registration_number(self):
        return " ".join(self.cleaned_data["registration_number"].split())

    def clean(self):
        # The rules are the service's (services.document_errors), so every path refuses the
        # same; a field that failed to parse is not judged again.
        cleaned = super().clean()
        if cleaned.get("doc_type") and not cleaned.get("deciding_body"):
            cleaned["deciding_body"] = DEFAULT_DECIDING_BODY[DocumentType(cleaned["doc_type"])]
        errors = services.document_errors(
            municipality=self.municipality,
            values={name: cleaned.get(name) for name in services.DOCUMENT_FIELDS},
            document=self.instance,
        )
        show_on_form(self, errors)
        return cleaned

    def document_data(self) -> dict:
        """The keyword data for ``services.save_document``."""
        return {name: self.cleaned_data[name] for name in services.DOCUMENT_FIELDS}


class DocumentFileForm(forms.ModelForm):
    class Meta:
        model = DocumentFile
        fields = ["language", "title", "file"]


class DocumentSettingsForm(forms.ModelForm):
    class Meta:
        model = DocumentSettings
        fields = ["registration_pattern", "registration_example", "reminder_days"]

    def clean_registration_pattern(self):
        return validate_pattern(self.cleaned_data["registration_pattern"])

    def clean(self):
        cleaned = super().clean()
        pattern, example = cleaned.get("registration_pattern"), cleaned.get("registration_example")
        if pattern and example and not fullmatches(pattern, example):
            self.add_error("registration_example", _("The example does not match the pattern."))
        return cleaned
