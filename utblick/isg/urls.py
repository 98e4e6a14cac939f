"""Staff URLs of the collaboration group, under /staff/<municipality-slug>/ in the "staff"
namespace (the same paths and names as when the group was part of the funding app)."""

from django.urls import path

from . import views

urlpatterns = [
    path("isg/members/", views.member_list, name="isg_member_list"),
    path("isg/members/new/", views.member_create, name="isg_member_create"),
    path("isg/members/<int:pk>/edit/", views.member_edit, name="isg_member_edit"),
    path("isg/members/<int:pk>/delete/", views.member_delete, name="isg_member_delete"),
    path("isg/meetings/", views.meeting_list, name="isg_meeting_list"),
    path("isg/meetings/new/", views.meeting_create, name="isg_meeting_create"),
    path("isg/meetings/<int:pk>/", views.meeting_detail, name="isg_meeting_detail"),
    path("isg/meetings/<int:pk>/edit/", views.meeting_edit, name="isg_meeting_edit"),
    path("isg/meetings/<int:pk>/send/", views.meeting_send, name="isg_meeting_send"),
    path(
        "isg/meetings/<int:pk>/<str:kind>.<str:fmt>",
        views.meeting_document,
        name="isg_meeting_document",
    ),
]
