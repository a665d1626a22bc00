import pytest
from django.urls import reverse

from tests.factories import PASSWORD, make_user
from tests.html import HOME, Crumb, breadcrumbs
from tests.portal.test_pages import html_page_names

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "signed-in"])
@pytest.mark.parametrize("name", html_page_names())
def test_every_page_below_home_shows_the_way_back_home_and_marks_itself(client, name, signed_in):
    # The pages that ask for the password again need a user who has one.
    if signed_in:
        client.force_login(make_user(password=PASSWORD))

    # Some pages send a visitor to sign in, and some send a signed-in user home: the trail is
    # checked on the page the person ends up on.
    response = client.get(reverse(name), follow=True)
    trail = breadcrumbs(response)

    assert response.status_code == 200, name
    if response.request["PATH_INFO"] == reverse("home"):
        assert trail is None
    else:
        assert trail[0] == HOME, name
        assert len(trail) >= 2, name
        assert trail[-1].current, name
        assert trail[-1].label, name
        assert trail[-1].href is None, name
        assert not any(crumb.current for crumb in trail[:-1]), name
        assert response.request["PATH_INFO"] not in [crumb.href for crumb in trail], name


def test_the_home_page_has_no_breadcrumbs(client):
    response = client.get(reverse("home"))

    assert breadcrumbs(response) is None


def test_an_error_page_has_no_breadcrumbs(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert breadcrumbs(response) is None


@pytest.mark.parametrize(
    ("name", "current"),
    [
        ("accessibility", "Accessibility statement"),
        ("privacy", "Privacy notice"),
        ("contact", "Contact us"),
        ("search", "Search"),
    ],
)
def test_the_portal_pages_sit_right_below_home(client, name, current):
    response = client.get(reverse(name))

    assert breadcrumbs(response) == [HOME, Crumb(current, current=True)]


def test_an_allauth_page_ends_its_trail_with_its_own_title(client):
    response = client.get(reverse("account_reset_password"))

    assert breadcrumbs(response) == [
        HOME,
        Crumb("Reset your password", current=True),
    ]


def test_an_allauth_account_page_sits_below_my_account(client):
    client.force_login(make_user(password=None))

    response = client.get(reverse("account_email"))

    assert breadcrumbs(response) == [
        HOME,
        Crumb("My account", reverse("accounts:overview")),
        Crumb("Change your email address", current=True),
    ]
