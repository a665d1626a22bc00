"""The daily clean-up forgets the sign-ins whose session has ended, whoever they were: their
address and browser are kept only while the session lasts (allauth itself forgets a person's
ended ones when they next sign in)."""

from datetime import timedelta

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, make_citizen

pytestmark = pytest.mark.django_db


def signed_in(user, address):
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_the_sign_ins_whose_session_ended_are_forgotten(citizen, capsys):
    other_citizen = make_citizen(email="zhou.bin@example.com", password=PASSWORD)
    signed_in(citizen, "203.0.113.1")
    signed_out = signed_in(citizen, "203.0.113.2")
    expired = signed_in(other_citizen, "203.0.113.3")
    signed_out.post(reverse("accounts:sign_out"))
    Session.objects.filter(session_key=expired.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    assert UserSession.objects.count() == 3

    call_command("forget_ended_sign_ins")

    assert list(UserSession.objects.values_list("ip", flat=True)) == ["203.0.113.1"]
    assert "Forgot 2 ended sign-in(s)." in capsys.readouterr().out
