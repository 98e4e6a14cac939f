from django import forms
from django.utils.translation import gettext_lazy as _

from utblick.core.refusals import show_on_form

from . import services
from .models import Membership, Municipality, Role, Unit


class UnitForm(forms.ModelForm):
    """A unit of the municipality; the rules are ``services.unit_errors``."""

    class Meta:
        model = Unit
        fields = ["name_sv", "name_en", "kind"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["name_sv"].required = True

    def clean(self):
        cleaned = super().clean()
        values = {name: cleaned.get(name) for name in self.Meta.fields}
        show_on_form(
            self,
            services.unit_errors(municipality=self.municipality, values=values, unit=self.instance),
        )
        return cleaned

    def service_data(self) -> dict:
        """The keyword data for ``services.save_unit``."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def _role_values(cleaned: dict) -> dict:
    """The role and unit as the services take them. The page offers a unit whatever the role
    chosen: it counts for a unit representative only (a unit left chosen when the role
    changes is dropped, not refused)."""
    role = cleaned.get("role")
    unit = cleaned.get("unit") if role == Role.UNIT_REPRESENTATIVE else None
    return {"role": role, "unit": unit}


class MemberInviteForm(forms.Form):
    """Invite a person to the municipality with a role; the rules are
    ``services.invitation_errors``."""

    username = forms.CharField(label=_("User name"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(render_value=False),
        required=False,
        help_text=_(
            "Leave empty when the person signs in through the municipality's login. "
            "The person becomes a member when they accept the invitation after signing in."
        ),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Required for unit representatives."),
    )

    PERSON_FIELDS = ("username", "first_name", "last_name", "email", "password")

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["unit"].queryset = Unit.objects.filter(municipality=municipality)

    def clean(self):
        cleaned = super().clean()
        values = {name: cleaned.get(name) for name in self.PERSON_FIELDS} | _role_values(cleaned)
        show_on_form(
            self, services.invitation_errors(municipality=self.municipality, values=values)
        )
        return cleaned

    def service_data(self) -> dict:
        """The keyword data for ``services.invite_member``."""
        person = {name: self.cleaned_data[name] for name in self.PERSON_FIELDS}
        return person | _role_values(self.cleaned_data)


class MembershipForm(forms.ModelForm):
    """Change a member's role (and unit); the rules are ``services.member_errors``."""

    class Meta:
        model = Membership
        fields = ["role", "unit"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["unit"].queryset = Unit.objects.filter(municipality=municipality)

    def clean(self):
        cleaned = super().clean()
        # Dropped here already, so that the membership the form fills in keeps no unit either.
        values = _role_values(cleaned)
        cleaned["unit"] = values["unit"]
        show_on_form(self, services.member_errors(municipality=self.municipality, values=values))
        return cleaned

    def service_data(self) -> dict:
        """The keyword data for ``services.change_role``."""
        return _role_values(self.cleaned_data)


class MunicipalityForm(forms.ModelForm):
    """The municipality's own details, shown on its public contact and accessibility pages."""

    class Meta:
        model = Municipality
        fields = [
            "address",
            "postal_address",
            "phone",
            "email",
            "website",
            "opening_hours_sv",
            "opening_hours_en",
            "intro_sv",
            "intro_en",
            "contact_text_sv",
            "contact_text_en",
            "accessibility_known_issues_sv",
            "accessibility_known_issues_en",
            "accessibility_assessed_on",
            "accessibility_statement_reviewed_on",
            "accessibility_contact_email",
            "content_reviewed_on",
            "diarienummer_pattern",
        ]
        widgets = {
            "accessibility_assessed_on": forms.DateInput(attrs={"type": "date"}),
            "accessibility_statement_reviewed_on": forms.DateInput(attrs={"type": "date"}),
            "content_reviewed_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        cleaned = super().clean()
        values = {name: cleaned.get(name) for name in self.Meta.fields}
        show_on_form(self, services.municipality_errors(values=values))
        return cleaned

    def service_data(self) -> dict:
        """The keyword data for ``services.save_municipality_details``."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
