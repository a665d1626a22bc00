import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PASSWORD, make_user
from tests.html import fields, h1, links, main, messages, table, text_of
from tests.staff import add_authenticator, current_code, sign_in_with_two_factors

pytestmark = pytest.mark.django_db


def test_the_admin_sends_visitors_to_the_portal_sign_in(client):
    response = client.get(reverse("admin:index"), follow=True)

    assert response.redirect_chain[-1][0] == f"{reverse('account_login')}?next=/admin/"


def test_the_admins_own_sign_in_form_accepts_no_password(client, staff):
    response = client.post(reverse("admin:login"), {"username": staff.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_staff_without_two_factor_authentication_are_sent_to_set_it_up(client, staff):
    client.force_login(staff)

    response = client.get(reverse("admin:index"), follow=True)

    assert reverse("mfa_activate_totp") in [url.split("?")[0] for url, _ in response.redirect_chain]
    assert [text for text in messages(response) if "Staff must turn on two-factor" in text]


def test_staff_sign_in_with_password_and_authenticator_code_then_reach_the_admin(client, staff):
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)

    response = client.post(
        reverse("account_login"),
        {"login": staff.email, "password": PASSWORD, "next": "/admin/"},
    )
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})

    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_citizens_get_no_admin_even_when_signed_in(client):
    client.force_login(make_user())

    refused = client.get(reverse("admin:index"), follow=True)

    assert refused.status_code == 403
    # The portal's own page: the admin's speaks to staff of their groups.
    assert h1(refused) == "You do not have access to this page"
    assert "Skip to main content" in links(refused)
    assert "administration" not in text_of(refused, "main")


def test_the_admin_password_change_goes_through_the_portal(client, staff):
    add_authenticator(staff)
    sign_in_with_two_factors(client, staff)

    response = client.get(reverse("admin:password_change"))

    assert response.url == reverse("account_change_password")


def test_staff_groups_exist_for_editors_and_caseworkers():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Caseworkers"}


def test_the_users_admin_lists_and_searches_by_email_and_name(client, staff):
    staff.is_superuser = True
    staff.save()
    add_authenticator(staff)
    make_user(email="zhou.bin@example.com", full_name="Zhou Bin")
    sign_in_with_two_factors(client, staff)

    page = client.get(reverse("admin:accounts_user_changelist"), {"q": "Zhou"})

    assert [row["Email address"] for row in table(page, "#result_list")] == ["zhou.bin@example.com"]
    change_page = client.get(reverse("admin:accounts_user_change", args=[staff.pk]))
    assert "groups" in fields(change_page)


@pytest.fixture
def superuser(staff):
    staff.is_superuser = True
    staff.save()
    add_authenticator(staff)
    return staff


def test_the_users_admin_finds_addresses_by_their_beginning_through_the_index(client, superuser):
    make_user(email="zhou.bin@example.com", full_name="Zhou Bin")
    sign_in_with_two_factors(client, superuser)

    def found(term):
        changelist = client.get(reverse("admin:accounts_user_changelist"), {"q": term}).context
        return changelist["cl"]

    assert [user.email for user in found("ZHOU.bin@").result_list] == ["zhou.bin@example.com"]
    assert [user.email for user in found("Bin").result_list] == ["zhou.bin@example.com"]
    assert list(found("example.com").result_list) == []  # the beginning of the address only

    with connection.cursor() as cursor:
        # A large table: the rows are found through an index condition, or else by reading it all.
        for setting in ["enable_seqscan", "enable_indexscan", "enable_indexonlyscan"]:
            cursor.execute(f"SET LOCAL {setting} = off")
    plan = found("zhou.bin@").queryset.explain()
    assert "Bitmap Index Scan on accounts_user_email" in plan


def test_the_users_admin_counts_the_accounts_once(client, superuser):
    sign_in_with_two_factors(client, superuser)

    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("admin:accounts_user_changelist"), {"_facets": "True"})

    assert response.status_code == 200
    assert len([query for query in context.captured_queries if "COUNT(" in query["sql"]]) == 1


def test_a_password_only_session_must_pass_a_code_once_an_authenticator_is_added(client, staff):
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert "_auth_user_id" in client.session  # no authenticator yet: the password was enough
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)  # for instance from another device

    response = client.get(reverse("admin:index"), follow=True)

    assert response.redirect_chain[-1][0] == f"{reverse('mfa_reauthenticate')}?next=%2Fadmin%2F"
    assert "Enter a code from your authenticator app" in text_of(response, "main")
    response = client.post(response.redirect_chain[-1][0], {"code": current_code(secret)})
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db(transaction=True)  # allauth records the set-up once it is committed
def test_new_staff_set_up_two_factor_authentication_in_one_pass_after_signing_in(client, staff):
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})

    # No password again: it was typed a moment ago.
    setup = client.get(reverse("admin:index"), follow=True)
    assert setup.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    secret = setup.context["form"].secret
    activated = client.post(
        reverse("mfa_activate_totp"), {"code": current_code(secret)}, follow=True
    )

    # No second code: the one that turned the app on counts for this session.
    assert h1(activated) == "Your recovery codes"
    assert links(main(activated))["Continue to the administration"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200
