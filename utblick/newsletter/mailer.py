"""Building and sending the personal copies of an issue, fast.

The issue is rendered once per language (:func:`compose.render_mail`, with placeholder links)
and turned into one MIME message per language, kept as bytes. A recipient's copy is those
bytes with their own links put in place of the placeholders and their own ``To``,
``Message-ID`` and ``List-Unsubscribe`` headers in front (RFC 8058: the message carries
``List-Unsubscribe-Post: List-Unsubscribe=One-Click``). Nothing is rendered or encoded per
recipient. The copies go over ``NEWSLETTER_SMTP_CONNECTIONS`` SMTP connections taken in
turn (default 1; a connection the server closed is opened again on its next turn).

When the server offers PIPELINING (RFC 2920; Postfix, Exim and the big providers do), a
connection never waits between two copies (see :mod:`.lanes`): one write per copy (its
content and the next copy's MAIL, RCPT and DATA), one read of the answers, and the next
copy is made while the server takes in this one. With more connections the server has a
copy to take in while the sender reads another's answers, and an MTA that serves each
connection in a process of its own (Postfix's smtpd) can use more cores; on 2 shared cores
one connection measured faster (benchmarks/README.md). Without PIPELINING each copy waits
for its answers, over one connection (smtplib's ``sendmail``).

The byte template is used only when it is safe: the bodies are sent as 8bit (not
quoted-printable or base64, which could split a placeholder) and every placeholder is
found intact. Otherwise (very long lines in the content), or with a mail backend other than
SMTP (tests, the console), each copy is built as a whole message, as before.
"""

from __future__ import annotations

import contextlib
import smtplib
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.message import sanitize_address

from . import compose
from .lanes import CLOSING, PLAIN_ADDRESS, Lane

# A subscriber's key as it stands in the links of the template (letters only, so that
# reverse() leaves it as it is); keys are made by secrets.token_urlsafe (at most 64 chars).
KEY_PLACEHOLDER = "utblickpersonalkeyplaceholder"
KEY_MAX = 64
MESSAGE_ID_PLACEHOLDER = "<utblick-message-id-placeholder@utblick.invalid>"
LINE_LIMIT = 998  # RFC 5322, without CRLF
PERSONAL_HEADERS = ("To", "Message-ID", "List-Unsubscribe")


class ConnectionLost(Exception):
    """The mail server cannot be reached or closed the connection: temporary, so the
    sending stays unfinished and is resumed (by cron, ``resume_jobs`` or the coordinator)."""


class SendingBroken(Exception):
    """A failure no retry mends by itself: the server refuses our login or our sender
    address (5xx), or something unexpected broke. The sending stops and is not resumed
    automatically; the coordinator resumes it once the cause is fixed."""


# Refusals of the session rather than of one recipient.
SESSION_ERRORS = (
    smtplib.SMTPAuthenticationError,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPHeloError,
    smtplib.SMTPNotSupportedError,
)


@dataclass(frozen=True)
class Recipient:
    """What a personal copy needs of a subscriber."""

    subscriber_id: int
    email: str
    language: str
    key: str


@dataclass(frozen=True)
class Outgoing:
    """One personal copy: the envelope recipient and either the raw bytes or, on the slow
    path, the whole Django message."""

    recipient: Recipient
    to: str
    raw: bytes | None = None
    message: EmailMultiAlternatives | None = None


@dataclass(frozen=True)
class Template:
    """The issue in one language: the rendered mail, the links with a key placeholder and,
    when safe, the MIME message as bytes without its personal headers."""

    mail: compose.RenderedMail
    manage_url: str
    unsubscribe_url: str
    raw: bytes | None


def build_message(mail, *, to, language, unsubscribe_url, message_id):
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Content-Language": language,
        "Message-ID": message_id,
    }
    message = EmailMultiAlternatives(subject=mail.subject, body=mail.text, to=[to], headers=headers)
    message.attach_alternative(mail.html, "text/html")
    return message


def raw_template(mail, *, language, manage_url, unsubscribe_url) -> bytes | None:
    """The message in ``language`` as CRLF bytes without the personal headers, or None when
    the placeholders cannot be replaced safely in the encoded bytes."""
    message = build_message(
        mail,
        to="placeholder@utblick.invalid",
        language=language,
        unsubscribe_url=unsubscribe_url,
        message_id=MESSAGE_ID_PLACEHOLDER,
    ).message()
    for name in PERSONAL_HEADERS:
        del message[name]
    raw = message.as_bytes(linesep="\r\n")
    lowered = raw.lower()
    if b"quoted-printable" in lowered or b"content-transfer-encoding: base64" in lowered:
        return None
    key = KEY_PLACEHOLDER.encode()
    expected = (mail.text + mail.html).count(compose.MANAGE_PLACEHOLDER) + (
        mail.text + mail.html
    ).count(compose.UNSUBSCRIBE_PLACEHOLDER)
    placeholders = raw.count(compose.MANAGE_PLACEHOLDER.encode()) + raw.count(
        compose.UNSUBSCRIBE_PLACEHOLDER.encode()
    )
    if placeholders != expected or key in raw:
        return None
    longest = max(len(manage_url), len(unsubscribe_url)) + KEY_MAX - len(KEY_PLACEHOLDER)
    growth = longest - min(len(compose.MANAGE_PLACEHOLDER), len(compose.UNSUBSCRIBE_PLACEHOLDER))
    for line in raw.split(b"\r\n"):
        found = line.count(b"https://utblick.invalid/")
        if found and len(line) + found * growth > LINE_LIMIT:
            return None
    return raw


class Mailer:
    """Personal copies of one issue over up to ``NEWSLETTER_SMTP_CONNECTIONS`` SMTP
    connections (:class:`lanes.Lane`), taken in turn; a connection the server closed is
    opened again on its next turn.

    :meth:`send` hands a copy over; its answer (accepted, or the refusal) is appended to
    ``done`` as soon as it is read, which with PIPELINING is during a later call or in
    :meth:`finish`. :meth:`settle` collects the answers still to come after an exception."""

    def __init__(self, issue, *, connections=None):
        self.issue = issue
        self.templates: dict[str, Template] = {}
        self.connections = max(1, connections or settings.NEWSLETTER_SMTP_CONNECTIONS)
        self.lanes: list[tuple[SmtpBackend, Lane] | None] = []
        self.turn = 0
        self.done: list[tuple[Recipient, Exception | None]] = []
        self.backend = None  # for a mail backend other than SMTP (tests, the console)
        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1] or "utblick.local"
        self.domain = domain.strip(">")
        self.from_address = sanitize_address(settings.DEFAULT_FROM_EMAIL, settings.DEFAULT_CHARSET)
        self.raw_allowed = isinstance(get_connection(fail_silently=False), SmtpBackend)

    def template(self, language) -> Template:
        if language not in self.templates:
            mail = compose.render_mail(self.issue, language)
            placeholder = SimpleNamespace(language=language, key=KEY_PLACEHOLDER)
            manage_url, unsubscribe_url = compose.personal_links(
                placeholder, self.issue.mailing_list
            )
            raw = None
            if self.raw_allowed:
                raw = raw_template(
                    mail, language=language, manage_url=manage_url, unsubscribe_url=unsubscribe_url
                )
            self.templates[language] = Template(mail, manage_url, unsubscribe_url, raw)
        return self.templates[language]

    def message_id(self, recipient: Recipient) -> str:
        return f"<newsletter-{self.issue.pk}-{recipient.subscriber_id}@{self.domain}>"

    def mail_for(self, recipient: Recipient) -> Outgoing:
        template = self.template(recipient.language)
        manage_url = template.manage_url.replace(KEY_PLACEHOLDER, recipient.key)
        unsubscribe_url = template.unsubscribe_url.replace(KEY_PLACEHOLDER, recipient.key)
        to = recipient.email
        if not PLAIN_ADDRESS.match(to):
            to = sanitize_address(to, settings.DEFAULT_CHARSET)
        if template.raw is None:
            mail = compose.personalise(
                template.mail, manage_url=manage_url, unsubscribe_url=unsubscribe_url
            )
            message = build_message(
                mail,
                to=recipient.email,
                language=recipient.language,
                unsubscribe_url=unsubscribe_url,
                message_id=self.message_id(recipient),
            )
            if self.raw_allowed:  # the bytes Django's SMTP backend would send
                return Outgoing(recipient, to, raw=message.message().as_bytes(linesep="\r\n"))
            return Outgoing(recipient, to, message=message)
        head = (
            f"To: {to}\r\nMessage-ID: {self.message_id(recipient)}\r\n"
            f"List-Unsubscribe: <{unsubscribe_url}>\r\n"
        ).encode("ascii")
        body = template.raw.replace(
            compose.MANAGE_PLACEHOLDER.encode(), manage_url.encode("ascii")
        ).replace(compose.UNSUBSCRIBE_PLACEHOLDER.encode(), unsubscribe_url.encode("ascii"))
        return Outgoing(recipient, to, raw=head + body)

    def send(self, outgoing: Outgoing) -> None:
        """Hand one copy over. Raises ConnectionLost or SendingBroken (the copies whose
        answers were not read yet then stay unknown); a recipient's refusal goes to ``done``."""
        if outgoing.raw is None:
            with self.translated(self._close_backend):
                self._send_whole(outgoing)
            return
        index = self.turn % self.connections
        self.turn += 1
        with self.translated(lambda: self._close_lane(index)):
            self._lane(index).exchange(outgoing)

    def finish(self) -> None:
        """Wait for the answers to every copy handed over (into ``done``)."""
        for index, entry in enumerate(self.lanes):
            if entry is not None:
                with self.translated(lambda index=index: self._close_lane(index)):
                    entry[1].finish()

    def settle(self) -> None:
        """After an exception: collect what the open connections still have to answer, so
        that nothing the server accepted stays unrecorded. A connection interrupted in the
        middle of an exchange, or failing now, is closed (its copy in flight stays unknown)."""
        for index, entry in enumerate(self.lanes):
            if entry is None:
                continue
            if entry[1].busy:
                self._close_lane(index)
                continue
            try:
                entry[1].finish()
            except Exception:  # noqa: BLE001 – best effort: unknown copies stay waiting
                self._close_lane(index)

    def take_done(self) -> list[tuple[Recipient, Exception | None]]:
        done, self.done = self.done, []
        return done

    def _report(self, outgoing: Outgoing, error: Exception | None) -> None:
        self.done.append((outgoing.recipient, error))

    def _lane(self, index) -> Lane:
        while len(self.lanes) <= index:
            self.lanes.append(None)
        if self.lanes[index] is None:
            backend = get_connection(fail_silently=False)
            self.lanes[index] = (backend, None)  # closed again if the opening fails
            backend.open()
            backend.connection.ehlo_or_helo_if_needed()
            lane = Lane(backend.connection, self.from_address, self._report)
            self.lanes[index] = (backend, lane)
            if not lane.pipelining:
                # Without PIPELINING a copy waits for its answer: one connection, as smtplib.
                self.connections = 1
        return self.lanes[index][1]

    def _send_whole(self, outgoing: Outgoing) -> None:
        if self.backend is None:
            self.backend = get_connection(fail_silently=False)
            self.backend.open()
        try:
            self.backend.send_messages([outgoing.message])
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as exc:
            if getattr(exc, "smtp_code", None) == CLOSING:
                raise
            self._report(outgoing, exc)
        else:
            self._report(outgoing, None)

    @contextlib.contextmanager
    def translated(self, close):
        """Connection failures as ConnectionLost or SendingBroken, after ``close()``."""
        try:
            yield
        except smtplib.SMTPNotSupportedError as exc:  # e.g. STARTTLS or AUTH not offered
            close()
            raise SendingBroken(str(exc)) from exc
        except smtplib.SMTPResponseException as exc:
            close()
            if isinstance(exc, SESSION_ERRORS) and exc.smtp_code >= 500:
                raise SendingBroken(smtp_failure(exc)[1]) from exc
            raise ConnectionLost(smtp_failure(exc)[1]) from exc
        except OSError as exc:  # disconnected, refused, reset, timed out (SMTPException too)
            close()
            raise ConnectionLost(str(exc)) from exc

    def _close_backend(self) -> None:
        if self.backend is not None:
            with contextlib.suppress(Exception):  # the connection may be broken already
                self.backend.close()
        self.backend = None

    def _close_lane(self, index) -> None:
        if index < len(self.lanes) and self.lanes[index] is not None:
            backend = self.lanes[index][0]
            self.lanes[index] = None
            with contextlib.suppress(Exception):  # the connection may be broken already
                backend.close()

    def close(self):
        for index in range(len(self.lanes)):
            self._close_lane(index)
        self._close_backend()


def smtp_failure(exc) -> tuple[int | None, str]:
    """The SMTP code and message of a refusal."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(exc.recipients.values()))
    elif isinstance(exc, smtplib.SMTPResponseException):
        code, text = exc.smtp_code, exc.smtp_error
    else:
        return None, str(exc)[:300]
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return code, f"{code} {text}"[:300]
