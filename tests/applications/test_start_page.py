"""A service's start page (GOV.UK pattern) and the list of services that leads to it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.services import draft_save_page
from tests.html import h1, headings, link_targets, links, main, text

pytestmark = pytest.mark.django_db


def test_the_services_list_leads_to_each_open_services_start_page(
    client, parking_service, closed_service
):
    page = main(client.get("/services/"))

    assert h1(page) == "Services"
    assert links(page)["Resident parking permit"] == parking_service.get_absolute_url()
    assert "Heritage" not in text(page)
    assert "Usual time to a decision: 7 calendar days." in text(page)


def test_a_start_page_says_what_who_what_you_need_fees_how_long_and_start_now(
    client, parking_service
):
    page = main(client.get("/services/resident-parking-permit/"))

    assert h1(page) == "Resident parking permit"
    assert headings(page, 2) == ["Who can apply", "What you need", "Fees", "How long it takes"]
    shown = text(page)
    assert "People registered at an address inside a resident parking zone." in shown
    assert "120 yuan a year, paid after approval." in shown
    assert (
        "We usually make a decision within 7 calendar days of receiving your application" in shown
    )
    assert "we keep your answers for 30 days" in shown
    assert links(page)["Start now"] == "/services/resident-parking-permit/apply/"
    assert "You need an account with a verified email address to apply." in shown


def test_a_free_service_says_so_and_a_closed_one_has_no_start_button(client, closed_service):
    shown = text(main(client.get(closed_service.get_absolute_url())))

    assert "There is no fee." in shown
    assert "This service is not taking applications at the moment." in shown
    assert "Start now" not in shown
    assert client.get("/services/no-such-service/").status_code == 404


def test_start_now_without_an_account_leads_to_sign_in_keeping_the_place(client, parking_service):
    response = client.get(parking_service.get_apply_url())

    assert response.url == f"{reverse('account_login')}?next={parking_service.get_apply_url()}"
    login = main(client.get(response.url))
    signup = (
        f"{reverse('account_signup')}?next={parking_service.get_apply_url().replace('/', '%2F')}"
    )
    assert signup in link_targets(login)


def test_a_start_page_offers_to_continue_the_draft_the_person_has_of_it(
    client, citizen, parking_service
):
    client.force_login(citizen)
    assert "Start now" in links(main(client.get(parking_service.get_absolute_url())))

    draft_save_page(applicant=citizen, service=parking_service, answers={}, uploads={})
    page = main(client.get(parking_service.get_absolute_url()))

    assert "Start now" not in links(page)
    assert links(page)["Continue your application"] == parking_service.get_apply_url()
    assert "You have started this application: we keep your answers until" in text(page)
    assert "You can stop part way" not in text(page)
    assert links(page)["delete your answers so far"] == reverse(
        "applications:draft_delete", kwargs={"slug": parking_service.slug}
    )


def test_a_start_page_asks_one_query_more_of_a_signed_in_person_for_their_draft(
    client, citizen, parking_service
):
    client.force_login(citizen)
    client.get(reverse("applications:service_list"))  # the shared parts of the layout are kept
    with CaptureQueriesContext(connection) as queries:
        client.get(parking_service.get_absolute_url())

    # The session, the person, the service and the person's draft of it.
    assert len(queries) == 2 + 2
