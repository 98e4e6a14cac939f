import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "utblick.settings")
django_application = get_wsgi_application()

# Imported once Django is set up. Cached public pages are answered before Django's handler
# and middleware (core.public_cache): a hit is most of the public site's traffic.
from django.urls import get_resolver  # noqa: E402

from utblick.core.public_cache import PublicPageApp  # noqa: E402

application = PublicPageApp(django_application)

# Every view module is imported now rather than by the first request, and everything loaded
# so far is then left out of the garbage collector's full passes (gc.freeze): those objects
# live as long as the process, and a full collection otherwise walks all of them (about
# 180,000: 50 ms on a quiet core, over 200 ms on a busy one) inside whichever request
# happens to trigger it.
get_resolver().url_patterns  # noqa: B018 (imports the views)
gc.collect()
gc.freeze()
