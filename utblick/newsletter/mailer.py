"""Building and sending the personal copies of an issue, fast.

The issue is rendered once per language (:func:`compose.render_mail`, with placeholder links)
and turned into one MIME message per language, kept as bytes. A recipient's copy is those
bytes with their own links put in place of the placeholders and their own ``To``,
``Message-ID`` and ``List-Unsubscribe`` headers in front (RFC 8058: the message carries
``List-Unsubscribe-Post: List-Unsubscribe=One-Click``). Nothing is rendered or encoded per
recipient. The copies go over one SMTP connection (``sendmail`` on the raw bytes), which is
opened again when the server closed it.

When the server offers PIPELINING (RFC 2920; Postfix, Exim and the big providers do), the
MAIL, RCPT and DATA commands of a copy go in one write and their answers are read
together: two round trips per copy instead of four.

The byte template is used only when it is safe: the bodies are sent as 8bit (not
quoted-printable or base64, which could split a placeholder) and every placeholder is
found intact. Otherwise (very long lines in the content), or with a mail backend other than
SMTP (tests, the console), each copy is built as a whole message, as before.
"""

from __future__ import annotations

import contextlib
import re
import smtplib
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.message import sanitize_address

from . import compose

# A subscriber's key as it stands in the links of the template (letters only, so that
# reverse() leaves it as it is); keys are made by secrets.token_urlsafe (at most 64 chars).
KEY_PLACEHOLDER = "utblickpersonalkeyplaceholder"
KEY_MAX = 64
MESSAGE_ID_PLACEHOLDER = "<utblick-message-id-placeholder@utblick.invalid>"
LINE_LIMIT = 998  # RFC 5322, without CRLF
PERSONAL_HEADERS = ("To", "Message-ID", "List-Unsubscribe")
# An address that needs no encoding or quoting in a header or an SMTP command (nearly all);
# others go through Django's sanitize_address and smtplib's quoteaddr.
PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+\Z")


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
    """Personal copies of one issue over one SMTP connection, reconnecting when the server
    closed it."""

    def __init__(self, issue):
        self.issue = issue
        self.templates: dict[str, Template] = {}
        self.connection = None
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
            return Outgoing(to=to, message=message)
        head = (
            f"To: {to}\r\nMessage-ID: {self.message_id(recipient)}\r\n"
            f"List-Unsubscribe: <{unsubscribe_url}>\r\n"
        ).encode("ascii")
        body = template.raw.replace(
            compose.MANAGE_PLACEHOLDER.encode(), manage_url.encode("ascii")
        ).replace(compose.UNSUBSCRIBE_PLACEHOLDER.encode(), unsubscribe_url.encode("ascii"))
        return Outgoing(to=to, raw=head + body)

    def send(self, outgoing: Outgoing) -> None:
        """Send one copy; raises ConnectionLost, SendingBroken or an smtplib error with a
        code (the recipient's refusal)."""
        try:
            if self.connection is None:
                self.connection = get_connection(fail_silently=False)
                self.connection.open()
            if outgoing.raw is None:
                self.connection.send_messages([outgoing.message])
            elif self.connection.connection.has_extn("pipelining"):
                pipelined_sendmail(
                    self.connection.connection, self.from_address, outgoing.to, outgoing.raw
                )
            else:
                self.connection.connection.sendmail(self.from_address, [outgoing.to], outgoing.raw)
        except smtplib.SMTPRecipientsRefused:
            raise  # this recipient only; the connection is fine
        except smtplib.SMTPNotSupportedError as exc:  # e.g. STARTTLS or AUTH not offered
            self.close()
            raise SendingBroken(str(exc)) from exc
        except smtplib.SMTPResponseException as exc:
            # 421: the server is shutting the connection down.
            if exc.smtp_code == 421 or isinstance(exc, smtplib.SMTPConnectError):
                self.close()
                raise ConnectionLost(str(exc)) from exc
            if isinstance(exc, SESSION_ERRORS):
                self.close()
                if exc.smtp_code >= 500:
                    raise SendingBroken(smtp_failure(exc)[1]) from exc
                raise ConnectionLost(smtp_failure(exc)[1]) from exc
            raise
        except OSError as exc:  # disconnected, refused, reset, timed out (SMTPException too)
            self.close()
            raise ConnectionLost(str(exc)) from exc

    def close(self):
        if self.connection is not None:
            with contextlib.suppress(Exception):  # the connection may be broken already
                self.connection.close()
        self.connection = None


LEADING_DOT = re.compile(rb"(?m)^\.")


def pipelined_sendmail(smtp: smtplib.SMTP, sender: str, recipient: str, raw: bytes) -> None:
    """``smtp.sendmail(sender, [recipient], raw)`` with MAIL, RCPT and DATA sent as one group
    (RFC 2920), raising the same exceptions as smtplib does."""
    smtp.ehlo_or_helo_if_needed()
    smtp.send(
        f"MAIL FROM:{quoted(sender)}\r\nRCPT TO:{quoted(recipient)}\r\nDATA\r\n".encode("ascii")
    )
    mail_reply, rcpt_reply, data_reply = smtp.getreply(), smtp.getreply(), smtp.getreply()
    if data_reply[0] == 354 and (mail_reply[0] != 250 or rcpt_reply[0] not in (250, 251)):
        smtp.send(b".\r\n")  # a server that began the data anyway: end it empty
        smtp.getreply()
    if mail_reply[0] != 250:
        reset(smtp, mail_reply[0])
        raise smtplib.SMTPSenderRefused(*mail_reply, sender)
    if rcpt_reply[0] not in (250, 251):
        reset(smtp, rcpt_reply[0])
        raise smtplib.SMTPRecipientsRefused({recipient: rcpt_reply})
    if data_reply[0] != 354:
        reset(smtp, data_reply[0])
        raise smtplib.SMTPDataError(*data_reply)
    data = LEADING_DOT.sub(b"..", raw)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    smtp.send(data + b".\r\n")
    code, message = smtp.getreply()
    if code != 250:
        reset(smtp, code)
        raise smtplib.SMTPDataError(code, message)


def quoted(address: str) -> str:
    return f"<{address}>" if PLAIN_ADDRESS.match(address) else smtplib.quoteaddr(address)


def reset(smtp: smtplib.SMTP, code: int) -> None:
    """RSET after a refusal, as smtplib does; not when the server is closing (421)."""
    if code == 421:
        return
    with contextlib.suppress(smtplib.SMTPServerDisconnected, OSError):
        smtp.rset()


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
