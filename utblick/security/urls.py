from django.urls import path

from . import views

# Outside the municipality, beside the sign-in page.
urlpatterns = [
    path("login/second-factor/", views.second_factor, name="second_factor"),
    path("login/second-factor/setup/", views.second_factor_setup, name="second_factor_setup"),
    path("login/second-factor/enrol/<str:token>/", views.enrol, name="second_factor_enrol"),
    path("login/second-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
]
