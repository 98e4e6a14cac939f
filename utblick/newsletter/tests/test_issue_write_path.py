"""Newsletter issues are written by one service, ``services.save_issue``, with plain data: it
refuses what the issue form refuses, with the same messages, whoever calls it."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation

from utblick.news.tests.factories import NewsItemFactory

from .. import services
from ..models import Issue
from .factories import IssueFactory, MailingListFactory

pytestmark = pytest.mark.django_db


def _refusal(home, **data):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.save_issue(municipality=home.municipality, user=home.users["coordinator"], **data)
    return refused.value.message_dict


def test_an_issue_is_saved_from_plain_data(home):
    mailing_list = MailingListFactory(municipality=home.municipality)
    news = NewsItemFactory(municipality=home.municipality, is_public=True)
    issue = services.save_issue(
        municipality=home.municipality,
        user=home.users["coordinator"],
        mailing_list=mailing_list,
        subject_sv="Nyhetsbrev maj",
        news_items=[news],
    )
    assert issue.municipality == home.municipality
    assert issue.created_by == home.users["coordinator"]
    assert list(issue.news_items.all()) == [news]


def test_internal_news_never_go_to_an_external_list(home):
    external = MailingListFactory(municipality=home.municipality)
    internal_news = NewsItemFactory(municipality=home.municipality, is_public=False)
    errors = _refusal(
        home, mailing_list=external, subject_sv="Nyhetsbrev", news_items=[internal_news]
    )
    assert errors == {
        "news_items": [f"Internal news cannot go to an external list: {internal_news}."]
    }
    assert not Issue.objects.filter(subject_sv="Nyhetsbrev").exists()


def test_list_and_news_must_be_the_municipality_own(home, away):
    errors = _refusal(
        home,
        mailing_list=MailingListFactory(municipality=away.municipality),
        subject_sv=" ",
        news_items=[NewsItemFactory(municipality=away.municipality, is_public=True)],
    )
    assert errors == {
        "subject_sv": ["This field is required."],
        "mailing_list": ["Choose one of the municipality's own mailing lists."],
        "news_items": ["Choose the municipality's own news."],
    }


def test_only_a_draft_or_scheduled_issue_can_be_changed(home):
    sent = IssueFactory(
        municipality=home.municipality,
        mailing_list=MailingListFactory(municipality=home.municipality),
        status=Issue.Status.SENT,
    )
    errors = _refusal(home, issue=sent, subject_sv="Ändrat i efterhand")
    assert errors == {
        NON_FIELD_ERRORS: ["An issue that is being sent or was sent cannot be changed."]
    }
    sent.refresh_from_db()
    assert sent.subject_sv != "Ändrat i efterhand"
