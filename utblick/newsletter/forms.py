"""Forms of the newsletter: public subscribing and managing, staff lists and issues."""

from django import forms
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from utblick.core.refusals import show_on_form
from utblick.news.selectors import news_of

from . import compose, services
from .consent import consent_text
from .models import Issue, MailingList

LANGUAGE_CHOICES = [("sv", _("Swedish")), ("en", _("English"))]


class ListChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} – {obj.description}" if obj.description else obj.name


class CallChoiceField(forms.ModelMultipleChoiceField):
    """Calls with their next deadline (Swedish time) in the label."""

    def label_from_instance(self, obj):
        label = f"{obj.title} ({obj.identifier})"
        due = getattr(obj, "next_due", None)
        if due:
            local = timezone.localtime(due, compose.SWEDISH_TIME)
            label += " – " + _("deadline %(date)s") % {"date": f"{local:%Y-%m-%d %H:%M}"}
        return label


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    lists = ListChoiceField(
        label=_("Newsletters"),
        queryset=MailingList.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one newsletter.")},
    )
    language = forms.ChoiceField(
        label=_("Language of the mails"), choices=LANGUAGE_CHOICES, widget=forms.RadioSelect
    )
    consent = forms.BooleanField(
        label=_("I agree"),
        error_messages={"required": _("We can only send the newsletter with your consent.")},
    )

    def __init__(self, *args, municipality, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lists"].queryset = public_lists(municipality)
        self.fields["language"].initial = language
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["consent"].help_text = consent_text(municipality, language)


def public_lists(municipality):
    return MailingList.objects.filter(
        municipality=municipality, is_active=True, audience=MailingList.Audience.EXTERNAL
    )


class ManageForm(forms.Form):
    lists = ListChoiceField(
        label=_("Newsletters you receive"),
        queryset=MailingList.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Untick a newsletter to leave it."),
    )
    language = forms.ChoiceField(
        label=_("Language of the mails"), choices=LANGUAGE_CHOICES, widget=forms.RadioSelect
    )

    def __init__(self, *args, subscriber, **kwargs):
        super().__init__(*args, **kwargs)
        subscribed = [s.mailing_list_id for s in subscriber.subscriptions.all()]
        self.fields["lists"].queryset = MailingList.objects.filter(
            Q(pk__in=subscribed) | Q(is_active=True, audience=MailingList.Audience.EXTERNAL),
            municipality_id=subscriber.municipality_id,
        )
        self.fields["language"].initial = subscriber.language
        self.fields["lists"].initial = [
            s.mailing_list_id for s in subscriber.subscriptions.all() if s.status == "active"
        ]


class MailingListForm(forms.ModelForm):
    class Meta:
        model = MailingList
        fields = ["name_sv", "name_en", "description_sv", "description_en", "audience", "is_active"]
        widgets = {
            "description_sv": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_sv"].label = _("Name in Swedish")
        self.fields["name_en"].label = _("Name in English")
        self.fields["description_sv"].label = _("Description in Swedish")
        self.fields["description_en"].label = _("Description in English")
        self.fields["name_sv"].required = True


class IssueForm(forms.ModelForm):
    class Meta:
        model = Issue
        fields = [
            "mailing_list",
            "subject_sv",
            "subject_en",
            "intro_sv",
            "intro_en",
            "news_items",
            "projects",
            "calls",
        ]
        field_classes = {"calls": CallChoiceField}
        widgets = {
            "news_items": forms.CheckboxSelectMultiple,
            "projects": forms.CheckboxSelectMultiple,
            "calls": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        labels = {
            "subject_sv": _("Subject in Swedish"),
            "subject_en": _("Subject in English"),
            "intro_sv": _("Introduction in Swedish"),
            "intro_en": _("Introduction in English"),
            "news_items": _("News to include"),
            "projects": _("Suggested projects (new or updated since the last issue)"),
            "calls": _("Suggested calls (upcoming, new since the last issue)"),
        }
        for name, label in labels.items():
            self.fields[name].label = label
        self.fields["subject_sv"].required = True
        self.fields["intro_sv"].help_text = _("Markdown.")
        self.fields["mailing_list"].queryset = MailingList.objects.filter(municipality=municipality)
        self.fields["news_items"].queryset = news_of(municipality).filter(
            pk__in=list(news_of(municipality).published().values_list("pk", flat=True)[:50])
        )
        since = None
        if self.instance.pk and self.instance.mailing_list_id:
            since = compose.last_sent_at(self.instance.mailing_list, before=self.instance)
        suggested = compose.suggested_projects(municipality, since)
        chosen = (
            list(self.instance.projects.values_list("pk", flat=True)) if self.instance.pk else []
        )
        ids = set(suggested.values_list("pk", flat=True)[:30]) | set(chosen)
        self.fields["projects"].queryset = suggested.model.objects.filter(pk__in=ids).order_by(
            "title"
        )
        self.fields["projects"].help_text = _(
            "Public projects that are new or changed since the list's last issue."
        )
        suggested_calls = compose.upcoming_calls(municipality, since, limit=30)
        chosen_calls = (
            list(self.instance.calls.values_list("pk", flat=True)) if self.instance.pk else []
        )
        call_ids = set(suggested_calls.values_list("pk", flat=True)) | set(chosen_calls)
        calls = compose.call_model().objects.visible_to(municipality).filter(pk__in=call_ids)
        self.fields["calls"].queryset = compose.with_next_deadline(calls).order_by(
            F("next_due").asc(nulls_last=True), "title"
        )
        self.fields["calls"].help_text = _(
            "Open or forthcoming calls for the municipality with a deadline ahead, new since "
            "the list's last issue; the mail shows the programme, the next deadline in "
            "Swedish time and the link."
        )

    def clean(self):
        # The rules are the service's (services.issue_errors), so every path refuses the same.
        cleaned = super().clean()
        errors = services.issue_errors(
            municipality=self.municipality,
            values={name: cleaned.get(name) for name in services.ISSUE_FIELDS},
            issue=self.instance if self.instance.pk else None,
            news_items=cleaned.get("news_items"),
            projects=cleaned.get("projects"),
            calls=cleaned.get("calls"),
        )
        show_on_form(self, errors)
        return cleaned

    def issue_data(self) -> dict:
        """The keyword data for ``services.save_issue``."""
        names = [*services.ISSUE_FIELDS, "news_items", "projects", "calls"]
        return {name: self.cleaned_data[name] for name in names}


class SendForm(forms.Form):
    WHEN = [("now", _("Send now")), ("later", _("Send at a time"))]
    when = forms.ChoiceField(label=_("When"), choices=WHEN, widget=forms.RadioSelect, initial="now")
    send_at = forms.DateTimeField(
        label=_("Date and time"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Only when sending at a time."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("when") == "later":
            at = cleaned.get("send_at")
            if at is None:
                self.add_error("send_at", _("Give the date and time to send at."))
            elif at <= timezone.now():
                self.add_error("send_at", _("The time must be in the future."))
        return cleaned


class TestSendForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"), choices=LANGUAGE_CHOICES, widget=forms.RadioSelect, initial="sv"
    )
