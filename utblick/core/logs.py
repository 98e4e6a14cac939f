"""Structured logs with the standard library: every record carries the request id, the
municipality, the user id and the job id it was written for (empty when none), as JSON lines
for a log collector (``LOG_FORMAT=json``, the default) or as plain text for development
(``LOG_FORMAT=text``).

``RequestIdMiddleware`` gives each request an id (the ``X-Request-ID`` a proxy sent, if it
is a plain token, else a new one) and returns it in the ``X-Request-ID`` header; the job
runner binds the job's id with :func:`log_context`.
"""

import contextlib
import contextvars
import datetime
import json
import logging
import re
import types
import uuid

from django.core.signals import request_finished
from django.dispatch import receiver

CONTEXT_FIELDS = ("request_id", "municipality", "user_id", "job_id")
# Never changed in place: each binding sets a new dict.
_context = contextvars.ContextVar("utblick_log_context", default=types.MappingProxyType({}))

# An id from the proxy is kept only if it cannot inject anything into a log line or header.
SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


def current() -> dict:
    return _context.get()


@contextlib.contextmanager
def log_context(**fields):
    """Add ``fields`` (request_id, municipality, user_id, job_id) to the records logged
    inside the block."""
    token = _context.set({**_context.get(), **fields})
    try:
        yield
    finally:
        _context.reset(token)


class ContextFilter(logging.Filter):
    """Puts the context fields on every record (``None`` when unset), for either format."""

    def filter(self, record):
        context = _context.get()
        for name in CONTEXT_FIELDS:
            if not hasattr(record, name):
                setattr(record, name, context.get(name))
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, the context
    fields that are set, and the traceback of an exception."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        context = _context.get()
        for name in CONTEXT_FIELDS:
            value = getattr(record, name, None) or context.get(name)
            if value is not None:
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


TEXT_FORMAT = (
    "%(asctime)s %(levelname)s %(name)s [request %(request_id)s municipality %(municipality)s "
    "user %(user_id)s job %(job_id)s] %(message)s"
)


def logging_config(*, log_format: str, level: str) -> dict:
    if log_format not in {"json", "text"}:
        raise ValueError("LOG_FORMAT must be json or text.")
    formatter = (
        {"()": "utblick.core.logs.JsonFormatter"}
        if log_format == "json"
        else {"format": TEXT_FORMAT}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": "utblick.core.logs.ContextFilter"}},
        "formatters": {"main": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["context"],
                "formatter": "main",
            }
        },
        "root": {"handlers": ["console"], "level": level},
    }


def request_id(meta) -> str:
    """The client's ``X-Request-ID`` when it is safe to log and echo, else a new one; from the
    WSGI environ or ``request.META`` (request.headers would copy them all)."""
    sent = meta.get("HTTP_X_REQUEST_ID", "")
    return sent if SAFE_REQUEST_ID.match(sent) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Binds a request id (returned as ``X-Request-ID``), and once the view is known, the
    municipality of the URL and the signed-in user's id, to the request's log records."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id(request.META)
        # Kept until the response is closed: Django logs an error response (4xx, 5xx) after
        # the middleware has returned it.
        _context.set({"request_id": request.request_id})
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        fields = {}
        if view_kwargs.get("municipality_slug"):
            fields["municipality"] = view_kwargs["municipality_slug"]
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            fields["user_id"] = user.pk
        if fields:
            _context.set({**_context.get(), **fields})
        return None


@receiver(request_finished)
def _forget_the_request(**kwargs):
    _context.set(types.MappingProxyType({}))


def sentry_before_send(event, hint):
    """Tag Sentry events with the log context (ids only, no personal data)."""
    tags = event.setdefault("tags", {})
    for name in ("request_id", "municipality", "job_id"):
        value = _context.get().get(name)
        if value is not None:
            tags[name] = str(value)
    return event
