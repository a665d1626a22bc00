from html.parser import HTMLParser

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


class WidgetParser(HTMLParser):
    """Each home page widget by its heading: the links in it as (text, href) and its paragraphs."""

    def __init__(self):
        super().__init__()
        self.widgets = {}
        self.current = None
        self.open = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "widget" in (attrs.get("class") or "").split():
            self.current = {"heading": "", "links": [], "paragraphs": []}
        elif self.current is not None and tag in ("h2", "a", "p"):
            self.open.append(tag)
            if tag == "a":
                self.current["links"].append(["", attrs.get("href")])
            elif tag == "p":
                self.current["paragraphs"].append("")

    def handle_endtag(self, tag):
        if tag == "section" and self.current is not None:
            self.widgets[self.current.pop("heading").strip()] = self.current
            self.current = None
        elif self.open and tag == self.open[-1]:
            self.open.pop()

    def handle_data(self, data):
        if "h2" in self.open:
            self.current["heading"] += data
        if "a" in self.open:
            self.current["links"][-1][0] += data
        if "p" in self.open:
            self.current["paragraphs"][-1] += data


def home_widgets(client):
    parser = WidgetParser()
    parser.feed(client.get(reverse("home")).content.decode())
    return parser.widgets


def test_the_status_widgets_list_a_citizens_latest_cases_or_say_how_to_start(
    client, citizen, make_application
):
    application = make_application(applicant=citizen)
    client.force_login(citizen)

    widgets = home_widgets(client)

    applications = widgets["My applications"]
    assert [tuple(link) for link in applications["links"]] == [
        ("view more » of my applications", reverse("applications:application_list")),
        (application.reference, application.get_absolute_url()),
    ]
    inquiries = widgets["My inquiries"]
    assert [tuple(link) for link in inquiries["links"]] == [
        ("view more » of my inquiries", reverse("applications:inquiry_list")),
        ("Ask a question", reverse("applications:inquiry_create")),
    ]
    assert "You have not asked us anything yet." in inquiries["paragraphs"]


def test_a_citizen_without_applications_is_shown_where_to_apply(client, citizen):
    client.force_login(citizen)

    applications = home_widgets(client)["My applications"]

    assert "You have no applications yet." in applications["paragraphs"]
    assert ("Apply for a service", reverse("applications:service_list")) in [
        tuple(link) for link in applications["links"]
    ]


def test_a_visitor_sees_no_personal_status_widgets(client):
    widgets = home_widgets(client)

    assert "My applications" not in widgets
    assert "My inquiries" not in widgets
