"""Forms of the partners app. Scoped querysets: every choice comes from the municipality."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from utblick.core.models import DecisionBody
from utblick.core.patterns import fullmatches
from utblick.tenancy.models import Unit

from .models import (
    ContactPerson,
    Network,
    NetworkMembership,
    Organisation,
    Partnership,
    PartnershipActivity,
)

DIARIENUMMER_EXAMPLE = "KS 2024/310"
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


class DecisionFormMixin:
    """Validates the decision fields; the registration number against the municipality's
    pattern (``Municipality.diarienummer_pattern``)."""

    def clean_decision_reference(self):
        reference = " ".join(self.cleaned_data.get("decision_reference", "").split())
        pattern = self.municipality.diarienummer_pattern
        if reference and pattern and not fullmatches(pattern, reference):
            if fullmatches(pattern, DIARIENUMMER_EXAMPLE):
                message = _(
                    "The registration number does not have the expected form, e.g. %(example)s."
                ) % {"example": DIARIENUMMER_EXAMPLE}
            else:
                message = _(
                    "The registration number does not have the expected form "
                    "(the pattern is %(pattern)s)."
                ) % {"pattern": pattern}
            raise forms.ValidationError(message, code="diarienummer")
        return reference

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision_body") == DecisionBody.COMMITTEE
            and not cleaned.get("decision_committee", "").strip()
        ):
            self.add_error("decision_committee", _("Name the committee that decided."))
        return cleaned


class OrganisationForm(MunicipalityFormMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "country", "city", "website", "pic", "notes", "unit"]

    def __init__(self, *args, municipality, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_scope(municipality, unit)

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_pic(self):
        pic = "".join(self.cleaned_data.get("pic", "").split())
        if pic and not re.fullmatch(r"\d{9}", pic):
            raise forms.ValidationError(
                _("The PIC must be exactly nine digits, e.g. 949876543."), code="pic"
            )
        return pic

    def clean(self):
        cleaned = super().clean()
        name, country = cleaned.get("name"), cleaned.get("country")
        if name and country:
            clash = Organisation.objects.filter(
                municipality=self.municipality, name__iexact=name, country=country
            )
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "name", _("There is already an organisation with this name in this country.")
                )
        return cleaned


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

    def clean_network(self):
        network = self.cleaned_data["network"]
        clash = NetworkMembership.objects.filter(municipality=self.municipality, network=network)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _("The municipality is already a member of this network."), code="unique"
            )
        return network

    def clean_yearly_fee(self):
        fee = self.cleaned_data.get("yearly_fee")
        if fee is not None and fee < 0:
            raise forms.ValidationError(_("The fee cannot be negative."), code="negative")
        return fee

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("member_since"), cleaned.get("member_until")
        if since and until and until < since:
            self.add_error("member_until", _("The membership cannot end before it began."))
        return cleaned


class NetworkForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = ["name", "acronym", "website", "description_sv", "description_en"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if Network.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(
                _("There is already a network with this name."), code="unique"
            )
        return name
