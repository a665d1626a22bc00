"""The portal's icon on every page, the admin's too: a page that names none makes the browser ask
for /favicon.ico, which answers 404."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.html import select
from tests.staff import sign_in_with_two_factors

pytestmark = pytest.mark.django_db


def icons(page):
    return [link["href"] for link in select(page, 'link[rel="icon"]')]


def test_the_admin_links_the_public_sites_icon(client, caseworker):
    public = icons(Client().get(reverse("home")))
    sign_in_with_two_factors(client, caseworker)

    admin = icons(client.get(reverse("admin:index")))

    assert len(public) == 1
    assert admin == public
    assert client.get(admin[0]).status_code == 200
