from html.parser import HTMLParser

import pytest
from django.utils.dateformat import format as format_date
from django.utils.timezone import localtime

from tests.factories import make_inquiry

pytestmark = pytest.mark.django_db


class StatusPanelParser(HTMLParser):
    """The text of each paragraph and heading in a page's status panel."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.lines = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag == "section"
            if tag in ("h2", "p"):
                self.lines.append("")
        elif tag == "section" and "status-panel" in (dict(attrs).get("class") or ""):
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag == "section":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and self.lines:
            self.lines[-1] += data


def status_panel(client, url):
    parser = StatusPanelParser()
    parser.feed(client.get(url).content.decode())
    return [" ".join(line.split()) for line in parser.lines]


def test_an_open_application_says_where_it_stands_and_when_a_decision_is_due(
    client, citizen, make_application
):
    application = make_application(applicant=citizen)
    client.force_login(citizen)

    panel = status_panel(client, application.get_absolute_url())

    assert panel[0] == "Status: Submitted"
    assert panel[1] == application.explanation.meaning
    assert panel[2] == f"What happens next: {application.explanation.next_step}"
    assert (
        panel[3] == f"Decision expected by {format_date(localtime(application.due_at), 'j F Y')}."
    )


def test_an_inquiry_says_where_it_stands_with_no_decision_date(client, citizen):
    inquiry = make_inquiry(author=citizen)
    client.force_login(citizen)

    panel = status_panel(client, inquiry.get_absolute_url())

    assert panel == [
        "Status: Received",
        inquiry.explanation.meaning,
        f"What happens next: {inquiry.explanation.next_step}",
    ]
