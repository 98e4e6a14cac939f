from django.urls import reverse
from django.utils import translation


def url(namespace, name, side, lang="sv", **kwargs):
    with translation.override(lang):
        return reverse(
            f"{namespace}:{name}", kwargs={"municipality_slug": side.municipality.slug, **kwargs}
        )
