"""Staff URLs of the newsletter app, under /staff/<municipality-slug>/ in the "staff" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("newsletter/", views.overview, name="newsletter_overview"),
    path("newsletter/lists/new/", views.list_create, name="newsletter_list_create"),
    path("newsletter/lists/<int:pk>/edit/", views.list_edit, name="newsletter_list_edit"),
    path("newsletter/subscribers/", views.subscriber_list, name="newsletter_subscriber_list"),
    path(
        "newsletter/subscribers/<int:pk>/",
        views.subscriber_detail,
        name="newsletter_subscriber_detail",
    ),
    path(
        "newsletter/subscribers/<int:pk>/export/",
        views.subscriber_export,
        name="newsletter_subscriber_export",
    ),
    path(
        "newsletter/subscribers/<int:pk>/erase/",
        views.subscriber_erase,
        name="newsletter_subscriber_erase",
    ),
    path("newsletter/issues/new/", views.issue_create, name="newsletter_issue_create"),
    path("newsletter/issues/<int:pk>/", views.issue_detail, name="newsletter_issue_detail"),
    path("newsletter/issues/<int:pk>/edit/", views.issue_edit, name="newsletter_issue_edit"),
    path(
        "newsletter/issues/<int:pk>/preview/",
        views.issue_preview,
        name="newsletter_issue_preview",
    ),
    path("newsletter/issues/<int:pk>/test/", views.issue_test, name="newsletter_issue_test"),
    path("newsletter/issues/<int:pk>/send/", views.issue_send, name="newsletter_issue_send"),
    path("newsletter/issues/<int:pk>/cancel/", views.issue_cancel, name="newsletter_issue_cancel"),
]
