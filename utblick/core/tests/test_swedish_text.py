"""The Swedish UI is Swedish: every staff and public page, rendered in Swedish, and the
Swedish translation catalogue, checked for English left behind.

The pages come from the permission cases of every app (like the accessibility test), so a
new page is checked without being listed here. Only visible text counts: URLs, attributes,
scripts and styles are not shown to anyone.
"""

import datetime
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from utblick.tenancy.tests.test_permission_matrix import collect, url_for
from utblick.testing import login

# English words that are not also Swedish ("Status", "Partner", "Budget" and "Agenda" are):
# each one appears only when a string escaped translation or a stored value is shown raw.
TELLTALES = (
    "changed", "Changed", "created", "Created", "deleted", "Deleted", "updated", "Updated",
    "unchanged", "vanished", "Deadline", "Web:", "None", "True", "False", "Submit", "Save",
    "Edit", "Delete", "Search", "result", "Result", "results", "Cancel", "Back", "Yes",
    "Name", "Date", "Description", "Country", "History", "Download", "Upload", "Sign in",
    "Sign out", "Logout", "running", "queued", "failed", "finished", "pending", "draft",
    "published", "web form", "confirmation link", "manage page", "minutes",
    "United States", "Germany", "France", "Spain", "Norway", "Denmark", "Netherlands",
    "Poland", "China", "Italy", "Estonia", "Albania", "Brazil", "Canada", "Egypt",
    "Philippines", "South Sudan",
)  # fmt: skip
TELLTALE_PATTERN = re.compile(
    r"(?<![\w@.-])(" + "|".join(re.escape(word) for word in TELLTALES) + r")(?![\w@-])"
)
# E-mail addresses are data, not UI text ("pending@example.org").
EMAIL_ADDRESS = re.compile(r"\S+@\S+")


class VisibleText(HTMLParser):
    """The text a reader sees: no script, style or template contents, no attributes."""

    HIDDEN = {"script", "style", "template", "noscript"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden_depth += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden_depth:
            self.hidden_depth -= 1

    def handle_data(self, data):
        if not self.hidden_depth:
            self.parts.append(data)


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_in(text):
    """The telltale words in ``text``, each with a little context to find it by."""
    text = EMAIL_ADDRESS.sub("<e-post>", text)
    found = []
    for match in TELLTALE_PATTERN.finditer(text):
        start, end = max(match.start() - 40, 0), match.end() + 40
        found.append(f"{match.group(0)!r} in …{text[start:end]}…")
    return found


@pytest.fixture
def busy_home(world, settings):
    """The test world's home municipality after a little real use: a record edited (its
    history), an import finished (a job result), a subscriber who signed up (the consent
    log), a newsletter sent."""
    from utblick.jobs.models import Job
    from utblick.newsletter import services as newsletter_services

    home, _away = world
    project = home.records["project"]
    project.title_sv = f"{project.title_sv} (reviderad)"
    project.save()
    job = Job.objects.create(
        municipality=home.municipality,
        title="Import av utlysningar från calls.json",
        handler="utblick.funding.imports.import_calls_job",
        status=Job.Status.SUCCEEDED,
        result={"created": 12, "updated": 1500, "unchanged": 3, "vanished": 0,
                "source": "EU Funding & Tenders"},
    )  # fmt: skip
    subscriber = newsletter_services.subscribe(
        municipality=home.municipality,
        email="ny.prenumerant@example.org",
        language="sv",
        lists=[home.records["issue"].mailing_list],
    )
    for persona in ("coordinator", "rep", "reader"):
        user = home.users[persona]
        user.email = f"{user.username}@example.org"
        user.save()
    # Pages of these records besides those of the permission cases.
    home.extra_urls = [
        job.get_absolute_url(),
        reverse("staff:newsletter_subscriber_detail", args=[home.municipality.slug, subscriber.pk]),
    ]
    return home


def staff_urls(home):
    return [url_for("staff", key, builder, home) for key, (_a, builder) in collect("STAFF").items()]


def public_urls(home):
    urls = [
        url_for("public", key, builder, home)
        for key, (visibility, builder) in collect("PUBLIC").items()
        if visibility == "public"
    ]
    return [*urls, "/login/"]


def english_on_pages(client, urls):
    problems = {}
    for url in urls:
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        found = english_in(visible_text(response.content.decode()))
        if found:
            problems[url] = found
    return problems


def report(problems):
    return "English in the Swedish UI:\n" + "\n".join(
        f"{where}\n  " + "\n  ".join(found) for where, found in problems.items()
    )


@pytest.mark.django_db
def test_every_staff_and_public_page_in_swedish_has_no_english_word(busy_home):
    """Staff pages as the coordinator (who sees every page and every button), public pages
    as a visitor; both in Swedish, the first language (no /en/ prefix)."""
    staff = login(Client(), busy_home.users["coordinator"])
    problems = english_on_pages(staff, staff_urls(busy_home) + busy_home.extra_urls)
    problems.update(english_on_pages(Client(), public_urls(busy_home)))
    assert len(staff_urls(busy_home)) > 100, "the permission cases were not collected"
    assert not problems, report(problems)


@pytest.mark.django_db
def test_every_mail_in_swedish_has_no_english_word(busy_home, settings, mailoutbox):
    """The mails staff and subscribers get: deadline and document reminders, a newsletter
    (its test send), the confirmation of a subscription (sent by busy_home's sign-up)."""
    from utblick.documents.models import DocumentSettings, GoverningDocument
    from utblick.funding.reminders import send_deadline_reminders

    settings.FUNDING_REMINDER_DAYS = 90  # the world's watched call closes in 60 days
    send_deadline_reminders()
    DocumentSettings.objects.update_or_create(
        municipality=busy_home.municipality, defaults={"reminder_days": 3650}
    )
    GoverningDocument.objects.filter(municipality=busy_home.municipality).update(
        owner=busy_home.users["coordinator"],
        status=GoverningDocument.Status.ADOPTED,
        follow_up_on=datetime.date.today() + datetime.timedelta(days=10),
    )
    call_command("send_document_reminders")
    staff = login(Client(), busy_home.users["coordinator"])
    issue = busy_home.records["issue"]
    staff.post(
        reverse("staff:newsletter_issue_test", args=[busy_home.municipality.slug, issue.pk]),
        {"language": "sv"},
    )
    problems = {}
    for message in mailoutbox:
        texts = [message.subject, message.body]
        texts += [visible_text(body) for body, kind in getattr(message, "alternatives", [])
                  if kind == "text/html"]  # fmt: skip
        found = [hit for text in texts for hit in english_in(text)]
        if found:
            problems[f"{message.subject} (to {message.to[0]})"] = found
    assert len(mailoutbox) >= 4, [m.subject for m in mailoutbox]
    assert not problems, report(problems)


def test_the_swedish_catalogue_has_no_untranslated_or_fuzzy_message():
    """msgfmt counts what a Swedish reader would see in English (untranslated) or possibly
    wrong (fuzzy: a guess makemessages made from a similar message)."""
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt (GNU gettext) is needed: apt-get install gettext"
    catalogue = Path(settings.BASE_DIR) / "utblick" / "locale" / "sv" / "LC_MESSAGES" / "django.po"
    finished = subprocess.run(
        [msgfmt, "--statistics", "--check-format", "-o", "/dev/null", str(catalogue)],
        capture_output=True, text=True, env={"LC_ALL": "C"}, check=False,
    )  # fmt: skip
    assert finished.returncode == 0, finished.stderr
    statistics = finished.stderr.strip()
    assert re.fullmatch(r"\d+ translated messages\.", statistics), statistics


def test_every_message_in_the_code_is_in_the_swedish_catalogue(tmp_path):
    """The catalogue made again from today's code has nothing the committed one lacks: a
    string marked in a way makemessages does not see (an alias of gettext_lazy, say) would
    otherwise show in English without any untranslated entry to warn of it. makemessages
    runs on a copy of the code, so the tree is left as it was."""
    # makemessages knows _, gettext, gettext_lazy, pgettext…, not other names for them.
    alias = re.compile(r"import .*\b(n|p|np)?gettext(_lazy|_noop)? as (?!_\b)\w+")
    aliased = [
        f"{path.relative_to(settings.BASE_DIR)}: {line.strip()}"
        for path in (Path(settings.BASE_DIR) / "utblick").rglob("*.py")
        for line in path.read_text().splitlines()
        if alias.search(line)
    ]
    assert not aliased, f"strings marked under another name escape makemessages: {aliased}"
    assert shutil.which("xgettext"), "xgettext (GNU gettext) is needed: apt-get install gettext"
    base = Path(settings.BASE_DIR)
    copy = tmp_path / "utblick"
    shutil.copytree(base / "utblick", copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(base / "manage.py", tmp_path / "manage.py")
    finished = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "sv", "--no-obsolete", "-v0"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        env={**os.environ, "UTBLICK_ENV": "test", "DEBUG": "false", "LC_ALL": "C"},
    )  # fmt: skip
    assert finished.returncode == 0, finished.stderr
    remade = copy / "locale" / "sv" / "LC_MESSAGES" / "django.po"
    new = []
    for which in ("--untranslated", "--only-fuzzy"):
        entries = subprocess.run(
            [shutil.which("msgattrib"), which, "--no-wrap", str(remade)],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        new += re.findall(r'^msgid "(.+)"$', entries, flags=re.MULTILINE)
    assert not new, f"not in utblick/locale/sv (run makemessages and translate): {new}"
