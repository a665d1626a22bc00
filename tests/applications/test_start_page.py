"""A service's start page (GOV.UK pattern) and the list of services that leads to it."""

import pytest
from django.urls import reverse

from .page import Page

pytestmark = pytest.mark.django_db


def test_the_services_list_leads_to_each_open_services_start_page(
    client, parking_service, closed_service
):
    page = Page(client.get("/services/").content)

    assert page.h1 == "Services"
    assert (
        "Resident parking permit",
        parking_service.get_absolute_url(),
    ) in page.main.links()
    assert "Heritage" not in page.main.text
    assert "Usual time to a decision: 7 calendar days." in page.main.text


def test_a_start_page_says_what_who_what_you_need_fees_how_long_and_start_now(
    client, parking_service
):
    page = Page(client.get("/services/resident-parking-permit/").content)

    assert page.h1 == "Resident parking permit"
    sections = [h2.text for h2 in page.main.find_all("h2")]
    assert sections == ["Who can apply", "What you need", "Fees", "How long it takes"]
    text = page.main.text
    assert "People registered at an address inside a resident parking zone." in text
    assert "120 yuan a year, paid after approval." in text
    assert "We usually make a decision within 7 calendar days of receiving your application" in text
    assert "we keep your answers for 30 days" in text
    assert ("Start now", "/services/resident-parking-permit/apply/") in page.main.links()
    assert "You need an account with a verified email address to apply." in text


def test_a_free_service_says_so_and_a_closed_one_has_no_start_button(client, closed_service):
    page = Page(client.get(closed_service.get_absolute_url()).content)

    assert "There is no fee." in page.main.text
    assert "This service is not taking applications at the moment." in page.main.text
    assert "Start now" not in page.main.text
    assert client.get("/services/no-such-service/").status_code == 404


def test_start_now_without_an_account_leads_to_sign_in_keeping_the_place(client, parking_service):
    response = client.get(parking_service.get_apply_url())

    assert response.url == f"{reverse('account_login')}?next={parking_service.get_apply_url()}"
    login = Page(client.get(response.url).content)
    signup = (
        f"{reverse('account_signup')}?next={parking_service.get_apply_url().replace('/', '%2F')}"
    )
    assert signup in [href for _, href in login.main.links()]
