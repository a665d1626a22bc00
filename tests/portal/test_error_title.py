"""A page whose form shows errors says so first, in its title (base.html, for every page)."""

import pytest
from django.urls import reverse

from tests.factories import make_citizen, make_user
from tests.html import title

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, db):
    user = make_citizen(email="he.ping@example.com", full_name="He Ping")
    client.force_login(user)
    return user


def test_the_sign_in_page_with_a_wrong_password(client):
    make_user(email="he.ping@example.com")

    page = client.get(reverse("account_login"))
    failed = client.post(
        reverse("account_login"), {"login": "he.ping@example.com", "password": "not it"}
    )

    assert not title(page).startswith("Error:")
    assert title(failed).startswith("Error: Sign in |")


def test_the_create_an_account_page_with_a_missing_name(client):
    response = client.post(reverse("account_signup"), {"email": "he.ping@example.com"})

    assert title(response).startswith("Error: Create an account |")


@pytest.mark.parametrize(
    ("name", "data", "heading"),
    [
        ("accounts:profile_edit", {"full_name": " ", "contact_language": "en"}, "Your details"),
        ("applications:inquiry_create", {"subject": "", "message": ""}, "Ask a question"),
    ],
)
def test_the_portals_own_forms(client, signed_in, name, data, heading):
    page = client.get(reverse(name))
    failed = client.post(reverse(name), data)

    assert title(page).startswith(f"{heading} |")
    assert title(failed).startswith(f"Error: {heading} |")


def test_a_form_sent_with_get_search(client):
    assert title(client.get(reverse("search"), {"q": "x" * 201})).startswith("Error: Search |")
    assert title(client.get(reverse("search"), {"q": "ferry"})).startswith("Search results")


def test_a_page_without_a_form_has_no_prefix(client):
    assert not title(client.get(reverse("home"))).startswith("Error:")
