"""An FAQ answer asks "Is this page useful?" like every page; after "No" the visitor says what was
missing and is offered to ask a question. Editors see each answer's Yes and No in the FAQ admin,
and keep them when the answer's address changes."""

import time

import pytest
from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from portal.models import PageFeedback
from tests.html import h1, links, texts_of

pytestmark = pytest.mark.django_db


def sign_in_with_two_factors(client, user):
    client.force_login(user)
    step = int(time.time()) // app_settings.TOTP_PERIOD
    code = format_hotp_value(hotp_value(user.totp_secret, step))
    assert client.post(reverse("mfa_reauthenticate"), {"code": code}).status_code == 302


def answer(client, path, useful, *, address="203.0.113.9"):
    return client.post(
        reverse("feedback_useful"),
        {"page": path, "useful": useful},
        headers={"Sec-Fetch-Site": "same-origin"},
        REMOTE_ADDR=address,
        follow=True,
    )


def test_no_on_an_answer_asks_what_was_missing_and_leads_to_asking_a_question(
    client, make_question
):
    question = make_question(question="Is the ferry free?", slug="ferry")
    page = client.get(question.get_absolute_url())
    assert "Is this page useful?" in texts_of(page, "main legend")

    response = answer(client, "/faq/ferry/", "no")

    assert h1(response) == "Help us improve this page"
    assert links(response)["/faq/ferry/"] == "/faq/ferry/"
    ask = links(response)["ask us a question"]
    assert ask == reverse("applications:inquiry_create")
    client.post(response.redirect_chain[0][0], {"what_missing": "The price for children."})
    # Asking needs an account: the link leads to signing in, and back to the form.
    assert client.get(ask)["Location"].startswith(f"{reverse('account_login')}?next=")

    feedback = PageFeedback.objects.get()
    assert (feedback.path, feedback.kind, feedback.what_missing) == (
        "/faq/ferry/",
        "not_useful",
        "The price for children.",
    )


def test_one_answer_per_visitor_and_question(client, make_question):
    make_question(slug="ferry")
    make_question(slug="metro")

    answer(client, "/faq/ferry/", "yes")
    again = answer(client, "/faq/ferry/", "yes")
    answer(client, "/faq/metro/", "yes")

    assert texts_of(again, "#page-feedback [role]") == ["Thank you, you have already told us."]
    assert sorted(PageFeedback.objects.values_list("path", flat=True)) == [
        "/faq/ferry/",
        "/faq/metro/",
    ]


def test_editors_see_the_answers_given_on_each_question_page(client, editor, make_question):
    question = make_question(question="Is the ferry free?", slug="ferry")
    make_question(question="Where is the metro?", slug="metro")
    for number, useful in enumerate(["yes", "yes", "no"]):
        answer(client, "/faq/ferry/", useful, address=f"203.0.113.{number}")
    answer(client, "/faq/", "no")  # about the list of questions, not this answer
    sign_in_with_two_factors(client, editor)

    changelist = client.get(reverse("admin:faq_question_changelist"))
    change = client.get(reverse("admin:faq_question_change", args=[question.pk]))

    assert texts_of(changelist, "#result_list .field-useful_yes") == ["2", "0"]
    assert texts_of(changelist, "#result_list .field-useful_no") == ["1", "0"]
    said = links(change)["Read what people said about this page"]
    assert said == f"{reverse('admin:portal_pagefeedback_changelist')}?q=%2Ffaq%2Fferry%2F"
    assert len(texts_of(client.get(said), "#result_list tbody tr")) == 3


def test_a_new_address_for_an_answer_keeps_what_people_said_about_it(
    client, editor, make_question, topic
):
    question = make_question(question="Is the ferry free?", slug="ferry")
    answer(client, "/faq/ferry/", "yes")
    sign_in_with_two_factors(client, editor)

    client.post(
        reverse("admin:faq_question_change", args=[question.pk]),
        {
            "topic": topic.pk,
            "question": question.question,
            "slug": "ferry-fares",
            "answer": question.answer,
            "position": question.position,
            "published": "on",
        },
    )

    assert list(PageFeedback.objects.values_list("path", flat=True)) == ["/faq/ferry-fares/"]
    changelist = client.get(reverse("admin:faq_question_changelist"))
    assert texts_of(changelist, "#result_list .field-useful_yes") == ["1"]
