from django import forms
from django.template.loader import render_to_string
from django.utils import translation

from tests.html import errors, find, select, text_of


class StallForm(forms.Form):
    name = forms.CharField(label="Stall name")
    kind = forms.ChoiceField(
        label="What you sell",
        choices=[("food", "Food"), ("crafts", "Crafts")],
        widget=forms.RadioSelect,
    )

    def clean(self):
        raise forms.ValidationError("The market is full on that day.")


def summary_of(form):
    return render_to_string("includes/error_summary.html", {"form": form})


def test_the_error_summary_lists_every_problem_with_a_link_to_its_field():
    html = summary_of(StallForm(data={"kind": "cars"}))

    assert find(html, ".error-summary")["role"] == "alert"
    assert text_of(html, ".error-summary h2") == "There is a problem"
    assert errors(html).summary == [
        "The market is full on that day.",
        "Stall name: This field is required.",
        "What you sell: Select a valid choice. cars is not one of the available choices.",
    ]
    assert errors(html).summary_links == {
        "Stall name: This field is required.": "#id_name",
        "What you sell: Select a valid choice. cars is not one of the available choices.": (
            "#id_kind_0"
        ),
    }


class QuestionForm(forms.Form):
    name = forms.CharField(label="What is the name of the event?")
    plate = forms.CharField(label="您的车牌号是什么？")


def test_a_label_that_is_a_question_is_not_followed_by_a_colon():
    html = summary_of(QuestionForm(data={}))

    assert errors(html).summary == [
        "What is the name of the event? This field is required.",
        "您的车牌号是什么？ This field is required.",
    ]


def test_a_form_without_errors_has_no_error_summary():
    html = summary_of(StallForm())

    assert select(html, ".error-summary") == []


def test_in_chinese_a_question_is_followed_by_its_problem_without_a_space():
    with translation.override("zh-hans"):
        html = summary_of(QuestionForm(data={"name": "Night market"}))

    assert errors(html).summary == ["您的车牌号是什么？这个字段是必填项。"]
