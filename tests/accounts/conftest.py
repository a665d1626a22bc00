import io
import json
import re
import time
import zipfile

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from django.urls import reverse

from tests.factories import PASSWORD, make_user


@pytest.fixture
def staff(db):
    """A new member of staff who has not set up two-factor authentication yet."""
    return make_user(
        email="wang.fang@city.example",
        full_name="Wang Fang",
        password=PASSWORD,
        is_staff=True,
        email_verified=True,
    )


@pytest.fixture
def sign_in(client):
    def post(email, password=PASSWORD, **extra):
        return client.post(
            reverse("account_login"), {"login": email, "password": password, **extra}
        )

    return post


def sign_in_long_ago(client, minutes=10):
    """Make the client's sign-in `minutes` old: past the five minutes after which allauth asks
    for the password again before a change to security."""
    session = client.session
    for record in session[AUTHENTICATION_METHODS_SESSION_KEY]:
        record["at"] = time.time() - minutes * 60
    session.save()


def downloaded_archive(response):
    """The ZIP of "Download my data" as {path: bytes}."""
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def downloaded_data(response):
    return json.loads(downloaded_archive(response)["data.json"])


def link_in(message):
    """The first portal link in an email's text body."""
    return re.search(r"http://testserver(/\S+)", message.body).group(1)
