from django.urls import path

from . import views

urlpatterns = [
    # Partner organisations and their contact persons.
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/delete/", views.organisation_delete, name="organisation_delete"),
    path("organisations/<int:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/delete/", views.contact_delete, name="contact_delete"),
    # Partnerships and their activity log.
    path("partnerships/", views.partnership_list, name="partnership_list"),
    path("partnerships/new/", views.partnership_create, name="partnership_create"),
    path("partnerships/<int:pk>/", views.partnership_detail, name="partnership_detail"),
    path("partnerships/<int:pk>/edit/", views.partnership_edit, name="partnership_edit"),
    path("partnerships/<int:pk>/delete/", views.partnership_delete, name="partnership_delete"),
    path(
        "partnerships/<int:pk>/agreement/",
        views.partnership_agreement,
        name="partnership_agreement",
    ),
    path("partnerships/<int:pk>/activities/new/", views.activity_add, name="activity_add"),
    # Network memberships; networks themselves are shared reference data.
    path("networks/", views.membership_list, name="membership_list"),
    path("networks/new/", views.membership_create, name="membership_create"),
    path("networks/<int:pk>/", views.membership_detail, name="membership_detail"),
    path("networks/<int:pk>/edit/", views.membership_edit, name="membership_edit"),
    path("networks/<int:pk>/delete/", views.membership_delete, name="membership_delete"),
    path("networks/shared/new/", views.network_create, name="network_create"),
]
