import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from tests.html import h1


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


@pytest.mark.parametrize("path", ["/", "/news/", "/faq/", "/accounts/login/"])
def test_pages_answer_503_with_retry_after_when_the_database_does_not(
    database_on_a_closed_port, path
):
    client = Client(raise_request_exception=False)

    response = client.get(path)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert h1(response) == "Sorry, the service is unavailable"


@pytest.mark.django_db
def test_other_errors_still_answer_500(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr("news.views.ArticleListView.get_queryset", broken)
    response = Client(raise_request_exception=False).get("/news/")

    assert response.status_code == 500
    assert "Retry-After" not in response


@pytest.mark.django_db(transaction=True)
def test_healthz_reconnects_once_when_a_kept_connection_was_cut(client):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        [pid] = cursor.fetchone()
    other = connections.create_connection("default")
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    other.close()

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
