"""The staff form for a news item."""

from django import forms
from django.utils.translation import gettext_lazy as _

from utblick.tenancy import permissions
from utblick.tenancy.models import Unit

from .models import NewsItem


class NewsItemForm(forms.ModelForm):
    class Meta:
        model = NewsItem
        fields = [
            "title_sv",
            "title_en",
            "lead_sv",
            "lead_en",
            "body_sv",
            "body_en",
            "image",
            "image_alt_sv",
            "image_alt_en",
            "category",
            "publish_at",
            "is_public",
            "unit",
        ]
        widgets = {
            "publish_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "lead_sv": forms.Textarea(attrs={"rows": 3}),
            "lead_en": forms.Textarea(attrs={"rows": 3}),
            "image": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }

    LABELS = {
        "title_sv": _("Title in Swedish"),
        "title_en": _("Title in English"),
        "lead_sv": _("Lead in Swedish"),
        "lead_en": _("Lead in English"),
        "body_sv": _("Text in Swedish"),
        "body_en": _("Text in English"),
        "image_alt_sv": _("Image description in Swedish (alt text)"),
        "image_alt_en": _("Image description in English (alt text)"),
    }

    def __init__(self, *args, municipality, user, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.LABELS.items():
            self.fields[name].label = label
        self.fields["title_sv"].required = True
        self.fields["body_sv"].help_text = self.fields["body_en"].help_text = _(
            "Markdown: **bold**, *italic*, lists, [links](https://…)."
        )
        self.fields["publish_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
        self.fields["publish_at"].help_text = _(
            "Public news appear on the public site from this moment."
        )
        # The model's callable default (now) would add a hidden "initial-publish_at" input
        # carrying the help text's aria-describedby, which HTML does not allow on hidden
        # inputs; has_changed() then compares with the initial value instead.
        self.fields["publish_at"].show_hidden_initial = False
        units = Unit.objects.filter(municipality=municipality).order_by("name")
        self.fields["unit"].queryset = units
        rep_unit = permissions.unit_of(user, municipality)
        if rep_unit is not None:
            if self.instance.pk is None:
                self.initial["unit"] = rep_unit.pk
            self.fields["unit"].disabled = True
            self.fields["unit"].help_text = _("Only the coordinator can move a news item.")

    def clean(self):
        cleaned = super().clean()
        has_image = bool(cleaned.get("image"))
        if has_image and not (cleaned.get("image_alt_sv") or "").strip():
            self.add_error(
                "image_alt_sv",
                _("Describe the image in Swedish: an image needs an alt text."),
            )
        if (
            has_image
            and cleaned.get("title_en")
            and not (cleaned.get("image_alt_en") or "").strip()
        ):
            self.add_error(
                "image_alt_en",
                _("Describe the image in English too, since the news item has an English title."),
            )
        return cleaned
