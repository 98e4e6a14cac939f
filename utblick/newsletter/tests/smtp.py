"""A real SMTP server on localhost (aiosmtpd) for the sending tests and the benchmark.

``Recorder`` keeps every accepted message; it can refuse recipients (permanently, once or a
number of times), refuse the sender, and drop the connection in the middle of a message
after a number of mails; with ``pipelining`` it offers PIPELINING (RFC 2920) as Postfix does
(aiosmtpd reads the commands of a group one after the other). It notes when each recipient
was offered (``rcpt_log``) and when each message was accepted (``accepted_at``), on the
monotonic clock, and over which client connections (``peers``)."""

from __future__ import annotations

import socket
import threading
import time
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Recorder:
    def __init__(self, *, keep_messages=True, pipelining=False):
        self.keep_messages = keep_messages
        self.pipelining = pipelining
        self.messages = []  # (recipients, email.message.EmailMessage)
        self.count = 0
        self.refuse = {}  # address -> "550 ..." (always)
        self.refuse_once = {}  # address -> "451 ..." (first time only)
        self.refuse_times = {}  # address -> ["451 ...", times left]
        self.refuse_sender = None  # "550 ..." refuses every MAIL FROM
        self.rcpt_log = []  # (monotonic time, address, reply code)
        self.accepted_at = []  # monotonic time of each accepted message
        self.drop_after = None  # accept this many messages, then drop every connection
        self.peers = set()  # the client connections (address, port) that sent a message
        self.lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.pipelining:
            responses.insert(-1, "250-PIPELINING")
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.refuse_sender:
            return self.refuse_sender
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self._rcpt_reply(address)
        self.rcpt_log.append((time.monotonic(), address, int(reply[:3])))
        if reply.startswith("250"):
            envelope.rcpt_tos.append(address)
        return reply

    def _rcpt_reply(self, address):
        if address in self.refuse:
            return self.refuse[address]
        if address in self.refuse_once:
            return self.refuse_once.pop(address)
        if self.refuse_times.get(address, [None, 0])[1] > 0:
            self.refuse_times[address][1] -= 1
            return self.refuse_times[address][0]
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.drop_after is not None and self.count >= self.drop_after:
                server.transport.close()  # hang up mid-message: it is not accepted
                return "421 going away"
            self.count += 1
            self.accepted_at.append(time.monotonic())
            self.peers.add(session.peer)
            if self.keep_messages:
                parsed = message_from_bytes(envelope.original_content, policy=policy.default)
                self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"

    def recipients(self) -> list[str]:
        return [address for rcpts, _message in self.messages for address in rcpts]


class SmtpServer:
    def __init__(self, recorder=None):
        self.recorder = recorder or Recorder()
        self.port = free_port()
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    def settings(self) -> dict:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_TIMEOUT": 10,
        }
