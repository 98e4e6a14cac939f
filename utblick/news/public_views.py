"""Public news pages of a municipality: the list, one item, its image."""

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext as _

from utblick.core.crud import download
from utblick.site import jsonld
from utblick.site.pages import public_view, render_page

from . import selectors


@public_view
def news_index(request, municipality):
    page = Paginator(selectors.public_news(municipality), selectors.PUBLIC_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    items = list(page.object_list)
    return render_page(
        request,
        "public/news/index.html",
        municipality,
        {"page": page, "items": items, "title": _("News")},
        section="news",
        changed=[max((i.updated_at for i in items), default=None)],
        crumb=_("News"),
    )


@public_view
def news_detail(request, municipality, pk):
    item = selectors.public_news_item(municipality, pk)
    return render_page(
        request,
        "public/news/detail.html",
        municipality,
        {"item": item},
        section="news",
        changed=[item.updated_at],
        nodes=[jsonld.news_article(request, municipality, item)],
        crumb=item.title,
        trail=[(_("News"), reverse("public:news_index", args=[municipality.slug]))],
    )


@public_view
def news_image(request, municipality, pk):
    """The image of a public, published news item; anything else is not found."""
    item = selectors.public_news_item(municipality, pk)
    return download(item.image, as_attachment=False)
