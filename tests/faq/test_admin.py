import pytest
from django.urls import reverse

from faq.models import HelpfulVote
from tests.html import field_by_label, find, texts_of
from tests.staff import sign_in_with_two_factors


@pytest.mark.django_db
def test_editors_see_helpful_vote_counts_in_the_admin(client, editor, make_question):
    question = make_question(question="Is the ferry free?")
    HelpfulVote.objects.bulk_create(
        [HelpfulVote(question=question, helpful=True)] * 3
        + [HelpfulVote(question=question, helpful=False)]
    )
    sign_in_with_two_factors(client, editor)

    changelist = client.get(reverse("admin:faq_question_changelist"))
    change = client.get(reverse("admin:faq_question_change", args=[question.pk]))

    assert changelist.status_code == 200
    assert texts_of(changelist, "#result_list .field-helpful_yes") == ["3"]
    assert texts_of(changelist, "#result_list .field-helpful_no") == ["1"]
    assert change.status_code == 200
    assert texts_of(change, ".field-helpful_yes label, .field-helpful_yes .readonly") == [
        "Helpful: yes:",
        "3",
    ]
    assert field_by_label(change, "Answer").has_attr("data-django-prose-editor-configurable")


@pytest.mark.django_db
def test_editors_add_a_question_whose_answer_is_sanitised(client, editor, topic):
    sign_in_with_two_factors(client, editor)

    response = client.post(
        reverse("admin:faq_question_add"),
        {
            "topic": topic.pk,
            "question": "Can I bring a bicycle on the metro?",
            "slug": "bicycles-on-the-metro",
            "answer": "<p>Only folding bicycles.</p><script>alert(1)</script>",
            "position": 1,
            "published": "on",
        },
    )

    assert response.status_code == 302
    question = topic.questions.get()
    assert question.answer == "<p>Only folding bicycles.</p>"


@pytest.mark.django_db
def test_the_answer_form_loads_the_rich_text_editor_under_the_csp(client, editor):
    sign_in_with_two_factors(client, editor)

    response = client.get(reverse("admin:faq_question_add"))

    policy = response["Content-Security-Policy"]
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert find(response, 'script[type="importmap"]')["nonce"] == nonce
    assert "unsafe-inline" not in policy
