import pytest

from .smtp import SmtpServer


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free local port; Django sends to it through SMTP."""
    with SmtpServer() as server:
        for name, value in server.settings().items():
            setattr(settings, name, value)
        settings.NEWSLETTER_RATE_LIMIT = 0
        settings.NEWSLETTER_RETRY_SECONDS = 0
        yield server
