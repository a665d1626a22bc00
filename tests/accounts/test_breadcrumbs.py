import pytest
from django.urls import reverse

from tests.factories import make_user
from tests.html import HOME, Crumb, breadcrumbs

pytestmark = pytest.mark.django_db

MY_ACCOUNT = Crumb("My account", "/account/")


@pytest.mark.parametrize(
    ("name", "trail"),
    [
        ("accounts:overview", [HOME, Crumb("My account", current=True)]),
        ("accounts:profile_edit", [HOME, MY_ACCOUNT, Crumb("Your details", current=True)]),
        ("accounts:close", [HOME, MY_ACCOUNT, Crumb("Close my account", current=True)]),
        ("usersessions_list", [HOME, MY_ACCOUNT, Crumb("Where you are signed in", current=True)]),
        ("mfa_index", [HOME, MY_ACCOUNT, Crumb("Two-factor authentication", current=True)]),
    ],
)
def test_the_account_pages_sit_below_my_account(client, name, trail):
    client.force_login(make_user(password=None))

    response = client.get(reverse(name))

    assert breadcrumbs(response) == trail


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("account_login", "Sign in"),
        ("account_signup", "Create an account"),
        ("account_reset_password", "Reset your password"),
        ("account_inactive", "This account is closed"),
    ],
)
def test_the_sign_in_pages_sit_below_home_under_their_own_title(client, name, title):
    response = client.get(reverse(name))

    assert breadcrumbs(response) == [HOME, Crumb(title, current=True)]
