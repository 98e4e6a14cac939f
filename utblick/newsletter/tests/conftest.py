import pytest
from django.core.cache import cache

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


@pytest.fixture(autouse=True)
def fresh_throttle():
    """The subscribe form counts attempts in the cache; every test starts from none."""
    cache.clear()
    yield
    cache.clear()
