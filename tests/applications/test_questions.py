"""The form a service's questions make: one field a question, GOV.UK messages for bad input,
and answers kept in one shape from the form to the draft to the sent application."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from applications.models import Question, Service, display_answer
from applications.questions import (
    QuestionPageForm,
    default_questions,
    next_page_to_fill,
    question_pages,
    stored_value,
    unanswered_required,
)
from tests.factories import PDF_BYTES, upload
from tests.images import image_bytes

Kind = Question.Kind


def question(kind, pk=1, **fields):
    q = Question(kind=kind, label=fields.pop("label", "The question"), page=1, **fields)
    q.pk = pk
    return q


def page_form(q, data=None, files=None, **kwargs):
    [page] = question_pages(Service(name="A service"), [q])
    return QuestionPageForm(data, files, page=page, **kwargs)


def errors_for(q, value, files=None):
    name = f"q{q.key}"
    data = {f"{name}_{i}": part for i, part in enumerate(value)} if q.kind == Kind.DATE else {}
    if q.kind != Kind.DATE and value is not None:
        data[name] = value
    form = page_form(q, data, {name: files} if files is not None else None)
    form.is_valid()
    return list(form.errors.get(name, []))  # read in the active language, as a page is


@pytest.mark.parametrize(
    ("q", "value", "message"),
    [
        (question(Kind.SHORT_TEXT), "", "Enter an answer"),
        (question(Kind.SHORT_TEXT, max_length=5), "too long", "Enter 5 characters or fewer"),
        (question(Kind.SHORT_TEXT, min_length=5), "abc", "Enter at least 5 characters"),
        (question(Kind.SHORT_TEXT), "x" * 201, "Enter 200 characters or fewer"),
        (
            question(Kind.LONG_TEXT),
            "x" * 5001,
            "Enter 5,000 characters or fewer (you entered 5,001)",
        ),
        (question(Kind.NUMBER), "twelve", "Enter a number, like 12 or 3.5"),
        (question(Kind.NUMBER, min_value=Decimal("1")), "0", "Enter a number of 1 or more"),
        (question(Kind.NUMBER, max_value=Decimal("10.0000")), "11", "Enter a number of 10 or less"),
        (question(Kind.NUMBER), "1.23456", "Enter a number with at most 4 decimal places"),
        (
            question(Kind.NUMBER, max_value=Decimal("100000")),
            "250000",
            "Enter a number of 100,000 or less",
        ),
        (question(Kind.NUMBER), "1,50", "Enter a number, like 12 or 3.5"),
        (question(Kind.NUMBER, whole_numbers=True), "2.5", "Enter a whole number, like 12"),
        (question(Kind.NUMBER, whole_numbers=True), "two", "Enter a whole number, like 12"),
        (question(Kind.DATE), ("", "", ""), "Enter a date"),
        (question(Kind.DATE), ("", "12", "2026"), "The date must include a day"),
        (question(Kind.DATE), ("1", "", ""), "The date must include a month and year"),
        (question(Kind.DATE), ("31", "2", "2026"), "Enter a real date"),
        (question(Kind.DATE), ("a", "2", "2026"), "Enter a real date"),
        (question(Kind.DATE), ("1", "2", "26"), "The year must have 4 numbers"),
        (question(Kind.DATE), ("1", "5", "9999"), "Enter a year between 1900 and "),
        (question(Kind.DATE), ("1", "5", "1899"), "Enter a year between 1900 and "),
        (
            question(Kind.DATE, date_limit="past"),
            ("1", "1", "2100"),
            "The date must be today or in the past",
        ),
        (
            question(Kind.DATE, date_limit="future"),
            ("1", "1", "2001"),
            "The date must be today or in the future",
        ),
        (question(Kind.EMAIL), "not an address", "Enter an email address in the correct format"),
        (question(Kind.PHONE), "call me", "Enter a phone number, like"),
        (question(Kind.PHONE), "", "Enter a phone number"),
        (question(Kind.CHOICE, options="Red\nBlue"), None, "Select an answer"),
        (question(Kind.CHOICE, options="Red\nBlue"), "Green", "Select one of the options"),
        (question(Kind.CHOICES, options="Red\nBlue"), None, "Select at least one answer"),
        (question(Kind.CHOICES, options="Red\nBlue"), ["Red", "Green"], "Select only the options"),
        (
            question(Kind.CHOICES, options="Stalls\nA stage\nNothing", last_option_alone=True),
            ["Stalls", "Nothing"],
            "Select “Nothing” on its own, or select only the other options",
        ),
        (question(Kind.YES_NO), None, "Select an answer"),
        (question(Kind.YES_NO), "maybe", "Select one of the options"),
        (question(Kind.FILE), None, "Choose a file to upload"),
    ],
    ids=lambda value: value.kind if isinstance(value, Question) else None,
)
def test_bad_input_of_every_kind_gets_its_own_message(q, value, message):
    errors = errors_for(q, value)

    assert any(error.startswith(message) for error in errors), errors


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "file", "message"),
    [
        ({}, upload("virus.pdf", b"MZ\x90\x00 not a pdf"), "is not a PDF, JPEG or PNG file"),
        (
            {"file_kinds": ["application/pdf"]},
            upload("photo.png", image_bytes("PNG")),
            "“photo.png” is not a PDF file",
        ),
        (
            {"file_kinds": ["image/jpeg", "image/png"]},
            upload("scan.pdf", PDF_BYTES),
            "is not a JPEG or PNG file",
        ),
        (
            {"max_file_mb": 1},
            upload("big.pdf", PDF_BYTES + b"0" * 1_100_000),
            "1.0\xa0MB or smaller",
        ),
    ],
)
def test_a_file_question_checks_the_kinds_and_size_it_allows(fields, file, message):
    errors = errors_for(question(Kind.FILE, **fields), None, files=[file])

    assert any(message in error for error in errors), errors


def test_a_file_question_takes_at_most_its_number_of_files():
    files = [upload(f"p{n}.pdf", PDF_BYTES) for n in range(3)]

    errors = errors_for(question(Kind.FILE, max_files=2), None, files=files)

    assert errors == ["You chose 3 files. Attach at most 2."]


def test_a_file_given_before_is_kept_so_a_required_file_question_may_be_left_empty():
    q = question(Kind.FILE)
    form = page_form(q, {}, file_names={q.key: ["passport.pdf"]})

    assert form.is_valid(), form.errors
    assert form.uploads() == {q.key: []}
    assert form.fields[f"q{q.key}"].files_given == ["passport.pdf"]


@pytest.mark.parametrize(
    ("q", "data", "stored", "shown"),
    [
        (question(Kind.SHORT_TEXT), {"q1": "  E123  "}, "E123", "E123"),
        (question(Kind.NUMBER), {"q1": "12.50"}, "12.5", "12.5"),
        (question(Kind.NUMBER), {"q1": "100"}, "100", "100"),
        (question(Kind.NUMBER), {"q1": "1,500"}, "1500", "1,500"),
        (question(Kind.NUMBER), {"q1": "1 250 000.5"}, "1250000.5", "1,250,000.5"),
        # Full-width digits and comma, as a Chinese input method types them.
        (question(Kind.NUMBER), {"q1": "\uff11\uff0c\uff15\uff10\uff10"}, "1500", "1,500"),
        (question(Kind.NUMBER, whole_numbers=True), {"q1": "12.0"}, "12", "12"),
        (
            question(Kind.DATE),
            {"q1_0": "20", "q1_1": "12", "q1_2": "2030"},
            "2030-12-20",
            "20 December 2030",
        ),
        (
            question(Kind.CHOICES, options="Red\nBlue"),
            {"q1": ["Blue", "Red"]},
            ["Red", "Blue"],
            ["Red", "Blue"],
        ),
        (question(Kind.YES_NO), {"q1": "no"}, "no", "No"),
        (question(Kind.EMAIL, required=False), {"q1": ""}, "", ""),
    ],
    ids=lambda value: value.kind if isinstance(value, Question) else None,
)
def test_answers_are_kept_in_one_shape_and_read_back(q, data, stored, shown):
    form = page_form(q, data)
    assert form.is_valid(), form.errors

    assert form.answers() == {q.key: stored}
    assert display_answer(q.kind, stored) == shown
    # A page shown again starts from what was kept.
    kept = page_form(q, answers=form.answers())[f"q{q.key}"].value()
    assert kept in (stored, shown, [20, 12, 2030])


def test_questions_with_the_same_page_number_share_a_page_with_its_heading():
    service = Service(name="Street event permit")
    name = question(Kind.SHORT_TEXT, pk=1, label="Event name")
    place = question(Kind.SHORT_TEXT, pk=2, label="Street", page_heading="Place and times")
    times = question(Kind.SHORT_TEXT, pk=3, label="Times")
    plan = question(Kind.FILE, pk=4, label="Site plan")
    place.page = times.page = 5
    plan.page = 9

    pages = question_pages(service, [name, place, times, plan])

    assert [(p.number, p.heading, p.question_is_heading) for p in pages] == [
        (1, "Event name", True),
        (2, "Place and times", False),
        (3, "Site plan", True),
    ]
    assert [q.label for q in pages[1].questions] == ["Street", "Times"]
    assert next_page_to_fill(pages, {"1": "Fair"}).number == 2
    assert next_page_to_fill(pages, {"1": "Fair", "2": "Wukang Road", "3": "", "4": []}) is None
    assert unanswered_required(pages, {"1": "Fair", "2": "", "3": "9-13", "4": []}) == [place, plan]


def test_a_service_without_questions_asks_what_the_form_always_asked():
    [page] = question_pages(Service(name="Any"), [])

    assert page.heading == "Your application"
    assert [(q.key, q.kind, q.required) for q in page.questions] == [
        ("details", Kind.LONG_TEXT, True),
        ("documents", Kind.FILE, False),
    ]
    assert [q.key for q in default_questions()] == ["details", "documents"]


def test_a_stored_value_of_nothing_is_empty_for_its_kind():
    assert stored_value(question(Kind.CHOICES, options="a\nb"), []) == []
    assert stored_value(question(Kind.DATE), None) == ""
    assert stored_value(question(Kind.NUMBER), None) == ""
    assert stored_value(question(Kind.DATE), date(2030, 1, 2)) == "2030-01-02"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": Kind.CHOICE, "options": "Only one"}, "options"),
        ({"kind": Kind.SHORT_TEXT, "options": "a\nb"}, "options"),
        ({"kind": Kind.CHOICE, "options": "a\nb", "last_option_alone": True}, "last_option_alone"),
        ({"kind": Kind.SHORT_TEXT, "max_length": 500}, "max_length"),
        ({"kind": Kind.LONG_TEXT, "min_length": 50, "max_length": 10}, "min_length"),
        ({"kind": Kind.DATE, "max_length": 10}, "max_length"),
        ({"kind": Kind.NUMBER, "min_value": 5, "max_value": 1}, "min_value"),
        ({"kind": Kind.SHORT_TEXT, "min_value": 1}, "min_value"),
        ({"kind": Kind.NUMBER, "date_limit": "past"}, "date_limit"),
        ({"kind": Kind.SHORT_TEXT, "whole_numbers": True}, "whole_numbers"),
        ({"kind": Kind.NUMBER, "whole_numbers": True, "min_value": Decimal("0.5")}, "min_value"),
        ({"kind": Kind.FILE, "max_file_mb": 50}, "max_file_mb"),
        ({"kind": Kind.FILE, "max_files": 9}, "max_files"),
        ({"kind": Kind.SHORT_TEXT, "file_kinds": ["application/pdf"]}, "file_kinds"),
    ],
)
def test_a_question_with_limits_that_do_not_fit_its_kind_is_refused(fields, field):
    q = Question(label="Q", **fields)

    with pytest.raises(ValidationError) as error:
        q.clean()

    assert field in error.value.message_dict


@pytest.mark.parametrize("value", [["Nothing"], ["Stalls", "A stage"]])
def test_an_option_on_its_own_may_be_chosen_alone_or_not_at_all(value):
    alone = question(Kind.CHOICES, options="Stalls\nA stage\nNothing", last_option_alone=True)

    together = question(Kind.CHOICES, options="Stalls\nNothing")

    assert errors_for(alone, value) == []
    assert errors_for(together, ["Stalls", "Nothing"]) == []


def test_an_option_on_its_own_comes_after_an_or():
    alone = question(Kind.CHOICES, options="Stalls\nA stage\nNothing", last_option_alone=True)
    together = question(Kind.CHOICES, options="Stalls\nA stage\nNothing")

    shown = str(page_form(alone)[f"q{alone.key}"])

    assert shown.index("A stage") < shown.index(">or</p>") < shown.index("Nothing")
    assert ">or</p>" not in str(page_form(together)[f"q{together.key}"])


def test_numbers_in_chinese_are_grouped_by_thousands_as_in_english():
    q = question(Kind.NUMBER, max_value=Decimal("100000"))

    with translation.override("zh-hans"):
        errors = errors_for(q, "250000")
        shown = display_answer(Kind.NUMBER, "1500")

    assert errors == ["请输入不大于100,000的数字"]
    assert shown == "1,500"


def test_a_number_far_too_large_gets_one_message():
    q = question(Kind.NUMBER, max_value=Decimal("100000"))

    assert errors_for(q, "99999999999999999999999") == ["Enter a number of 100,000 or less"]


def test_a_kept_number_is_shown_again_grouped_and_a_mistyped_one_as_typed():
    q = question(Kind.NUMBER)

    assert page_form(q, answers={q.key: "1500"})["q1"].value() == "1,500"
    assert page_form(q, {"q1": "1,50"})["q1"].value() == "1,50"
    # Typed without grouping and refused for another reason, it comes back as typed too.
    too_many = question(Kind.NUMBER, max_value=Decimal("100000"))
    assert page_form(too_many, {"q1": "2147483648"})["q1"].value() == "2147483648"
