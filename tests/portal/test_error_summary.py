from html.parser import HTMLParser

from django import forms
from django.template.loader import render_to_string


class ErrorSummaryParser(HTMLParser):
    """The error summary's role, heading and problems, each as (text, link or None)."""

    def __init__(self):
        super().__init__()
        self.role = None
        self.heading = ""
        self.problems = []
        self.inside = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "error-summary" in (attrs.get("class") or "").split():
            self.role = attrs.get("role")
        elif self.role and tag in ("h2", "li"):
            self.inside = tag
            if tag == "li":
                self.problems.append(["", None])
        elif self.inside == "li" and tag == "a":
            self.problems[-1][1] = attrs["href"]

    def handle_endtag(self, tag):
        if tag == self.inside:
            self.inside = None

    def handle_data(self, data):
        if self.inside == "h2":
            self.heading += data
        elif self.inside == "li":
            self.problems[-1][0] += data


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
    parser = ErrorSummaryParser()
    parser.feed(render_to_string("includes/error_summary.html", {"form": form}))
    return parser


def test_the_error_summary_lists_every_problem_with_a_link_to_its_field():
    summary = summary_of(StallForm(data={"kind": "cars"}))

    assert summary.role == "alert"
    assert summary.heading == "There is a problem"
    assert [tuple(problem) for problem in summary.problems] == [
        ("The market is full on that day.", None),
        ("Stall name: This field is required.", "#id_name"),
        (
            "What you sell: Select a valid choice. cars is not one of the available choices.",
            "#id_kind_0",
        ),
    ]


def test_a_form_without_errors_has_no_error_summary():
    summary = summary_of(StallForm())

    assert summary.role is None
    assert summary.problems == []
