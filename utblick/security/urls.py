from django.urls import path

from . import views

# Outside the municipality, beside the sign-in page.
urlpatterns = [
    path("login/second-factor/", views.second_factor, name="second_factor"),
    path("login/second-factor/setup/", views.second_factor_setup, name="second_factor_setup"),
]

# Under /staff/<municipality-slug>/ in the "staff" namespace.
staff_urlpatterns = [
    path("audit-log/", views.audit_log, name="audit_log"),
]
