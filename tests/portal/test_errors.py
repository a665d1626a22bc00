import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from tests.staff import sign_in_with_two_factors


def test_server_error_page_renders_without_a_request_or_database():
    html = render_to_string("500.html")

    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert "Sorry, there is a problem with the service" in html
    assert 'href="#main"' in html


@pytest.mark.django_db
def test_a_form_posted_without_its_csrf_token_gets_the_styled_explanation():
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("account_login"), {"login": "a@example.com", "password": "x"})

    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
    assert "site-header" in response.content.decode()


@pytest.mark.django_db
def test_a_request_for_an_unknown_host_gets_400_not_500(client):
    response = client.get(reverse("home"), HTTP_HOST="evil.example")

    assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("template", ["400.html", "403.html", "404.html"])
def test_error_pages_use_the_portal_layout(rf, template):
    html = render_to_string(template, request=rf.get("/"))

    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert 'href="#main"' in html
    assert "site-footer" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/applications/application/?status__exact=%00",
        "/admin/applications/inquiry/?status__exact=%00",
        "/admin/applications/notification/?status=%00",
    ],
)
def test_an_admin_address_holding_a_nul_character_gets_400_not_500(client, caseworker, url):
    sign_in_with_two_factors(client, caseworker)

    response = client.get(url)

    assert response.status_code == 400
    assert "site-header" in response.content.decode()
