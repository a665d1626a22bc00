import re

import pytest
from django.urls import reverse

from tests.factories import PASSWORD


@pytest.fixture
def sign_in(client):
    def post(email, password=PASSWORD, **extra):
        return client.post(
            reverse("account_login"), {"login": email, "password": password, **extra}
        )

    return post


def link_in(message):
    """The first portal link in an email's text body."""
    return re.search(r"http://testserver(/\S+)", message.body).group(1)
