import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "utblick.settings")
django_application = get_wsgi_application()

# Imported once Django is set up. Cached public pages are answered before Django's handler
# and middleware (core.public_cache): a hit is most of the public site's traffic.
from utblick.core.public_cache import PublicPageApp  # noqa: E402

application = PublicPageApp(django_application)
