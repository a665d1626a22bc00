import pytest
from django.contrib.auth.models import Group, Permission
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from tests.factories import make_inquiry, make_staff
from tests.html import find, h1, headings, link_targets, links, text_of
from tests.staff import sign_in_with_two_factors


def in_the_portal_layout(page):
    """A skip link, the header linking home and the footer with the contact details."""
    return (
        links(page)["Skip to main content"] == "#main"
        and link_targets(find(page, "header"))[0] == reverse("home")
        and any(heading.startswith("Contact ") for heading in headings(find(page, "footer")))
    )


def test_server_error_page_renders_without_a_request_or_database():
    html = render_to_string("500.html")

    assert h1(html) == "Sorry, there is a problem with the service"
    assert links(html)["Skip to main content"] == "#main"


@pytest.mark.django_db
def test_a_form_posted_without_its_csrf_token_gets_the_styled_explanation():
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("account_login"), {"login": "a@example.com", "password": "x"})

    assert response.status_code == 403
    assert h1(response) == "Your form could not be sent"
    assert in_the_portal_layout(response)


@pytest.mark.django_db
def test_a_request_for_an_unknown_host_gets_400_not_500(client):
    response = client.get(reverse("home"), HTTP_HOST="evil.example")

    assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("template", ["400.html", "403.html", "404.html"])
def test_error_pages_use_the_portal_layout(rf, template):
    html = render_to_string(template, request=rf.get("/"))

    assert len(headings(html, 1)) == 1
    assert in_the_portal_layout(html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/applications/application/?status__exact=%00",
        "/admin/applications/inquiry/?status__exact=%00",
        "/admin/portal/outgoingemail/?status=%00",
    ],
)
def test_an_admin_address_holding_a_nul_character_gets_400_not_500(client, caseworker, url):
    sign_in_with_two_factors(client, caseworker)

    response = client.get(url)

    assert response.status_code == 400
    assert h1(response) == "Bad request"
    assert in_the_portal_layout(response)


@pytest.mark.django_db
def test_staff_refused_a_page_of_the_admin_stay_in_the_admin(client, editor):
    sign_in_with_two_factors(client, editor)

    response = client.get(reverse("admin:applications_application_changelist"))

    assert response.status_code == 403
    assert h1(response) == "You do not have access to this page"
    assert "Staff in the group Caseworkers can open it." in text_of(response, "#content")
    assert links(response)["Back to the admin home"] == reverse("admin:index")
    assert not in_the_portal_layout(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "url", "said"),
    [
        # No group may change the groups.
        ("editor", reverse("admin:auth_group_changelist"), "ask an administrator of the portal"),
        # Caseworkers see applications but no group may delete one.
        (
            "caseworker",
            reverse("admin:applications_application_delete", args=[1]),
            "ask an administrator of the portal",
        ),
        # Answers are published from an inquiry, never added on their own.
        (
            "caseworker",
            reverse("admin:applications_publishedanswer_add"),
            "This page is closed to all staff",
        ),
    ],
    ids=["no group opens it", "no group does its action", "closed to all staff"],
)
def test_a_page_of_the_admin_no_other_group_opens_names_no_group(request, client, who, url, said):
    sign_in_with_two_factors(client, request.getfixturevalue(who))

    response = client.get(url)

    assert response.status_code == 403
    assert "Staff in the group" not in text_of(response, "#content")
    assert said in text_of(response, "#content")


@pytest.mark.django_db
def test_a_page_of_the_admin_needing_another_models_permission_names_the_groups_given_it(
    client, citizen
):
    # Someone who reads inquiries may not publish one: that takes adding published answers.
    readers = Group.objects.create(name="Inquiry readers")
    readers.permissions.add(Permission.objects.get(codename="view_inquiry"))
    reader = make_staff(email="reader@city.example", group="Inquiry readers")
    inquiry = make_inquiry(author=citizen)
    sign_in_with_two_factors(client, reader)

    response = client.get(reverse("admin:applications_inquiry_publish", args=[inquiry.pk]))

    assert response.status_code == 403
    assert "Staff in the group Caseworkers can open it." in text_of(response, "#content")
