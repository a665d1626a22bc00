import pytest
from django.urls import reverse

from tests.factories import make_inquiry
from tests.html import HOME, Crumb, breadcrumbs

pytestmark = pytest.mark.django_db

MY_APPLICATIONS = Crumb("My applications", "/applications/")
MY_INQUIRIES = Crumb("My inquiries", "/inquiries/")


def trail(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return breadcrumbs(response)


def test_the_services_sit_below_home_and_each_application_form_below_them(client, citizen, service):
    client.force_login(citizen)

    assert trail(client, reverse("applications:service_list")) == [
        HOME,
        Crumb("Services", current=True),
    ]
    assert trail(client, service.get_absolute_url()) == [
        HOME,
        Crumb("Services", reverse("applications:service_list")),
        Crumb("Residence permit renewal", current=True),
    ]
    assert trail(client, client.get(service.get_apply_url()).url) == [
        HOME,
        Crumb("Services", reverse("applications:service_list")),
        Crumb("Residence permit renewal", service.get_absolute_url()),
        Crumb("Your application", current=True),
    ]


def test_an_application_and_its_pages_sit_below_my_applications(client, citizen, make_application):
    application = make_application(applicant=citizen)
    reference = application.reference
    client.force_login(citizen)

    assert trail(client, reverse("applications:application_list")) == [
        HOME,
        Crumb("My applications", current=True),
    ]
    assert trail(client, application.get_absolute_url()) == [
        HOME,
        MY_APPLICATIONS,
        Crumb(f"Application {reference}", current=True),
    ]
    for name, current in [
        ("applications:application_submitted", "Submitted"),
        ("applications:application_withdraw", "Withdraw"),
    ]:
        assert trail(client, reverse(name, kwargs={"reference": reference})) == [
            HOME,
            MY_APPLICATIONS,
            Crumb(f"Application {reference}", application.get_absolute_url()),
            Crumb(current, current=True),
        ]


def test_an_inquiry_and_the_inquiry_form_sit_below_my_inquiries(client, citizen):
    inquiry = make_inquiry(author=citizen)
    client.force_login(citizen)

    assert trail(client, reverse("applications:inquiry_list")) == [
        HOME,
        Crumb("My inquiries", current=True),
    ]
    assert trail(client, inquiry.get_absolute_url()) == [
        HOME,
        MY_INQUIRIES,
        Crumb(f"Inquiry {inquiry.reference}", current=True),
    ]
    assert trail(client, reverse("applications:inquiry_create")) == [
        HOME,
        MY_INQUIRIES,
        Crumb("Ask a question", current=True),
    ]
