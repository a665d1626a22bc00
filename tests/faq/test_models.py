import pytest
from django.contrib.auth.models import Group

from faq.models import Question
from portal.richtext import html_to_text
from tests.html import page, text


def test_plain_text_of_an_answer_drops_markup_and_decodes_entities():
    html = "<p>Metro &amp; bus</p><ul><li>Line&nbsp;1</li><li><strong>Line</strong> 2</li></ul>"

    assert html_to_text(html) == "Metro & bus Line 1 Line 2"


@pytest.mark.django_db
def test_saving_an_answer_removes_scripts_and_unsafe_links(make_question):
    question = make_question(
        answer='<p onclick="steal()">Call <a href="javascript:alert(1)">us</a></p>'
        "<script>alert('x')</script><img src=x onerror=alert(1)>"
        '<p><a href="https://example.com/map">Map</a></p>'
    )
    question.refresh_from_db()

    answer = page(question.answer)
    assert [element.name for element in answer.find_all()] == ["p", "a", "p", "a"]
    assert [element.attrs for element in answer.find_all("p")] == [{}, {}]
    assert [(text(link), link.attrs) for link in answer.find_all("a")] == [
        ("us", {"rel": ["noopener", "noreferrer"]}),
        ("Map", {"href": "https://example.com/map", "rel": ["noopener", "noreferrer"]}),
    ]
    assert text(answer) == "Call us Map"
    assert question.answer_text == "Call us Map"


@pytest.mark.django_db
def test_excerpt_cuts_on_a_word_boundary_and_ends_in_an_ellipsis(make_question):
    words = " ".join(f"word{number}" for number in range(1, 41))
    question = make_question(answer=f"<p><strong>{words}</strong></p>")

    assert question.excerpt == " ".join(f"word{number}" for number in range(1, 19)) + "…"


@pytest.mark.django_db
def test_excerpt_is_plain_text_without_html(make_question):
    question = make_question(
        answer="<p>Take <em>Line 2</em> &amp; change at <a href='/x'>People’s Square</a>.</p>"
    )

    assert question.excerpt == "Take Line 2 & change at People’s Square."


@pytest.mark.django_db
def test_short_answer_is_not_cut(make_question):
    question = make_question(answer="<p>Yes, it is free.</p>")

    assert question.excerpt == "Yes, it is free."


@pytest.mark.django_db
def test_published_and_featured_rules(make_question):
    visible = make_question(featured=True)
    make_question(featured=True, published=False)
    ordinary = make_question()

    assert set(Question.objects.published()) == {visible, ordinary}
    assert list(Question.objects.featured()) == [visible]


@pytest.mark.django_db
def test_the_editors_group_may_edit_faqs():
    editors = Group.objects.get(name="Editors")
    codenames = set(
        editors.permissions.filter(content_type__app_label="faq").values_list("codename", flat=True)
    )

    assert {
        "add_question",
        "change_question",
        "delete_question",
        "add_topic",
        "change_topic",
    } <= codenames
