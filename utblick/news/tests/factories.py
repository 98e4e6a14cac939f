import datetime
import io

import factory
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from ..models import NewsItem

WORLD_IMAGE = "tests/utblick-news-world.png"


def png_bytes(size=(8, 6), color=(0, 90, 160)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def png_file(name="bild.png"):
    return ContentFile(png_bytes(), name=name)


def world_image():
    """One stored image shared by the world's news, written once."""
    if not default_storage.exists(WORLD_IMAGE):
        default_storage.save(WORLD_IMAGE, png_file())
    return WORLD_IMAGE


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem

    title = factory.Sequence(lambda n: f"Nyhet {n}")
    title_sv = factory.SelfAttribute("title")
    lead_sv = "En kort ingress."
    body_sv = "Brödtext med **fetstil**."
    category = NewsItem.Category.EU
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    is_public = True


def world_records(*, municipality, unit):
    """A public news item with an image, an internal one and a public one still to come, all
    of ``unit``."""
    now = timezone.now()
    public = NewsItemFactory(
        municipality=municipality,
        unit=unit,
        title="Nytt samarbete med Emilia-Romagna",
        title_sv="Nytt samarbete med Emilia-Romagna",
        title_en="New cooperation with Emilia-Romagna",
        lead_sv="SERN-nätverket samlar kommuner kring EU-projekt.",
        lead_en="The SERN network gathers municipalities around EU projects.",
        body_sv="Läs mer om **SERN** på [nätverkets webbplats](https://sern.eu).",
        body_en="Read more about **SERN** on [the network's site](https://sern.eu).",
        image=world_image(),
        image_alt_sv="Flaggor utanför stadshuset",
        image_alt_en="Flags outside the town hall",
        category=NewsItem.Category.PARTNERS,
        publish_at=now - datetime.timedelta(days=2),
        is_public=True,
    )
    internal = NewsItemFactory(
        municipality=municipality,
        unit=unit,
        title="Intern nyhet om budgeten",
        title_sv="Intern nyhet om budgeten",
        category=NewsItem.Category.PROJECTS,
        is_public=False,
    )
    upcoming = NewsItemFactory(
        municipality=municipality,
        unit=unit,
        title="Kommande nyhet",
        title_sv="Kommande nyhet",
        category=NewsItem.Category.EVENTS,
        publish_at=now + datetime.timedelta(days=5),
        is_public=True,
    )
    return {"news_item": public, "internal_news_item": internal, "upcoming_news_item": upcoming}
