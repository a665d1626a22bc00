import pytest
from django.urls import reverse

from tests.html import HOME, Crumb, breadcrumbs

pytestmark = pytest.mark.django_db


def test_the_faq_sits_below_home(client):
    response = client.get(reverse("faq:index"))

    assert breadcrumbs(response) == [HOME, Crumb("FAQ", current=True)]


def test_a_topic_sits_below_the_faq(client, topic, make_question):
    make_question()

    response = client.get(topic.get_absolute_url())

    assert breadcrumbs(response) == [
        HOME,
        Crumb("FAQ", reverse("faq:index")),
        Crumb("Getting around", current=True),
    ]


def test_a_question_sits_below_its_topic(client, topic, make_question):
    question = make_question(question="Where can I get an English map of the city?")

    response = client.get(question.get_absolute_url())

    assert breadcrumbs(response) == [
        HOME,
        Crumb("FAQ", reverse("faq:index")),
        Crumb("Getting around", topic.get_absolute_url()),
        Crumb("Where can I get an English map of the city?", current=True),
    ]
