"""Staff pages: composing with suggestions, preview, test send, send now or later, archive,
and constant query counts."""

import datetime

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from utblick.funding.tests.factories import CallFactory, deadline
from utblick.jobs.models import Job
from utblick.news.tests.factories import NewsItemFactory
from utblick.projects.tests.factories import ProjectFactory
from utblick.testing import login

from ..models import Delivery, Issue
from .factories import IssueFactory, MailingListFactory, eu_programme, subscribe_active
from .helpers import url


def issue_data(home, **overrides):
    data = {
        "mailing_list": home.records["mailing_list"].pk,
        "subject_sv": "Nyhetsbrev juni",
        "subject_en": "Newsletter June",
        "intro_sv": "Hej *alla*!",
        "news_items": [home.records["news_item"].pk],
        "projects": [home.records["public_project"].pk],
    }
    data.update(overrides)
    return data


def test_the_coordinator_composes_an_issue_from_news_and_suggested_projects(client, home):
    login(client, home.users["coordinator"])
    form_page = client.get(url("staff", "newsletter_issue_create", home, "en"))
    page = form_page.content.decode()
    assert "Green border towns" in page  # a public project, suggested
    assert "Intern förstudie" not in page  # internal projects are never suggested
    response = client.post(url("staff", "newsletter_issue_create", home), issue_data(home))
    assert response.status_code == 302
    issue = Issue.objects.get(subject_sv="Nyhetsbrev juni")
    assert issue.status == Issue.Status.DRAFT
    assert list(issue.news_items.all()) == [home.records["news_item"]]
    assert list(issue.projects.all()) == [home.records["public_project"]]


def test_internal_news_cannot_go_to_an_external_list(client, home):
    login(client, home.users["coordinator"])
    data = issue_data(home, news_items=[home.records["internal_news_item"].pk])
    response = client.post(url("staff", "newsletter_issue_create", home, "en"), data)
    assert response.status_code == 400
    assert "Internal news cannot go to an external list" in response.content.decode()
    assert not Issue.objects.filter(subject_sv="Nyhetsbrev juni").exists()


def test_projects_suggested_are_those_changed_since_the_list_s_last_issue(client, home):
    from ..compose import suggested_projects

    mailing_list = home.records["mailing_list"]
    sent = home.records["sent_issue"]
    Issue.objects.filter(pk=sent.pk).update(sent_at=timezone.now() + datetime.timedelta(days=1))
    fresh = ProjectFactory(municipality=home.municipality, is_public=True, title="Färskt")
    from ..compose import last_sent_at

    since = last_sent_at(mailing_list)
    assert fresh not in suggested_projects(home.municipality, since)
    Issue.objects.filter(pk=sent.pk).update(sent_at=timezone.now() - datetime.timedelta(days=1))
    assert fresh in suggested_projects(home.municipality, last_sent_at(mailing_list))


def test_the_preview_is_the_mail_in_the_chosen_language(client, home):
    login(client, home.users["reader"])
    issue = home.records["issue"]
    issue.subject_en = "The English subject"
    issue.save()
    preview = client.get(
        url("staff", "newsletter_issue_preview", home, pk=issue.pk), {"lang": "en"}
    )
    html = preview.content.decode()
    assert '<html lang="en">' in html
    assert "<title>The English subject</title>" in html
    assert 'alt="Flags outside the town hall"' in html
    assert "Unsubscribe" in html
    # The mail's inline CSS is let through on this page only; scripts are not.
    directives = dict(
        part.strip().split(" ", 1) for part in preview["Content-Security-Policy"].split(";")
    )
    assert directives["style-src-attr"] == "'unsafe-inline'"
    assert directives["script-src"] == "'self'"
    assert settings.SITE_URL in directives["img-src"]  # the mail's images, by absolute URL


def test_a_test_goes_to_the_coordinator_only(client, home, mailoutbox):
    coordinator = home.users["coordinator"]
    coordinator.email = "samordnare@example.org"
    coordinator.save()
    login(client, coordinator)
    issue = home.records["issue"]
    response = client.post(
        url("staff", "newsletter_issue_test", home, pk=issue.pk), {"language": "sv"}
    )
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["samordnare@example.org"]
    assert mailoutbox[0].subject.startswith("[Test]")
    assert not Delivery.objects.filter(issue=issue).exists()


def test_send_now_runs_in_the_background_and_shows_the_job(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    login(client, home.users["coordinator"])
    issue = home.records["issue"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("staff", "newsletter_issue_send", home, pk=issue.pk), {"when": "now"}
        )
    issue.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == issue.job.get_absolute_url()
    assert issue.job.status == Job.Status.SUCCEEDED
    assert issue.status == Issue.Status.SENT
    assert [m.to for m in mailoutbox] == [[home.records["subscriber"].email]]
    detail = client.get(url("staff", "newsletter_issue_detail", home, "en", pk=issue.pk))
    assert "Sent" in detail.content.decode()


def test_send_later_schedules_and_a_time_in_the_past_is_refused(client, home):
    login(client, home.users["coordinator"])
    issue = home.records["issue"]
    send = url("staff", "newsletter_issue_send", home, "en", pk=issue.pk)
    past = (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(send, {"when": "later", "send_at": past})
    assert response.status_code == 400
    assert "The time must be in the future." in response.content.decode()
    future = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    assert client.post(send, {"when": "later", "send_at": future}).status_code == 302
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SCHEDULED
    assert issue.scheduled_at > timezone.now()


def test_the_public_archive_shows_sent_external_issues_only(client, home):
    page = client.get(url("public", "newsletter_archive", home)).content.decode()
    assert "Nyhetsbrev våren" in page
    assert home.records["issue"].subject not in page
    assert home.records["internal_sent_issue"].subject not in page
    english = client.get(
        url("public", "newsletter_archive_issue", home, "en", pk=home.records["sent_issue"].pk)
    )
    assert "Spring newsletter" in english.content.decode()


def queries(client, urls):
    found = []
    for address in urls:
        with CaptureQueriesContext(connection) as context:
            assert client.get(address).status_code == 200, address
        found.append(len(context))
    return found


def test_every_page_keeps_a_constant_number_of_queries(client, home):
    login(client, home.users["coordinator"])
    issue = home.records["issue"]
    mailing_list = home.records["mailing_list"]
    subscriber = home.records["subscriber"]
    issue.projects.add(home.records["public_project"])  # so no list starts out empty
    home.records["sent_issue"].calls.add(home.records["newsletter_call"])
    staff_urls = [
        url("staff", name, home, **kwargs)
        for name, kwargs in [
            ("newsletter_overview", {}),
            ("newsletter_subscriber_list", {}),
            ("newsletter_subscriber_detail", {"pk": subscriber.pk}),
            ("newsletter_issue_detail", {"pk": issue.pk}),
            ("newsletter_issue_preview", {"pk": issue.pk}),
            ("newsletter_issue_create", {}),
            ("newsletter_issue_edit", {"pk": issue.pk}),
            ("newsletter_issue_cancel", {"pk": home.records["scheduled_issue"].pk}),
        ]
    ]
    public_urls = [
        url("public", "newsletter_archive", home),
        url("public", "newsletter_archive_issue", home, pk=home.records["sent_issue"].pk),
        url("public", "newsletter_subscribe", home),
        url("public", "newsletter_manage", home, key=subscriber.key),
    ]
    before = queries(client, staff_urls + public_urls)

    for n in range(15):
        extra_list = MailingListFactory(municipality=home.municipality)
        person = subscribe_active(mailing_list, email=f"many{n}@example.org")
        subscribe_active(extra_list, email=f"other{n}@example.org")
        from ..models import Subscription

        Subscription.objects.create(subscriber=subscriber, mailing_list=extra_list, status="active")
        item = NewsItemFactory(municipality=home.municipality, unit=home.unit)
        issue.news_items.add(item)
        home.records["sent_issue"].news_items.add(item)
        project = ProjectFactory(municipality=home.municipality, is_public=True)
        issue.projects.add(project)
        call = CallFactory(programme=eu_programme(), url=f"https://example.org/call/{n}")
        deadline(call, days=10 + n)
        deadline(call, days=100 + n)  # a second stage
        issue.calls.add(call)
        home.records["sent_issue"].calls.add(call)
        Delivery.objects.create(issue=issue, subscriber=person, status="failed", error="550")
        IssueFactory(
            municipality=home.municipality,
            mailing_list=mailing_list,
            status=Issue.Status.SENT,
            sent_at=timezone.now(),
        )
    assert queries(client, staff_urls + public_urls) == before


def test_the_issue_page_suggests_upcoming_calls_from_the_funding_app(client, home):
    from django.apps import apps

    call_model = apps.get_model("funding", "Call")
    deadline_model = apps.get_model("funding", "CallDeadline")
    call = call_model.objects.create(
        identifier="HORIZON-TEST-NEWSLETTER-01",
        source="manual",
        municipality=home.municipality,
        title="Testutlysning för nyhetsbrevet",
        status="open",
    )
    deadline_model.objects.create(call=call, due=timezone.now() + datetime.timedelta(days=20))
    login(client, home.users["reader"])
    page = client.get(
        url("staff", "newsletter_issue_detail", home, "en", pk=home.records["issue"].pk)
    ).content.decode()
    assert "Upcoming calls to mention" in page
    assert "HORIZON-TEST-NEWSLETTER-01" in page or "Testutlysning för nyhetsbrevet" in page


def test_the_coordinator_picks_upcoming_calls_and_the_mail_shows_them(client, home, away):
    from utblick.funding.models import Call

    from ..compose import render_mail

    year = timezone.now().year + 1
    winter = CallFactory(
        identifier="ERASMUS-TEST-WINTER",
        title="Erasmus+ youth exchanges",
        programme_name="Erasmus+",
        url="https://erasmus-plus.ec.europa.eu/",
    )
    # 16:00 UTC in February is 17:00 in Sweden (CET); 15:00 UTC in June is 17:00 (CEST).
    winter.deadlines.create(due=datetime.datetime(year, 2, 10, 16, 0, tzinfo=datetime.UTC))
    summer = CallFactory(identifier="INTERREG-TEST-SUMMER", title="Interreg Öresund small projects")
    summer.deadlines.create(due=datetime.datetime(year, 6, 10, 15, 0, tzinfo=datetime.UTC))
    closed = CallFactory(identifier="CLOSED-TEST", title="A closed call", status=Call.Status.CLOSED)
    closed.deadlines.create(due=datetime.datetime(year, 3, 1, 12, 0, tzinfo=datetime.UTC))
    theirs = away.records["funding_call"]  # the other municipality's own manual call

    login(client, home.users["coordinator"])
    page = client.get(url("staff", "newsletter_issue_create", home, "en")).content.decode()
    assert f"Erasmus+ youth exchanges (ERASMUS-TEST-WINTER) – deadline {year}-02-10 17:00" in page
    assert f"deadline {year}-06-10 17:00" in page
    assert "A closed call" not in page and theirs.identifier not in page
    refused = client.post(
        url("staff", "newsletter_issue_create", home, "en"), issue_data(home, calls=[theirs.pk])
    )
    assert refused.status_code == 400
    response = client.post(
        url("staff", "newsletter_issue_create", home),
        issue_data(home, calls=[winter.pk, summer.pk]),
    )
    assert response.status_code == 302
    issue = Issue.objects.get(subject_sv="Nyhetsbrev juni")
    assert set(issue.calls.all()) == {winter, summer}

    swedish, english = render_mail(issue, "sv"), render_mail(issue, "en")
    for mail in (swedish, english):
        for body in (mail.html, mail.text):
            assert "Erasmus+ youth exchanges" in body and "Erasmus+" in body
            assert f"{year}-02-10 17:00" in body and f"{year}-06-10 17:00" in body
            assert "https://erasmus-plus.ec.europa.eu/" in body
            assert body.index("Erasmus+ youth") < body.index("Interreg Öresund")  # by deadline
    assert "Upcoming calls" in english.html and "Swedish time" in english.text
    assert "Kommande utlysningar" in swedish.html and "svensk tid" in swedish.text
    assert "Programme: Erasmus+" in english.text and "Program: Erasmus+" in swedish.text
    # The call's own language is marked in the Swedish mail (the title is English).
    assert '<span lang="en"><a href="https://erasmus-plus.ec.europa.eu/"' in swedish.html
    assert f'<time datetime="{year}-02-10T17:00:00+01:00">' in english.html
    # The issue page lists the chosen calls.
    detail = client.get(url("staff", "newsletter_issue_detail", home, "en", pk=issue.pk))
    assert "ERASMUS-TEST-WINTER – Erasmus+ youth exchanges" in detail.content.decode()


def test_the_archive_page_shows_the_mail_content_without_inline_styles(client, home):
    sent = home.records["sent_issue"]
    sent.calls.add(home.records["newsletter_call"])
    sent.projects.add(home.records["public_project"])
    page = client.get(url("public", "newsletter_archive_issue", home, pk=sent.pk))
    html = page.content.decode()
    assert "Cities for climate-neutral twinning" in html
    assert "style=" not in html
    from ..compose import render_mail

    assert 'style="' in render_mail(sent, "sv").html  # the mail keeps its inline CSS


def test_a_scheduled_issue_can_be_unscheduled_and_a_sending_cancelled(client, home):
    login(client, home.users["coordinator"])
    scheduled = home.records["scheduled_issue"]
    cancel = url("staff", "newsletter_issue_cancel", home, "en", pk=scheduled.pk)
    assert "Unschedule" in client.get(cancel).content.decode()
    assert client.post(cancel).status_code == 302
    scheduled.refresh_from_db()
    assert scheduled.status == Issue.Status.DRAFT and scheduled.scheduled_at is None

    sending = IssueFactory(
        municipality=home.municipality,
        mailing_list=home.records["mailing_list"],
        status=Issue.Status.SENDING,
    )
    waiting = Delivery.objects.create(issue=sending, subscriber=home.records["subscriber"])
    cancel = url("staff", "newsletter_issue_cancel", home, "en", pk=sending.pk)
    assert client.post(cancel).status_code == 302
    sending.refresh_from_db()
    waiting.refresh_from_db()
    assert sending.status == Issue.Status.CANCELLED
    assert waiting.status == Delivery.Status.CANCELLED
    # Neither a cancelled nor a draft issue can be cancelled (again).
    response = client.post(url("staff", "newsletter_issue_send", home, "en", pk=sending.pk))
    sending.refresh_from_db()
    assert sending.status == Issue.Status.CANCELLED and sending.job_id is None
    assert client.post(cancel).status_code == 302
    assert response.status_code in (302, 400)
