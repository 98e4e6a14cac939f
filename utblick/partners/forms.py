"""Forms of the partners app. Scoped querysets: every choice comes from the municipality."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from utblick.core.refusals import show_on_form
from utblick.tenancy.models import Unit

from . import services
from .models import (
    ContactPerson,
    Network,
    NetworkMembership,
    Organisation,
    Partnership,
    PartnershipActivity,
)

DIARIENUMMER_EXAMPLE = services.DIARIENUMMER_EXAMPLE
DECISION_FIELDS = [
    "decision_body",
    "decision_committee",
    "decision_date",
    "decision_paragraph",
    "decision_reference",
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DownloadFileInput(forms.ClearableFileInput):
    """Shows the current file as a link to the permission-checked download view, never to
    the (unserved) media URL."""

    download_url = None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            context["widget"]["value"] = _CurrentFile(value, self.download_url)
        return context


class _CurrentFile:
    def __init__(self, value, url):
        self.name = str(value).rsplit("/", 1)[-1]
        self.url = url or ""

    def __str__(self):
        return self.name


class MunicipalityFormMixin:
    """Takes ``municipality`` and ``unit`` (the unit of a unit representative, else None).

    A unit representative does not choose the responsible unit: it is theirs on new records
    and unchanged on existing ones (the services set it)."""

    def setup_scope(self, municipality, unit):
        self.municipality = municipality
        self.rep_unit = unit
        units = Unit.objects.filter(municipality=municipality).order_by("name")
        if "unit" in self.fields:
            if unit is not None:
                del self.fields["unit"]
            else:
                self.fields["unit"].queryset = units
        if "representative_units" in self.fields:
            self.fields["representative_units"].queryset = units

    # The service's rule check (services.<entity>_errors), so every write path refuses the same.
    rules = None

    def clean(self):
        cleaned = super().clean()
        errors = type(self).rules(
            municipality=self.municipality,
            values={name: cleaned.get(name) for name in self.fields},
            record=self.instance,
        )
        show_on_form(self, errors)
        return cleaned

    def service_data(self) -> dict:
        """The keyword data for the service. Files are already on ``self.instance``."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name in self.fields and not isinstance(self.fields[name], forms.FileField)
        }


class DecisionFormMixin:
    """Normalises the registration number; the service checks it against the municipality's
    pattern (``Municipality.diarienummer_pattern``)."""

    def clean_decision_reference(self):
        return " ".join(self.cleaned_data.get("decision_reference", "").split())


class OrganisationForm(MunicipalityFormMixin, forms.ModelForm):
    rules = staticmethod(services.organisation_errors)

    class Meta:
        model = Organisation
        fields = ["name", "kind", "country", "city", "website", "pic", "notes", "unit"]

    def __init__(self, *args, municipality, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_scope(municipality, unit)

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_pic(self):
        return "".join(self.cleaned_data.get("pic", "").split())


class ContactPersonForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "role", "email", "phone", "legal_basis", "review_date"]
        widgets = {"review_date": DateInput()}

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "").strip()
        if phone and not re.fullmatch(r"\+?[\d\s()-]{5,}", phone):
            raise forms.ValidationError(
                _("Enter a phone number with digits only, e.g. +46 520 49 50 00."), code="phone"
            )
        return phone


class PartnershipForm(DecisionFormMixin, MunicipalityFormMixin, forms.ModelForm):
    rules = staticmethod(services.partnership_errors)

    class Meta:
        model = Partnership
        fields = [
            "partner",
            "kind",
            "status",
            "since",
            *DECISION_FIELDS,
            "agreement",
            "description_sv",
            "description_en",
            "is_public",
            "unit",
        ]
        widgets = {
            "since": DateInput(),
            "decision_date": DateInput(),
            "agreement": DownloadFileInput(),
        }

    def __init__(self, *args, municipality, unit=None, agreement_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_scope(municipality, unit)
        self.fields["partner"].queryset = Organisation.objects.filter(
            municipality=municipality
        ).order_by("name")
        self.fields["agreement"].widget.download_url = agreement_url


class ActivityForm(forms.ModelForm):
    class Meta:
        model = PartnershipActivity
        fields = ["date", "text"]
        widgets = {"date": DateInput(), "text": forms.Textarea(attrs={"rows": 3})}

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Describe what happened."), code="required")
        return text


class NetworkMembershipForm(DecisionFormMixin, MunicipalityFormMixin, forms.ModelForm):
    rules = staticmethod(services.membership_errors)

    class Meta:
        model = NetworkMembership
        fields = [
            "network",
            "member_since",
            "member_until",
            *DECISION_FIELDS,
            "yearly_fee",
            "fee_currency",
            "unit",
            "representative_units",
            "representatives",
            "description_sv",
            "description_en",
            "is_public",
        ]
        widgets = {
            "member_since": DateInput(),
            "member_until": DateInput(),
            "decision_date": DateInput(),
            "representative_units": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args, municipality, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_scope(municipality, unit)
        self.fields["network"].queryset = Network.objects.order_by("name")
        self.fields["network"].help_text = _(
            "Missing from the list? A coordinator can add the network."
        )


class NetworkForm(forms.ModelForm):
    """A network for the shared list; the rules are ``services.network_errors``."""

    class Meta:
        model = Network
        fields = ["name", "acronym", "website", "description_sv", "description_en"]

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean(self):
        cleaned = super().clean()
        values = {name: cleaned.get(name) for name in self.Meta.fields}
        show_on_form(self, services.network_errors(values=values, network=self.instance))
        return cleaned

    def service_data(self) -> dict:
        """The keyword data for ``services.save_network``."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
