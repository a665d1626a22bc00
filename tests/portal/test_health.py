import pytest
from django.db import connection
from django.urls import reverse


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.fixture
def database_on_a_closed_port(django_db_blocker):
    with django_db_blocker.unblock():
        original_port = connection.settings_dict["PORT"]
        connection.close()
        connection.settings_dict["PORT"] = 1  # nothing listens on port 1
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict["PORT"] = original_port


def test_healthz_answers_503_when_the_database_does_not(client, database_on_a_closed_port):
    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}
