from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, verify=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.verify = verify

    def clean_code(self):
        code = self.cleaned_data["code"]
        if not self.verify(code):
            raise forms.ValidationError(
                _("The code is wrong or too old. Enter the code your app shows now.")
            )
        return code
