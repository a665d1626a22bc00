import re

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from faq.models import HelpfulVote
from faq.services import VOTES_PER_QUESTION
from faq.views import QUESTIONS_PER_PAGE, QUESTIONS_PER_TOPIC_PREVIEW
from tests.sitemaps import sitemap_entries


def h1_count(response):
    return len(re.findall(r"<h1[\s>]", response.content.decode()))


@pytest.mark.django_db
def test_faq_page_groups_questions_by_topic_with_a_topic_list(
    client, make_question, topic, other_topic
):
    make_question(topic=other_topic, question="How do I apply for a work permit?", slug="permit")
    make_question(
        topic=topic,
        question="Where can I get a map?",
        slug="map",
        answer="<p>At <strong>stations</strong>.</p>",
    )

    response = client.get(reverse("faq:index"))
    page = response.content.decode()

    assert response.status_code == 200
    assert h1_count(response) == 1
    assert '<a href="#topic-getting-around">Getting around</a>' in page
    assert '<a href="#topic-working-in-the-city">Working in the city</a>' in page
    assert page.index('id="topic-getting-around"') < page.index("Where can I get a map?")
    assert page.index("Where can I get a map?") < page.index('id="topic-working-in-the-city"')
    assert page.index('id="topic-working-in-the-city"') < page.index("work permit")
    assert '<article class="faq-item" id="q-map">' in page
    assert '<a href="/faq/map/">Where can I get a map?</a>' in page
    assert "At <strong>stations</strong>." in page


@pytest.mark.django_db
def test_unpublished_questions_never_show(client, make_question):
    make_question(question="Draft about ferries", slug="draft", published=False, featured=True)

    assert "Draft about ferries" not in client.get(reverse("faq:index")).content.decode()
    assert "Draft about ferries" not in client.get(reverse("home")).content.decode()
    assert client.get(reverse("faq:question_detail", args=["draft"])).status_code == 404
    assert (
        client.post(reverse("faq:helpful_vote", args=["draft"]), {"helpful": "yes"}).status_code
        == 404
    )


@pytest.mark.django_db
def test_topic_without_published_questions_is_not_listed(client, make_question, other_topic):
    make_question(topic=other_topic, published=False)

    assert "Working in the city" not in client.get(reverse("faq:index")).content.decode()


@pytest.mark.django_db
def test_question_page_is_the_permalink_of_one_answer(client, make_question):
    question = make_question(question="Is the ferry free?", answer="<p>No, it costs 2 yuan.</p>")

    response = client.get(question.get_absolute_url())

    assert response.status_code == 200
    assert h1_count(response) == 1
    assert "<h1>Is the ferry free?</h1>" in response.content.decode()
    assert "No, it costs 2 yuan." in response.content.decode()
    assert "Was this answer helpful?" in response.content.decode()


@pytest.mark.django_db
def test_question_page_runs_a_fixed_number_of_queries(
    client, make_question, django_assert_num_queries
):
    question = make_question()
    HelpfulVote.objects.bulk_create([HelpfulVote(question=question, helpful=True)] * 20)

    with django_assert_num_queries(2):  # the site profile and the question with its topic
        client.get(question.get_absolute_url())


@pytest.mark.django_db
def test_faq_page_query_count_does_not_grow_with_questions(
    client, make_question, other_topic, django_assert_num_queries
):
    make_question()
    # The site profile, the topics with their counts, and each topic's first questions.
    with django_assert_num_queries(3):
        client.get(reverse("faq:index"))

    for _ in range(30):
        make_question(topic=other_topic)
    caches["pages"].clear()  # render again rather than serve the shared copy
    with django_assert_num_queries(3):
        response = client.get(reverse("faq:index"))
    page = response.content.decode()
    assert page.count('class="faq-item"') == 1 + QUESTIONS_PER_TOPIC_PREVIEW
    assert f'<a href="{other_topic.get_absolute_url()}">All 30 questions about' in page


@pytest.mark.django_db
def test_a_topic_page_lists_its_published_questions_a_page_at_a_time(
    client, make_question, other_topic
):
    for number in range(QUESTIONS_PER_PAGE + 1):
        make_question(topic=other_topic, question=f"Working question {number}?")
    make_question(topic=other_topic, question="Draft about visas?", published=False)
    make_question(question="Elsewhere?")

    first = client.get(other_topic.get_absolute_url()).content.decode()
    second = client.get(other_topic.get_absolute_url() + "?page=2").content.decode()

    assert first.count('class="faq-item"') == QUESTIONS_PER_PAGE
    assert second.count('class="faq-item"') == 1
    assert f"{QUESTIONS_PER_PAGE + 1} questions and their answers." in first
    assert "Draft about visas?" not in first + second
    assert "Elsewhere?" not in first + second
    assert len(re.findall(r"<h1[\s>]", first)) == 1


@pytest.mark.django_db
def test_an_unknown_topic_or_page_is_not_found(client, make_question, topic):
    make_question()

    assert client.get("/faq/topics/no-such-topic/").status_code == 404
    assert client.get(topic.get_absolute_url() + "?page=9").status_code == 404


@pytest.mark.django_db
def test_a_topic_page_costs_the_same_with_few_and_many_questions(
    client, make_question, topic, django_assert_num_queries
):
    make_question()
    client.get("/")  # the site profile is kept from then on
    # The topic, the count and the page of questions.
    with django_assert_num_queries(3):
        client.get(topic.get_absolute_url())
    for _ in range(40):
        make_question()
    caches["pages"].clear()
    client.get("/")
    with django_assert_num_queries(3):
        client.get(topic.get_absolute_url())


@pytest.mark.django_db
def test_a_helpful_vote_is_stored_and_thanked_for(client, make_question):
    question = make_question()

    response = client.post(
        reverse("faq:helpful_vote", args=[question.slug]), {"helpful": "no"}, follow=True
    )

    assert response.redirect_chain == [(question.get_absolute_url(), 302)]
    assert "Thank you for your feedback on this answer." in response.content.decode()
    vote = HelpfulVote.objects.get()
    assert (vote.question, vote.helpful) == (question, False)


@pytest.mark.django_db
def test_a_vote_without_yes_or_no_stores_nothing_and_says_why(client, make_question):
    question = make_question()

    response = client.post(
        reverse("faq:helpful_vote", args=[question.slug]), {"helpful": "maybe"}, follow=True
    )

    assert response.status_code == 200
    assert "Choose Yes or No" in response.content.decode()
    assert not HelpfulVote.objects.exists()


@pytest.mark.django_db
def test_votes_need_a_post_with_a_csrf_token(make_question):
    question = make_question()
    url = reverse("faq:helpful_vote", args=[question.slug])
    client = Client(enforce_csrf_checks=True)

    assert client.get(url, {"helpful": "yes"}).status_code == 405
    assert client.post(url, {"helpful": "yes"}).status_code == 403
    assert not HelpfulVote.objects.exists()


@pytest.mark.django_db
def test_votes_from_one_address_are_rate_limited(client, make_question):
    question, other_question = make_question(), make_question()
    url = reverse("faq:helpful_vote", args=[question.slug])
    for _ in range(VOTES_PER_QUESTION):
        client.post(url, {"helpful": "yes"})

    response = client.post(url, {"helpful": "yes"}, follow=True)

    assert "please try again later" in response.content.decode()
    assert HelpfulVote.objects.filter(question=question).count() == VOTES_PER_QUESTION
    # Another address, or another question, is not held back.
    client.post(url, {"helpful": "yes"}, REMOTE_ADDR="203.0.113.9")
    client.post(reverse("faq:helpful_vote", args=[other_question.slug]), {"helpful": "yes"})
    assert HelpfulVote.objects.count() == VOTES_PER_QUESTION + 2


@pytest.mark.django_db
def test_home_page_widget_shows_featured_questions_with_the_start_of_their_answers(
    client, make_question
):
    long_answer = "<p>" + " ".join(["Metro"] * 30) + "</p>"
    featured = make_question(
        question="How do I pay for the metro?", answer=long_answer, featured=True
    )
    make_question(question="Not in the widget", featured=False)

    page = client.get(reverse("home")).content.decode()

    widget = page[page.index('class="widget faq-widget"') :]
    assert f'<a class="faq-widget__question" href="{featured.get_absolute_url()}">' in widget
    assert " ".join(["Metro"] * 18) + "…</p>" in widget
    assert "Not in the widget" not in widget
    assert f'<a class="widget__more" href="{reverse("faq:index")}">More FAQs »</a>' in widget


@pytest.mark.django_db
def test_widget_query_count_does_not_grow_with_featured_questions(
    make_question, django_assert_num_queries
):
    from django.template import Context, Template

    template = Template("{% load faq_tags %}{% faq_widget %}")
    make_question(featured=True)
    with django_assert_num_queries(1):
        template.render(Context())
    for _ in range(10):
        make_question(featured=True)
    with django_assert_num_queries(1):
        html = template.render(Context())
    assert html.count('class="faq-widget__question"') == 6


@pytest.mark.django_db
def test_sitemap_lists_the_faq_page_and_each_published_question(client, make_question):
    make_question(slug="ferry")
    make_question(slug="hidden", published=False)

    locations = sitemap_entries(client)

    assert "http://testserver/faq/" in locations
    assert "http://testserver/faq/ferry/" in locations
    assert not [url for url in locations if "hidden" in url]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("headers", "status", "votes"),
    [
        ({"Sec-Fetch-Site": "same-origin"}, 302, 1),
        ({"Sec-Fetch-Site": "cross-site"}, 403, 0),
        ({"Origin": "https://elsewhere.example"}, 403, 0),
    ],
    ids=["from the page", "from another site", "from another origin"],
)
def test_votes_from_the_cached_page_need_no_token_but_must_come_from_the_portal(
    make_question, headers, status, votes
):
    question = make_question()
    browser = Client(enforce_csrf_checks=True)
    assert "csrfmiddlewaretoken" not in browser.get(question.get_absolute_url()).content.decode()

    response = browser.post(
        reverse("faq:helpful_vote", args=[question.slug]), {"helpful": "yes"}, headers=headers
    )

    assert response.status_code == status
    assert HelpfulVote.objects.count() == votes


@pytest.mark.django_db
def test_sitemap_lists_each_topic_with_published_questions(
    client, make_question, topic, other_topic
):
    answered = make_question(slug="ferry")
    make_question(slug="hidden", topic=other_topic, published=False)

    locations = sitemap_entries(client)

    assert locations[f"http://testserver{topic.get_absolute_url()}"] == (
        timezone.localdate(answered.updated_at).isoformat()
    )
    assert f"http://testserver{other_topic.get_absolute_url()}" not in locations
