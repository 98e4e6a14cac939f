# Utblick: the web server (`manage.py serve`, granian) or the queue worker (`manage.py
# db_worker`) from one image. compose.yaml runs the demo with PostgreSQL and Redis.
# The image's defaults are production's: set SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and
# SITE_URL (see .env.example).

FROM python:3.11.14-slim-trixie AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
# gettext for compilemessages; the build stage is thrown away. Debian's packages are not
# pinned by version: the archive drops a version at its next security update, so a pin
# breaks the build; they come from the pinned base image's release.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
COPY requirements.lock /tmp/requirements.lock
RUN /opt/venv/bin/pip install --require-hashes -r /tmp/requirements.lock
WORKDIR /app
COPY . .
# Translations and static files are built into the image (neither needs secrets).
RUN UTBLICK_ENV=test DEBUG=false /opt/venv/bin/python manage.py compilemessages --ignore=.venv -v0 \
    && UTBLICK_ENV=test DEBUG=false STATIC_ROOT=/app/var/static \
       /opt/venv/bin/python manage.py collectstatic --no-input -v0

FROM python:3.11.14-slim-trixie
# Pango and HarfBuzz for the PDF documents (WeasyPrint), and a font to set them in.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 utblick \
    && useradd --system --uid 10001 --gid utblick --home-dir /app --shell /usr/sbin/nologin utblick
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
# The code is read-only to the server; only uploads (var/media) are written.
RUN mkdir -p /app/var/media && chown -R utblick:utblick /app/var/media
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    UTBLICK_ENV=production \
    STATIC_ROOT=/app/var/static \
    MEDIA_ROOT=/app/var/media \
    HOST=0.0.0.0 \
    PORT=8000
WORKDIR /app
USER 10001:10001
EXPOSE 8000
# The process answers (see /readyz for the database, cache, migrations and worker).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]
CMD ["python", "manage.py", "serve"]
