import pytest
from django.core.management import call_command
from django.db import IntegrityError

from accounts.models import User


@pytest.mark.django_db
def test_email_is_the_login_and_is_stored_in_lower_case():
    user = User.objects.create_user(email="Li.Wei@Example.COM", password="a long passphrase")

    assert user.email == "li.wei@example.com"
    assert user.check_password("a long passphrase")
    assert User.USERNAME_FIELD == "email"
    assert not user.is_staff


@pytest.mark.django_db
def test_one_email_address_gives_one_account_whatever_its_case():
    User.objects.create_user(email="li.wei@example.com")

    with pytest.raises(IntegrityError):
        User.objects.create_user(email="LI.WEI@example.com")


@pytest.mark.django_db
def test_createsuperuser_runs_without_input_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "chief@city.example")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a strong admin passphrase")

    call_command("createsuperuser", interactive=False, verbosity=0)

    admin = User.objects.get(email="chief@city.example")
    assert admin.is_superuser
    assert admin.is_staff
    assert admin.check_password("a strong admin passphrase")


def test_full_name_falls_back_to_the_email_address():
    assert User(email="a@example.com").get_full_name() == "a@example.com"
    assert User(email="a@example.com", full_name="Zhang Min").get_short_name() == "Zhang"
