import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_sign_in_with_the_right_password(client, home):
    response = client.post(
        reverse("login"), {"username": "th-coordinator", "password": "a-long-test-password"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("staff_home")


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account(client, home):
    for _ in range(3):
        response = client.post(reverse("login"), {"username": "th-coordinator", "password": "x"})
    assert response.status_code == 429
    # Even the right password is refused while locked.
    response = client.post(
        reverse("login"), {"username": "th-coordinator", "password": "a-long-test-password"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_failed_sign_in_says_so(client, home):
    response = client.post(reverse("login"), {"username": "th-coordinator", "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors
