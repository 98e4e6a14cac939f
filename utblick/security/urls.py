from django.urls import path

from . import views

# Outside the municipality, beside the sign-in page.
urlpatterns = [
    path("login/second-factor/", views.second_factor, name="second_factor"),
    path("login/second-factor/setup/", views.second_factor_setup, name="second_factor_setup"),
    path("login/second-factor/enrol/<str:token>/", views.enrol, name="second_factor_enrol"),
    path("login/second-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
]

# Under /staff/<municipality-slug>/ in the "staff" namespace.
staff_urlpatterns = [
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
