from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.test import Client
from django.urls import reverse

from applications.uploads import check_upload
from tests.factories import PASSWORD, PDF_BYTES, make_application, make_inquiry, upload
from tests.html import (
    buttons,
    errors,
    h1,
    headings,
    link_targets,
    links,
    main,
    region,
    table,
    text,
    text_of,
)

from .conftest import downloaded_data

pytestmark = pytest.mark.django_db


def test_my_account_needs_a_signed_in_user(client):
    response = client.get(reverse("accounts:overview"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_my_account_gathers_every_part_of_the_account(client, citizen):
    client.force_login(citizen)

    page = client.get(reverse("accounts:overview"))

    assert h1(page) == "My account"
    sections = [
        "Your details",
        "Email address",
        "Password",
        "Two-factor authentication",
        "Where you are signed in",
        "Download my data",
        "Close my account",
    ]
    assert [heading for heading in headings(page, 2) if heading in sections] == sections
    assert "Full name Li Na" in text(region(page, "Your details"))
    assert "li.na@example.com" in text(region(page, "Email address"))
    section_links = {
        "Your details": "accounts:profile_edit",
        "Email address": "account_email",
        "Password": "account_change_password",
        "Two-factor authentication": "mfa_index",
        "Where you are signed in": "usersessions_list",
        "Download my data": "accounts:data_download",
        "Close my account": "accounts:close",
    }
    for heading, name in section_links.items():
        assert link_targets(region(page, heading)) == [reverse(name)], heading


def test_my_account_runs_the_same_queries_with_many_addresses(
    client, citizen, django_assert_num_queries, django_assert_max_num_queries
):
    client.force_login(citizen)
    client.get(reverse("accounts:overview"))
    with django_assert_max_num_queries(6) as few:
        client.get(reverse("accounts:overview"))

    for number in range(5):
        EmailAddress.objects.create(user=citizen, email=f"old{number}@example.com")
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(reverse("accounts:overview"))
    assert "old4@example.com" in text(region(page, "Email address"))


def test_changing_name_and_contact_language(client, citizen):
    client.force_login(citizen)

    response = client.post(
        reverse("accounts:profile_edit"),
        {"full_name": " Li  Na Wang ", "contact_language": "zh-hans"},
    )

    assert response.url == reverse("accounts:overview")
    citizen.refresh_from_db()
    assert (citizen.full_name, citizen.contact_language) == ("Li Na Wang", "zh-hans")


def test_staff_are_told_their_contact_language_is_also_the_administrations(
    client, citizen, caseworker
):
    for person, says in [(citizen, "about your applications"), (caseworker, "administration")]:
        client.force_login(person)
        hint = text_of(
            client.get(reverse("accounts:profile_edit")), "#id_contact_language_helptext"
        )
        assert says in hint


def test_bad_details_get_a_clear_error_next_to_the_field(client, citizen):
    client.force_login(citizen)

    response = client.post(
        reverse("accounts:profile_edit"), {"full_name": "", "contact_language": "klingon"}
    )

    assert response.status_code == 200
    problems = errors(response)
    assert problems.summary_links["Full name: Enter your full name."] == "#id_full_name"
    assert problems.fields["full_name"] == ["Enter your full name."]
    assert problems.fields["contact_language"][0].startswith("Select a valid choice.")


def test_download_my_data_is_a_zip_of_the_profile_and_the_records_of_each_app(client, citizen):
    client.force_login(citizen)

    response = client.get(reverse("accounts:data_download"))

    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    assert "no-store" in response["Cache-Control"]
    data = downloaded_data(response)
    assert data["profile"]["email"] == "li.na@example.com"
    assert data["profile"]["full_name"] == "Li Na"
    assert data["profile"]["contact_language"] == "English"
    assert data["email_addresses"] == [
        {"email": "li.na@example.com", "verified": True, "primary": True}
    ]
    assert "password" not in str(data)


def test_download_my_data_includes_what_other_apps_export(client, citizen, monkeypatch):
    from accounts import personal_data

    library = SimpleNamespace(export=lambda user: {"library_loans": [f"loan for {user.full_name}"]})
    found = personal_data.app_modules("personal_data")
    monkeypatch.setattr(personal_data, "app_modules", lambda name: [*found, library])
    client.force_login(citizen)

    data = downloaded_data(client.get(reverse("accounts:data_download")))

    assert data["library_loans"] == ["loan for Li Na"]
    assert data["profile"]["email"] == "li.na@example.com"


FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


def test_the_sessions_page_lists_each_sign_in_and_signs_the_others_out(citizen, sign_in, client):
    other_browser = Client(HTTP_USER_AGENT=FIREFOX_ON_LINUX)
    other_browser.post(reverse("account_login"), {"login": citizen.email, "password": PASSWORD})
    sign_in(citizen.email)
    assert UserSession.objects.filter(user=citizen).count() == 2

    sessions = table(client.get(reverse("usersessions_list")))
    assert sorted(row["Browser"] for row in sessions) == ["Firefox on Linux", "an unknown browser"]
    assert [row["This browser?"] for row in sessions if row["Browser"] != "Firefox on Linux"] == [
        "This browser"
    ]

    client.post(reverse("usersessions_list"))

    assert UserSession.objects.filter(user=citizen).count() == 1
    assert other_browser.get(reverse("accounts:overview")).status_code == 302
    assert client.get(reverse("accounts:overview")).status_code == 200


def test_closing_the_account_explains_what_happens_and_asks_for_the_password(client, citizen):
    client.force_login(citizen)

    assert "stay on file" in text_of(client.get(reverse("accounts:close")), "main")
    response = client.post(reverse("accounts:close"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    citizen.refresh_from_db()
    assert citizen.is_active


def test_closing_the_account_after_reauthentication_deactivates_it_and_signs_out(
    client, citizen, sign_in, delivered_mail
):
    sign_in(citizen.email)
    reauthenticate_url = client.post(reverse("accounts:close")).url

    response = client.post(reauthenticate_url, {"password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("home")
    citizen.refresh_from_db()
    assert not citizen.is_active
    assert "_auth_user_id" not in client.session
    assert not UserSession.objects.filter(user=citizen).exists()
    [notice] = delivered_mail()
    assert notice.subject == "Your account is closed | Shanghai City Portal"
    assert "stay on file with the city" in notice.body
    again = sign_in(citizen.email)
    assert again.url == reverse("account_inactive")
    assert h1(client.get(again.url)) == "This account is closed"


def test_the_password_asked_on_the_way_to_closing_says_it_closes_the_account(
    client, citizen, sign_in
):
    sign_in(citizen.email)
    reauthenticate_url = client.post(reverse("accounts:close")).url

    page = client.get(reauthenticate_url)
    elsewhere = client.get(reverse("account_reauthenticate"), {"next": reverse("account_email")})

    assert "Once you have confirmed it's you, we close your account." in text_of(page, "main")
    assert buttons(main(page)) == ["Close my account"]
    assert links(main(page))["Keep my account"] == reverse("accounts:overview")
    assert "we close your account" not in text_of(elsewhere, "main")
    assert buttons(main(elsewhere)) == ["Continue"]


def test_a_wrong_password_does_not_close_the_account(client, citizen, sign_in):
    sign_in(citizen.email)
    reauthenticate_url = client.post(reverse("accounts:close")).url

    response = client.post(reauthenticate_url, {"password": "not mine"})

    assert response.status_code == 200
    assert errors(response).fields["password"] == ["Incorrect password."]
    citizen.refresh_from_db()
    assert citizen.is_active


@pytest.mark.parametrize("name", ["accounts:profile_edit", "accounts:close"])
def test_account_forms_run_a_fixed_number_of_queries(
    client, citizen, django_assert_max_num_queries, name
):
    client.force_login(citizen)
    client.get(reverse("accounts:overview"))

    with django_assert_max_num_queries(4):
        assert client.get(reverse(name)).status_code == 200


def test_download_my_data_runs_the_same_queries_with_many_records(
    client, citizen, django_assert_num_queries, django_assert_max_num_queries, attachment_root
):
    def add_cases(count):
        for _ in range(count):
            lease = check_upload(upload("lease.pdf", PDF_BYTES))
            make_application(applicant=citizen, attachments=[lease])
            make_inquiry(author=citizen)

    add_cases(1)
    client.force_login(citizen)
    client.get(reverse("accounts:data_download"))
    with django_assert_max_num_queries(21) as few:
        client.get(reverse("accounts:data_download"))

    add_cases(4)
    for number in range(5):
        EmailAddress.objects.create(user=citizen, email=f"old{number}@example.com")
    with django_assert_num_queries(len(few.captured_queries)):
        data = downloaded_data(client.get(reverse("accounts:data_download")))
    assert len(data["email_addresses"]) == 6
    assert [len(application["files"]) for application in data["applications"]] == [1] * 5
