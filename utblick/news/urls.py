"""Staff URLs of the news app, under /staff/<municipality-slug>/ in the "staff" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("news/", views.news_list, name="news_list"),
    path("news/new/", views.news_create, name="news_create"),
    path("news/<int:pk>/", views.news_detail, name="news_detail"),
    path("news/<int:pk>/edit/", views.news_edit, name="news_edit"),
    path("news/<int:pk>/delete/", views.news_delete, name="news_delete"),
    path("news/<int:pk>/image/", views.news_image, name="news_image"),
]
