"""Opening someone else's confirmation link changes nothing; only confirming it acts."""

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_persons_link(db):
    other = make_user(email="wang.fang@example.com", full_name="Wang Fang")
    address = EmailAddress.objects.create(user=other, email=other.email, primary=True)
    key = EmailConfirmationHMAC(address).key
    return reverse("account_confirm_email", args=[key]), address


def test_opening_someone_elses_confirmation_link_keeps_the_visitor_signed_in(
    client, citizen, other_persons_link
):
    url, address = other_persons_link
    client.force_login(citizen)

    response = client.get(url)

    assert response.status_code == 200
    assert client.session[SESSION_KEY] == str(citizen.pk)
    address.refresh_from_db()
    assert not address.verified


def test_confirming_the_address_is_what_acts(client, citizen, other_persons_link):
    url, address = other_persons_link
    client.force_login(citizen)
    client.get(url)

    client.post(url)

    address.refresh_from_db()
    assert address.verified
    # Confirming another person's address ends the visitor's session, as allauth does.
    assert SESSION_KEY not in client.session
