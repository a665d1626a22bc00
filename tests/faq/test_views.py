import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from faq.views import QUESTIONS_PER_PAGE, QUESTIONS_PER_TOPIC_PREVIEW
from portal.models import PageFeedback
from tests.html import (
    count,
    find,
    h1,
    links,
    region,
    select,
    text,
    text_of,
    texts_of,
)
from tests.sitemaps import sitemap_entries


def questions_listed(page):
    return texts_of(page, ".faq-item__question")


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

    assert response.status_code == 200
    assert h1(response) == "Frequently asked questions"
    assert links(region(response, "Topics")) == {
        "Getting around": "#topic-getting-around",
        "Working in the city": "#topic-working-in-the-city",
    }
    assert find(response, "#topic-getting-around").name == "h2"
    around = region(response, "Getting around")
    assert questions_listed(around) == ["Where can I get a map?"]
    assert questions_listed(region(response, "Working in the city")) == [
        "How do I apply for a work permit?"
    ]
    assert find(around, ".faq-item")["id"] == "q-map"
    assert links(around)["Where can I get a map?"] == "/faq/map/"
    answer = find(around, ".faq-item__answer")
    assert text(answer) == "At stations."
    assert texts_of(answer, "strong") == ["stations"]


@pytest.mark.django_db
def test_unpublished_questions_never_show(client, make_question):
    make_question(question="Draft about ferries", slug="draft", published=False, featured=True)

    assert "Draft about ferries" not in text(client.get(reverse("faq:index")))
    assert "Draft about ferries" not in text(client.get(reverse("home")))
    assert client.get(reverse("faq:question_detail", args=["draft"])).status_code == 404


@pytest.mark.django_db
def test_topic_without_published_questions_is_not_listed(client, make_question, other_topic):
    make_question(topic=other_topic, published=False)

    assert "Working in the city" not in text(client.get(reverse("faq:index")))


@pytest.mark.django_db
def test_question_page_is_the_permalink_of_one_answer(client, make_question):
    question = make_question(question="Is the ferry free?", answer="<p>No, it costs 2 yuan.</p>")

    response = client.get(question.get_absolute_url())

    assert response.status_code == 200
    assert h1(response) == "Is the ferry free?"
    assert text_of(response, ".faq-item__answer") == "No, it costs 2 yuan."
    assert text_of(response, "form legend") == "Is this page useful?"


@pytest.mark.django_db
def test_question_page_runs_a_fixed_number_of_queries(
    client, make_question, django_assert_num_queries
):
    question = make_question()
    PageFeedback.objects.bulk_create(
        PageFeedback(path=question.get_absolute_url(), kind=PageFeedback.Kind.USEFUL)
        for _ in range(20)
    )

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
    assert count(response, ".faq-item") == 1 + QUESTIONS_PER_TOPIC_PREVIEW
    more = links(region(response, "Working in the city"))
    assert more["All 30 questions about Working in the city"] == other_topic.get_absolute_url()


@pytest.mark.django_db
def test_a_topic_page_lists_its_published_questions_a_page_at_a_time(
    client, make_question, other_topic
):
    for number in range(QUESTIONS_PER_PAGE + 1):
        make_question(topic=other_topic, question=f"Working question {number}?")
    make_question(topic=other_topic, question="Draft about visas?", published=False)
    make_question(question="Elsewhere?")

    first = client.get(other_topic.get_absolute_url())
    second = client.get(other_topic.get_absolute_url() + "?page=2")

    assert h1(first) == "Working in the city"
    assert text_of(first, ".lead") == f"{QUESTIONS_PER_PAGE + 1} questions and their answers."
    assert questions_listed(first) + questions_listed(second) == [
        f"Working question {number}?" for number in range(QUESTIONS_PER_PAGE + 1)
    ]
    assert len(questions_listed(second)) == 1


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
def test_home_page_widget_shows_featured_questions_with_the_start_of_their_answers(
    client, make_question
):
    long_answer = "<p>" + " ".join(["Metro"] * 30) + "</p>"
    featured = make_question(
        question="How do I pay for the metro?", answer=long_answer, featured=True
    )
    make_question(question="Not in the widget", featured=False)

    widget = region(client.get(reverse("home")), "FAQ")

    assert links(widget) == {
        "More FAQs »": reverse("faq:index"),
        "How do I pay for the metro?": featured.get_absolute_url(),
    }
    assert texts_of(widget, "li p") == [" ".join(["Metro"] * 18) + "…"]


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
    assert len(links(region(html, "FAQ"))) == 1 + 6  # "More FAQs" and the questions


@pytest.mark.django_db
def test_sitemap_lists_the_faq_page_and_each_published_question(client, make_question):
    make_question(slug="ferry")
    make_question(slug="hidden", published=False)

    locations = sitemap_entries(client)

    assert "http://testserver/faq/" in locations
    assert "http://testserver/faq/ferry/" in locations
    assert not [url for url in locations if "hidden" in url]


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


@pytest.mark.django_db
def test_links_in_an_answer_open_without_handing_over_the_portal(client, make_question):
    # rel="noopener noreferrer": the linked site cannot reach back into the portal's page
    # (window.opener) or learn which answer the reader came from.
    question = make_question(
        slug="map",
        answer='<p>See the <a href="https://maps.example/city" rel="opener">city map</a>'
        ' or <a href="mailto:maps@city.example">ask for one</a>.</p>',
    )

    for url in [question.get_absolute_url(), reverse("faq:index")]:
        answer = find(client.get(url), ".faq-item__answer")
        assert [(text(link), link["href"], link["rel"]) for link in select(answer, "a")] == [
            ("city map", "https://maps.example/city", ["noopener", "noreferrer"]),
            ("ask for one", "mailto:maps@city.example", ["noopener", "noreferrer"]),
        ], url
