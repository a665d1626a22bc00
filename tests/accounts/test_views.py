from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.test import Client
from django.urls import reverse

from .conftest import PASSWORD, downloaded_data

pytestmark = pytest.mark.django_db


def test_my_account_needs_a_signed_in_user(client):
    response = client.get(reverse("accounts:overview"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_my_account_gathers_every_part_of_the_account(client, citizen):
    client.force_login(citizen)

    page = client.get(reverse("accounts:overview")).content.decode()

    assert page.count("<h1") == 1
    for heading in [
        "Your details",
        "Email address",
        "Password",
        "Two-factor authentication",
        "Where you are signed in",
        "Download my data",
        "Close my account",
    ]:
        assert f">{heading}</h2>" in page
    assert "<dd>Li Na</dd>" in page
    assert "li.na@example.com" in page
    for name in [
        "accounts:profile_edit",
        "account_email",
        "account_change_password",
        "mfa_index",
        "usersessions_list",
        "accounts:data_download",
        "accounts:close",
    ]:
        assert f'href="{reverse(name)}"' in page


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
        page = client.get(reverse("accounts:overview")).content.decode()
    assert "old4@example.com" in page


def test_changing_name_and_contact_language(client, citizen):
    client.force_login(citizen)

    response = client.post(
        reverse("accounts:profile_edit"),
        {"full_name": " Li  Na Wang ", "contact_language": "zh-hans"},
    )

    assert response.url == reverse("accounts:overview")
    citizen.refresh_from_db()
    assert (citizen.full_name, citizen.contact_language) == ("Li Na Wang", "zh-hans")


def test_bad_details_get_a_clear_error_next_to_the_field(client, citizen):
    client.force_login(citizen)

    response = client.post(
        reverse("accounts:profile_edit"), {"full_name": "", "contact_language": "klingon"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_full_name">Full name: Enter your full name.</a>' in page
    assert 'id="id_contact_language_error"' in page
    assert "Select a valid choice." in page


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


def test_the_sessions_page_lists_each_sign_in_and_signs_the_others_out(citizen, sign_in, client):
    other_browser = Client(HTTP_USER_AGENT="Other browser")
    other_browser.post(reverse("account_login"), {"login": citizen.email, "password": PASSWORD})
    sign_in(citizen.email)
    assert UserSession.objects.filter(user=citizen).count() == 2

    page = client.get(reverse("usersessions_list")).content.decode()
    assert "Other browser" in page
    assert '<span class="tag">This browser</span>' in page

    client.post(reverse("usersessions_list"))

    assert UserSession.objects.filter(user=citizen).count() == 1
    assert other_browser.get(reverse("accounts:overview")).status_code == 302
    assert client.get(reverse("accounts:overview")).status_code == 200


def test_closing_the_account_explains_what_happens_and_asks_for_the_password(client, citizen):
    client.force_login(citizen)

    page = client.get(reverse("accounts:close")).content.decode()
    assert "stay on file" in page
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
    assert "This account is closed" in client.get(again.url).content.decode()


def test_a_wrong_password_does_not_close_the_account(client, citizen, sign_in):
    sign_in(citizen.email)
    reauthenticate_url = client.post(reverse("accounts:close")).url

    response = client.post(reauthenticate_url, {"password": "not mine"})

    assert response.status_code == 200
    assert "Incorrect password." in response.content.decode()
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
    client, citizen, django_assert_num_queries, django_assert_max_num_queries
):
    client.force_login(citizen)
    client.get(reverse("accounts:data_download"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("accounts:data_download"))

    for number in range(5):
        EmailAddress.objects.create(user=citizen, email=f"old{number}@example.com")
    with django_assert_num_queries(len(few.captured_queries)):
        data = downloaded_data(client.get(reverse("accounts:data_download")))
    assert len(data["email_addresses"]) == 6
