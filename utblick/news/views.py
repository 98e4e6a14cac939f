"""Staff pages for news, under /staff/<municipality-slug>/news/."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from utblick.core.crud import confirm_delete_page, download, form_page, history_entries, render_list
from utblick.tenancy import permissions
from utblick.tenancy.decorators import staff_view

from . import selectors, services
from .filters import NewsFilter
from .forms import NewsItemForm
from .models import NewsItem


@staff_view()
def news_list(request, municipality):
    filterset = NewsFilter(request.GET or None, queryset=selectors.news_list(municipality))
    return render_list(
        request,
        "staff/news/list.html",
        filterset=filterset,
        extra={
            "municipality": municipality,
            "can_create": permissions.allows(request.user, permissions.CREATE, municipality),
        },
    )


@staff_view()
def news_detail(request, municipality, pk):
    item = selectors.news_item(municipality, pk)
    context = {
        "municipality": municipality,
        "item": item,
        "can_change": permissions.can_change(request.user, item),
        "upcoming": item.publish_at > timezone.now(),
        "history": history_entries(item),
    }
    return render(request, "staff/news/detail.html", context)


def _form_page(request, municipality, item, *, title, cancel_url):
    form = NewsItemForm(
        request.POST or None,
        request.FILES or None,
        instance=item,
        municipality=municipality,
        user=request.user,
    )
    return form_page(
        request,
        form=form,
        save=lambda f: services.save_news_item(
            form=f, municipality=municipality, user=request.user
        ),
        title=title,
        cancel_url=cancel_url,
        extra={"municipality": municipality},
    )


@staff_view(permissions.CREATE)
def news_create(request, municipality):
    return _form_page(
        request,
        municipality,
        NewsItem(municipality=municipality),
        title=_("New news item"),
        cancel_url=reverse("staff:news_list", args=[municipality.slug]),
    )


@staff_view()
def news_edit(request, municipality, pk):
    item = selectors.news_item(municipality, pk)
    permissions.require(permissions.can_change(request.user, item))
    return _form_page(
        request,
        municipality,
        item,
        title=_("Edit %(item)s") % {"item": item},
        cancel_url=item.get_absolute_url(),
    )


@staff_view()
@require_http_methods(["GET", "POST"])
def news_delete(request, municipality, pk):
    item = selectors.news_item(municipality, pk)
    permissions.require(permissions.can_change(request.user, item))
    return confirm_delete_page(
        request,
        municipality=municipality,
        title=_("Delete the news item %(item)s?") % {"item": item},
        consequence=_("It disappears from the public site and the feeds."),
        delete=lambda: services.delete_news_item(item=item),
        done_url=reverse("staff:news_list", args=[municipality.slug]),
        cancel_url=item.get_absolute_url(),
        success_message=_("The news item %(item)s was deleted.") % {"item": item},
    )


@staff_view()
def news_image(request, municipality, pk):
    item = selectors.news_item(municipality, pk)
    return download(item.image, as_attachment=False)
