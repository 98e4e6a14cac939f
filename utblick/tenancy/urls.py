from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

# Outside the municipality: sign-in and the staff entry point.
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(extra_context={"oidc_enabled": settings.OIDC_ENABLED}),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/invitations/<int:pk>/", views.invitation_answer, name="invitation_answer"),
]

# Under /staff/<municipality-slug>/ in the "staff" namespace.
staff_urlpatterns = [
    path("settings/", views.municipality_edit, name="municipality_edit"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("members/new/", views.member_create, name="member_create"),
    path("members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("invitations/<int:pk>/withdraw/", views.invitation_withdraw, name="invitation_withdraw"),
    path("audit-log/", views.audit_log, name="audit_log"),
    path(
        "members/<int:pk>/second-factor/",
        views.member_second_factor,
        name="member_second_factor",
    ),
    path(
        "invitations/<int:pk>/enrolment-link/",
        views.invitation_enrolment_link,
        name="invitation_enrolment_link",
    ),
]
