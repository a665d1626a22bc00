import io

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import demo

pytestmark = pytest.mark.django_db


def test_demo_accounts_have_known_passwords_verified_addresses_and_groups():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)

    User = get_user_model()
    for account in demo.accounts():
        user = User.objects.get(email=account["email"])
        assert user.check_password(account["password"])
        assert EmailAddress.objects.get(user=user).verified
        assert f"{account['email']} / {account['password']}" in out.getvalue()
    editor = User.objects.get(email="editor@demo.cityportal.example")
    assert editor.is_staff
    assert editor.groups.filter(name="Editors").exists()


def test_demo_accounts_keep_a_password_someone_changed():
    demo.seed(stdout=None, style=None)
    citizen = get_user_model().objects.get(email="citizen@demo.cityportal.example")
    citizen.set_password("my own new passphrase")
    citizen.save()

    demo.seed(stdout=None, style=None)

    citizen.refresh_from_db()
    assert citizen.check_password("my own new passphrase")


def test_a_second_demo_run_writes_nothing():
    demo.seed(stdout=None, style=None)

    with CaptureQueriesContext(connection) as queries:
        demo.seed(stdout=None, style=None)

    writes = [q["sql"] for q in queries if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []


def test_every_demo_account_has_the_fields_the_seed_reads_and_no_others():
    required = {"email", "password", "full_name", "role"}
    for account in demo.accounts():
        assert required <= account.keys() <= required | {"group"}, account
