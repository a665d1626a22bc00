"""Anonymous visitors read from the database replica; everyone else, and every write, from the
primary. The "replica" here is a second connection to the test database, as a replica that
keeps up would be; tests/faults/test_replica.py has a real one that falls behind."""

import socket

import pytest
from django.db import connection, connections, router, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from news.models import Article
from portal import replica
from portal.replica import REPLICA, Health
from tests.html import headings

# Transactions end as in production: inside the test's own transaction everything would read
# from the primary, as everything inside a transaction must.
pytestmark = pytest.mark.django_db(transaction=True)


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def replica_alias(db, settings, monkeypatch):
    """A replica's connection to the test database, and the router that uses it."""
    primary = connections["default"]
    replica_connection = type(primary)({**primary.settings_dict}, REPLICA)
    connections[REPLICA] = replica_connection
    settings.DATABASE_ROUTERS = ["portal.replica.ReplicaRouter"]
    monkeypatch.setattr(replica, "health", Health())
    yield replica_connection
    replica_connection.close()
    del connections[REPLICA]


@pytest.fixture
def replica_down(replica_alias):
    replica_alias.settings_dict.update(HOST="127.0.0.1", PORT=closed_port())
    replica_alias.close()
    return replica_alias


def queries_on(alias_connection):
    return CaptureQueriesContext(alias_connection)


def test_an_anonymous_visit_reads_from_the_replica(client, replica_alias, make_article):
    make_article(title="Ferry timetable for the holidays")

    with queries_on(replica_alias) as on_replica, queries_on(connection) as on_primary:
        response = client.get(reverse("news:article_list"))

    assert "Ferry timetable for the holidays" in response.content.decode()
    assert len(on_replica) > 0
    assert len(on_primary) == 0


def test_an_anonymous_search_runs_on_the_replica_with_its_time_limit(client, replica_alias):
    with queries_on(replica_alias) as on_replica, queries_on(connection) as on_primary:
        response = client.get(reverse("search"), {"q": "ferry timetable"})

    assert response.status_code == 200
    assert any("statement_timeout" in query["sql"] for query in on_replica)
    assert len(on_primary) == 0


def test_a_signed_in_person_reads_from_the_primary(client, citizen, replica_alias):
    client.force_login(citizen)

    with queries_on(replica_alias) as on_replica:
        response = client.get(reverse("applications:application_list"))

    assert response.status_code == 200
    assert len(on_replica) == 0


def test_a_form_sent_reads_and_writes_the_primary(client, replica_alias):
    with queries_on(replica_alias) as on_replica:
        client.post(
            reverse("public:status_check"), {"reference": "12345678", "email": "a@example.com"}
        )

    assert len(on_replica) == 0


def test_writes_and_reads_inside_a_transaction_go_to_the_primary(replica_alias):
    token = replica.reads_may_use_replica.set(True)  # as in an anonymous visit
    try:
        outside = router.db_for_read(Article)
        with transaction.atomic():
            inside = router.db_for_read(Article)
        written = router.db_for_write(Article)
    finally:
        replica.reads_may_use_replica.reset(token)

    assert (outside, inside, written) == (REPLICA, "default", "default")


def test_commands_and_workers_read_from_the_primary(replica_alias):
    assert router.db_for_read(Article) == "default"


def test_a_replica_that_does_not_answer_is_skipped(client, replica_down, caplog):
    with queries_on(connection) as on_primary:
        response = client.get(reverse("faq:index"))

    assert response.status_code == 200
    assert "Frequently asked questions" in headings(response)
    assert len(on_primary) > 0
    assert "the replica is skipped, it does not answer" in caplog.text


def test_a_replica_that_stops_between_two_checks_costs_no_failed_request(client, replica_alias):
    assert replica.health.is_usable(now=0)  # checked: healthy, for a second
    replica_alias.settings_dict.update(HOST="127.0.0.1", PORT=closed_port())
    replica_alias.close()

    response = client.get(reverse("news:article_list"))

    assert response.status_code == 200
    assert not replica.health.usable


def test_the_replica_is_asked_at_most_once_a_second(replica_alias):
    health = replica.health
    with queries_on(replica_alias) as asked:
        for moment in (100.0, 100.2, 100.9):
            assert health.is_usable(moment)
    assert len(asked) == 1

    with queries_on(replica_alias) as asked:
        health.is_usable(101.0)
    assert len(asked) == 1


def test_a_replica_that_caught_up_with_the_primary_is_used_again(replica_alias):
    health = replica.health
    health.wait_for_primary()

    assert health.is_usable(now=0)


def test_while_the_primary_is_away_anonymous_visitors_are_still_answered_by_the_replica(
    replica_alias, monkeypatch
):
    primary_away = type(replica_alias)(
        {**replica_alias.settings_dict, "HOST": "127.0.0.1", "PORT": closed_port()}, "away"
    )
    connections["away"] = primary_away
    monkeypatch.setattr(replica, "health", Health(primary="away"))
    try:
        replica.health.wait_for_primary()  # a change was seen: where is the primary now?

        assert replica.health.is_usable(now=0)
    finally:
        del connections["away"]
