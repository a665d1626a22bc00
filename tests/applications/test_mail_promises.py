"""Email goes out through the outbox after the page: pages promise it, never claim it was sent."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from applications.services import inquiry_answer
from tests.factories import make_citizen, make_inquiry
from tests.html import html_of, select, text, texts_of

pytestmark = pytest.mark.django_db


def test_sending_an_inquiry_says_we_will_email_a_copy(client, citizen):
    client.force_login(citizen)

    response = client.post(
        reverse("applications:inquiry_create"),
        {"subject": "Library opening hours", "message": "When is it open on holidays?"},
    )

    [message] = [str(message) for message in get_messages(response.wsgi_request)]
    assert message.endswith("We will email you a copy.")


QUESTION = {
    "subject": "Parking <permit> & fees",
    "message": "When does the permit start?\nIs it <b>free</b> for residents & visitors?",
}


def test_the_copy_of_an_inquiry_holds_the_question_as_it_was_sent(client, citizen, delivered_mail):
    client.force_login(citizen)

    client.post(reverse("applications:inquiry_create"), QUESTION)

    [copy] = delivered_mail()
    assert (
        "Your question:\n"
        "Subject: Parking <permit> & fees\n"
        "When does the permit start?\n"
        "Is it <b>free</b> for residents & visitors?\n" in copy.body
    )
    html = html_of(copy)
    heading = next(h2 for h2 in select(html, "h2") if text(h2) == "Your question")
    subject = heading.find_next_sibling("p")
    assert text(subject) == "Subject: Parking <permit> & fees"
    question = subject.find_next_sibling("p")
    assert (
        text(question) == "When does the permit start? Is it <b>free</b> for residents & visitors?"
    )
    assert question.find("br") is not None  # its lines kept
    # What the citizen typed is shown as text, never taken for markup.
    assert question.find("b") is None
    assert "<permit>" not in html


def test_the_copy_of_an_inquiry_in_chinese_holds_the_question(client, delivered_mail):
    reader = make_citizen(email="zhang.wei@example.com", contact_language="zh-hans")
    client.force_login(reader)

    client.post(
        reverse("applications:inquiry_create"),
        {"subject": "图书馆开放时间", "message": "春节几点开门？\n元宵节开放吗？"},
    )

    [copy] = delivered_mail()
    assert "您的问题：\n主题：图书馆开放时间\n春节几点开门？\n元宵节开放吗？\n" in copy.body
    assert "主题：图书馆开放时间" in texts_of(html_of(copy), "p")


def test_only_the_first_email_about_an_inquiry_repeats_the_question(
    citizen, caseworker, delivered_mail
):
    inquiry = make_inquiry(author=citizen, **QUESTION)
    inquiry_answer(inquiry=inquiry, answer="From the first of the month.", by=caseworker)

    received, answered = delivered_mail()
    assert "Your question:" in received.body
    assert "Your question" not in answered.body
    assert "When does the permit start?" not in answered.body
