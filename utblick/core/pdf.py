"""The one URL fetcher of every PDF WeasyPrint renders: the project's own static files only.

WeasyPrint's default fetcher follows http(s):// and file:// URLs, so a URL that reaches a
rendered page could read the server's files or reach the network. This one serves files
under the static directories of Utblick's apps (and ``data:`` URLs, which fetch nothing);
anything else is refused, and WeasyPrint renders on without it.
"""

from __future__ import annotations

import functools
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse


@functools.cache
def static_roots() -> tuple[Path, ...]:
    """The directories the static files are found in (the staticfiles finders')."""
    from django.contrib.staticfiles.finders import get_finders

    roots = []
    for finder in get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location).resolve())
    return tuple(roots)


class StaticFilesURLFetcher(URLFetcher):
    """Subclasses WeasyPrint's fetcher (a plain function lacks what WeasyPrint 70 asks of
    a fetcher when a fetch fails); ``fetch`` reads static files itself and never opens
    anything else."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = static_file(url)
        if path is None:
            raise ValueError(f"Not fetched (only the project's static files are): {url[:80]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )


def static_file(url: str) -> Path | None:
    """The file a ``file:`` URL names when it is one of the static files, else None."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(url2pathname(parts.path)).resolve()
    if not path.is_file():
        return None
    if any(path.is_relative_to(root) for root in static_roots()):
        return path
    return None


def url_fetcher() -> StaticFilesURLFetcher:
    """A fetcher for one rendering (``HTML(..., url_fetcher=url_fetcher())``)."""
    return StaticFilesURLFetcher(allowed_protocols={"file", "data"}, allow_redirects=False)
