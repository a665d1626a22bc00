import pytest
from django.conf import settings
from django.urls import reverse

from portal.models import PageFeedback
from tests.factories import make_staff
from tests.html import field_by_label, find, h1, hint, links, main, messages, text, texts_of
from tests.staff import sign_in_with_two_factors


@pytest.mark.django_db
def test_editors_see_how_useful_each_answer_was_in_the_admin(client, editor, make_question):
    question = make_question(question="Is the ferry free?", slug="ferry")
    PageFeedback.objects.bulk_create(
        [PageFeedback(path="/faq/ferry/", kind=PageFeedback.Kind.USEFUL) for _ in range(3)]
        + [PageFeedback(path="/faq/ferry/", kind=PageFeedback.Kind.NOT_USEFUL)]
        + [PageFeedback(path="/faq/", kind=PageFeedback.Kind.NOT_USEFUL)]
    )
    sign_in_with_two_factors(client, editor)

    changelist = client.get(reverse("admin:faq_question_changelist"))
    change = client.get(reverse("admin:faq_question_change", args=[question.pk]))

    assert changelist.status_code == 200
    assert texts_of(changelist, "#result_list .field-useful_yes") == ["3"]
    assert texts_of(changelist, "#result_list .field-useful_no") == ["1"]
    assert change.status_code == 200
    assert texts_of(change, ".field-useful_yes label, .field-useful_yes .readonly") == [
        "Useful:",
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


def question_form(topic, **fields):
    return {
        "topic": topic.pk,
        "question": "Can I take a dog on the ferry?",
        "slug": "dogs-on-the-ferry",
        "answer": "<p>Small dogs in a carrier only.</p>",
        "position": 1,
        **fields,
    }


@pytest.mark.django_db
def test_an_editor_writes_a_draft_previews_it_then_publishes_it(client, editor, topic):
    sign_in_with_two_factors(client, editor)

    client.post(reverse("admin:faq_question_add"), question_form(topic))
    question = topic.questions.get()
    assert not question.published  # a new question is a draft
    assert client.get(question.get_absolute_url()).status_code == 404
    change = main(client.get(reverse("admin:faq_question_change", args=[question.pk])))
    preview = main(client.get(links(change)["Preview this answer as it will look"]))

    assert h1(preview) == "Can I take a dog on the ferry?"
    assert "This is a draft: the public cannot see it." in text(preview)
    assert links(preview)["Back to editing"] == reverse(
        "admin:faq_question_change", args=[question.pk]
    )
    assert "Is this page useful?" not in text(preview)  # no votes on a draft

    client.post(
        reverse("admin:faq_question_change", args=[question.pk]),
        question_form(topic, published="on"),
    )
    client.logout()
    assert client.get(question.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_an_editor_who_unpublishes_an_answer_is_told_how_long_it_may_still_be_seen(
    client, editor, topic
):
    sign_in_with_two_factors(client, editor)
    client.post(reverse("admin:faq_question_add"), question_form(topic, published="on"))
    change_url = reverse("admin:faq_question_change", args=[topic.questions.get().pk])

    edited = client.post(change_url, question_form(topic, published="on"), follow=True)
    unpublished = client.post(change_url, question_form(topic), follow=True)

    seconds = settings.PAGE_CACHE_SECONDS + settings.PAGE_MAX_AGE_SECONDS
    assert messages(unpublished)[0] == (
        f"“Can I take a dog on the ferry?” is no longer public. Visitors who open it may still "
        f"be shown it for up to {seconds} seconds, from copies kept to serve the portal quickly."
    )
    assert not [m for m in messages(edited) if "no longer" in m]


@pytest.mark.django_db
def test_the_question_list_says_which_are_drafts_and_names_its_inputs(
    client, editor, make_question
):
    draft = make_question(question="Is the ferry free?", published=False)
    sign_in_with_two_factors(client, editor)

    page = main(client.get(reverse("admin:faq_question_changelist")))

    assert "Is the ferry free? Getting around No (draft)" in text(page)
    position = find(page, 'input[name="form-0-position"]')
    assert position["aria-label"] == f"Position: {draft.question}"
    assert "aria-describedby" not in position


@pytest.mark.django_db
def test_view_on_site_points_a_draft_at_its_preview(client, editor, make_question):
    draft = make_question(published=False)
    sign_in_with_two_factors(client, editor)

    page = main(client.get(reverse("admin:faq_question_change", args=[draft.pk])))

    assert links(page)["View on site"] == reverse("admin:faq_question_preview", args=[draft.pk])


@pytest.mark.django_db
def test_only_staff_who_edit_the_faq_may_preview(client, make_question):
    draft = make_question(published=False)
    preview = reverse("admin:faq_question_preview", args=[draft.pk])

    assert client.get(preview).status_code == 302  # to sign in
    sign_in_with_two_factors(client, make_staff(email="clerk@city.example"))
    assert client.get(preview).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "slug", "help_text"),
    [
        (
            "en",
            "Slug",
            (
                "The question's address is /faq/ followed by the slug, "
                "for example /faq/metro-tickets/."
            ),
        ),
        ("zh-hans", "网址标识", "问题的网址为 /faq/ 加上网址标识，例如 /faq/metro-tickets/。"),
    ],
)
def test_the_slugs_help_text_shows_the_address_it_makes(client, editor, language, slug, help_text):
    editor.contact_language = language
    editor.save()
    sign_in_with_two_factors(client, editor)

    form = client.get(reverse("admin:faq_question_add"))

    assert hint(form, slug) == help_text
