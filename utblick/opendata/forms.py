"""Forms of the opendata app; every choice is scoped to the municipality."""

from django import forms
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _

from utblick.core.limits import InputRefused, check_packed_size, check_zip, input_limits
from utblick.partners.forms import DateInput
from utblick.partners.models import Organisation
from utblick.tenancy import permissions

from .importers import IMPORTERS
from .models import DueDiligence, OrganisationCorrection

SUFFIXES = {
    "cordis-participations": (".csv",),
    "cordis-projects": (".xlsx",),
    "interreg": (".json",),
    "twin-towns": (".csv",),
}


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Topic"),
        required=False,
        max_length=200,
        help_text=_("In English or Swedish, e.g. climate adaptation or klimatanpassning."),
    )
    country = forms.CharField(label=_("Country code"), required=False, max_length=2)
    region = forms.CharField(label=_("Region"), required=False, max_length=120)
    org_type = forms.CharField(label=_("Organisation type"), required=False, max_length=60)
    programme = forms.CharField(label=_("Programme"), required=False, max_length=120)
    coordinator = forms.BooleanField(label=_("Has coordinated"), required=False)
    year_from = forms.IntegerField(
        label=_("From year"), required=False, min_value=1950, max_value=2100
    )
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=1950, max_value=2100)

    def clean_country(self):
        return self.cleaned_data["country"].strip().upper()


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of file"),
        choices=[
            ("cordis-participations", _("CORDIS participations (CSV)")),
            ("cordis-projects", _("CORDIS project list, H2020 or FP7 (XLSX)")),
            ("interreg", _("Swedish Interreg partners (JSON)")),
            ("twin-towns", _("Twin-town list (CSV)")),
        ],
    )
    file = forms.FileField(label=_("File"))

    def clean(self):
        cleaned = super().clean()
        kind, upload = cleaned.get("kind"), cleaned.get("file")
        wrong_suffix = upload is not None and not upload.name.lower().endswith(
            SUFFIXES.get(kind, ("",))
        )
        if kind in IMPORTERS and wrong_suffix:
            self.add_error(
                "file",
                _("This kind of import needs a %(suffix)s file.") % {"suffix": SUFFIXES[kind][0]},
            )
        elif upload is not None:
            # Refused here, before a job starts (the importer checks again when it runs).
            limits = input_limits("opendata")
            try:
                check_packed_size(upload.size, limits)
                if kind == "cordis-projects":
                    check_zip(upload, limits)
            except InputRefused as refused:
                self.add_error("file", refused.message)
        return cleaned

    def store(self):
        """Keep the upload where the background job can read it; returns its path."""
        upload = self.cleaned_data["file"]
        name = default_storage.save(f"opendata-imports/{upload.name}", upload)
        return default_storage.path(name)


class DueDiligenceForm(forms.ModelForm):
    class Meta:
        model = DueDiligence
        fields = [
            "organisation",
            "occasion",
            "competence",
            "financial_capacity",
            "references",
            "legal_status",
            "pic_checked",
            "assessed_on",
            "outcome",
            "notes",
        ]
        widgets = {"assessed_on": DateInput()}

    def __init__(self, *args, municipality, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organisation"].queryset = Organisation.objects.filter(
            municipality=municipality
        ).order_by("name")
        if self.instance.pk:
            del self.fields["organisation"]

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        if not permissions.can_change(self.user, organisation):
            raise forms.ValidationError(
                _("You may only check partners your unit is responsible for.")
            )
        return organisation


class CorrectionForm(forms.ModelForm):
    """A proposed correction of a shared EU organisation (applied by a superuser)."""

    class Meta:
        model = OrganisationCorrection
        fields = ["field", "value", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        field, value = cleaned.get("field"), (cleaned.get("value") or "").strip()
        if field == OrganisationCorrection.Field.COUNTRY:
            value = value.upper()
            if len(value) != 2 or not value.isascii() or not value.isalpha():
                self.add_error("value", _("Give the country as a two-letter code, e.g. DE."))
        limits = {"short_name": 120, "region": 120, "org_type": 60}
        if field in limits and len(value) > limits[field]:
            self.add_error(
                "value",
                _("At most %(max)s characters for this field.") % {"max": limits[field]},
            )
        cleaned["value"] = value
        return cleaned


class CorrectionDecisionForm(forms.Form):
    correction = forms.ModelChoiceField(
        queryset=OrganisationCorrection.objects.filter(status=OrganisationCorrection.Status.PENDING)
    )
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("reject", _("Reject"))])
