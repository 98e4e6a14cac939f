"""One SMTP connection that keeps a copy in flight while the next one is made (RFC 2920).

With PIPELINING, a :class:`Lane` never waits for the server between two copies: each
:meth:`Lane.exchange` first reads the answers to what it wrote the time before, then writes
in one go the content of the copy whose envelope the server took and the envelope (MAIL,
RCPT, DATA) of the next copy. RFC 2920 allows exactly that: DATA ends a group, the content
may only follow its 354, and "the actual transfer of message content is explicitly allowed
to be the first command in a group". So a copy costs one write and one read, and while the
server takes in one copy, the sender makes the next one (the work of both overlaps, on two
cores). Postfix's own SMTP client sends the same way.

A copy's answer is known one exchange later (or in :meth:`Lane.finish`); each answer goes to
``report(item, error)`` as soon as it is read, ``error`` None for accepted. Refusals of one
recipient are reported; a failure of the connection (hang-up, 421, sender refused) is raised
and the copies whose answers were not read yet stay unknown: the caller leaves them waiting.
Without PIPELINING each copy goes with smtplib's ``sendmail`` and is answered at once.
"""

from __future__ import annotations

import contextlib
import re
import smtplib
import socket
from collections.abc import Callable
from typing import Any

LEADING_DOT = re.compile(rb"(?m)^\.")
# An address that needs no quoting in an SMTP command (nearly all); others go through
# smtplib's quoteaddr.
PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+\Z")
Report = Callable[[Any, Exception | None], None]
CLOSING = 421  # the server is shutting the connection down

# What a lane waits to read, in order: the three answers to an envelope, the answer to a
# copy's content, to an RSET, or to the empty content ending a DATA a server began although
# it had refused the recipient.
ENVELOPE, CONTENT, RSET, EMPTY = "envelope", "content", "rset", "empty"


def quoted(address: str) -> str:
    return f"<{address}>" if PLAIN_ADDRESS.match(address) else smtplib.quoteaddr(address)


def stuffed(raw: bytes) -> bytes:
    """The content as DATA carries it: leading dots doubled, ending with CRLF and the lone
    dot (RFC 5321, 4.5.2). The search first, since nearly no mail has such a line."""
    if raw.startswith(b".") or b"\n." in raw:
        raw = LEADING_DOT.sub(b"..", raw)
    return raw + (b".\r\n" if raw.endswith(b"\r\n") else b"\r\n.\r\n")


class Lane:
    """Copies over one open SMTP connection (``smtp``, after EHLO); ``item.to`` is the
    envelope recipient and ``item.raw`` the message bytes."""

    def __init__(self, smtp: smtplib.SMTP, sender: str, report: Report):
        self.smtp = smtp
        self.sender = sender
        self.report = report
        self.pipelining = smtp.has_extn("pipelining")
        self.pending: list[tuple[str, Any]] = []
        # True while an exchange runs: interrupted then, the lane's state is unknown.
        self.busy = False
        with contextlib.suppress(OSError, AttributeError):
            # The writes are whole groups, each followed by a read: nothing to gain from
            # Nagle's waiting, on a connection that may have a write still unacknowledged.
            smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def exchange(self, item=None) -> None:
        """Read the answers to the last write, then send what follows and, if given, the
        envelope of ``item`` (without PIPELINING: send ``item`` whole and read its answer)."""
        self.busy = True
        if not self.pipelining:
            if item is not None:
                self._sendmail(item)
            self.busy = False
            return
        group, pending = [], []
        for kind, waiting in self.pending:
            if kind == ENVELOPE:
                self._envelope_answered(waiting, group, pending)
            elif kind == CONTENT:
                code, message = self.smtp.getreply()
                if code == CLOSING:
                    raise smtplib.SMTPDataError(code, message)
                if code == 250:
                    self.report(waiting, None)
                else:  # the transaction is over either way; RSET as smtplib does
                    self.report(waiting, smtplib.SMTPDataError(code, message))
                    group.append(b"RSET\r\n")
                    pending.append((RSET, None))
            else:  # RSET, EMPTY: nothing to report
                code, message = self.smtp.getreply()
                if code == CLOSING:
                    raise smtplib.SMTPResponseException(code, message)
        if item is not None:
            group.append(
                f"MAIL FROM:{quoted(self.sender)}\r\nRCPT TO:{quoted(item.to)}\r\nDATA\r\n".encode()
            )
            pending.append((ENVELOPE, item))
        if group:
            self.smtp.send(b"".join(group))
        self.pending = pending
        self.busy = False

    def finish(self) -> None:
        """Send what is left and read every answer."""
        while self.pending:
            self.exchange()

    def _envelope_answered(self, item, group: list, pending: list) -> None:
        mail, rcpt, data = self.smtp.getreply(), self.smtp.getreply(), self.smtp.getreply()
        if data[0] == 354 and (mail[0] != 250 or rcpt[0] not in (250, 251)):
            group.append(b".\r\n")  # a server that began the data anyway: end it empty
            pending.append((EMPTY, None))
        if CLOSING in (mail[0], rcpt[0], data[0]):
            raise smtplib.SMTPResponseException(CLOSING, b"closing")
        if mail[0] != 250:
            raise smtplib.SMTPSenderRefused(*mail, self.sender)
        if rcpt[0] not in (250, 251):
            self.report(item, smtplib.SMTPRecipientsRefused({item.to: rcpt}))
        elif data[0] != 354:
            self.report(item, smtplib.SMTPDataError(*data))
        else:
            group.append(stuffed(item.raw))
            pending.append((CONTENT, item))
            return
        group.append(b"RSET\r\n")
        pending.append((RSET, None))

    def _sendmail(self, item) -> None:
        try:
            self.smtp.sendmail(self.sender, [item.to], item.raw)
        except smtplib.SMTPRecipientsRefused as exc:
            self.report(item, exc)
        except smtplib.SMTPDataError as exc:
            if exc.smtp_code == CLOSING:
                raise
            self.report(item, exc)
        else:
            self.report(item, None)
