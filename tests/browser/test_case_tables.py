"""The tables of cases (a person's own applications and inquiries, and the public status lists)
on a phone: each row is a block of its own, each cell beside its column's heading, so that the
status is on the screen without scrolling sideways; on a wide screen they stay a table. Screen
readers meet a table with its column headers at every width."""

import pytest
from django.test import Client

from tests.browser.rules import assert_meets_the_page_rules
from tests.browser.sessions import context_with_session_of
from tests.factories import (
    ask_the_citizen,
    make_inquiry,
    make_public_service,
    make_published_answer,
)

pytestmark = pytest.mark.django_db(transaction=True)

PATHS = ["/applications/", "/inquiries/", "/status/applications/", "/status/inquiries/"]

# Each row's status tag, and each cell's data-label beside the heading of its column.
ROWS = """() => {
  const headings = [...document.querySelectorAll('.stacked-table thead th')]
    .map(th => th.textContent.trim());
  return [...document.querySelectorAll('.stacked-table tbody tr')].map(row => {
    const status = row.querySelector('.status-tag').getBoundingClientRect();
    return {
      status: {left: status.left, right: status.right, width: status.width},
      labels: [...row.cells].map(cell => cell.dataset.label),
      headings,
      top: [...row.cells].map(cell => Math.round(cell.getBoundingClientRect().top)),
    };
  });
}"""


@pytest.fixture
def cases(citizen, caseworker, make_application):
    """Applications and inquiries of the citizen's, in several statuses, all listed publicly."""
    service = make_public_service(
        name="Request for government information about a very long subject indeed"
    )
    applications = [make_application(applicant=citizen, service=service) for _ in range(2)]
    information = make_public_service(name="政府信息公开申请", slug="government-information")
    applications.append(make_application(applicant=citizen, service=information))
    ask_the_citizen(applications[1], by=caseworker)
    make_inquiry(author=citizen, listed_publicly=True)
    make_inquiry(
        author=citizen,
        subject="Noise from the building site on Nanjing Road every night",
        listed_publicly=True,
        answered_by=caseworker,
    )
    make_published_answer(
        inquiry=make_inquiry(author=citizen, publication_agreed=True, answered_by=caseworker),
        by=caseworker,
    )


@pytest.fixture
def citizen_page(browser, live_server, citizen):
    client = Client()
    client.force_login(citizen)
    return context_with_session_of(client, browser, live_server).new_page()


def table_as_heard(page):
    """The table's rows, column headers and cells with their names in Chromium's accessibility
    tree: what a screen reader gets."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    session.detach()
    return [
        (node["role"]["value"], node.get("name", {}).get("value"))
        for node in nodes
        if not node.get("ignored")
        and node.get("role", {}).get("value") in ("table", "row", "columnheader", "cell")
    ]


@pytest.mark.parametrize("language", ["", "/zh-hans"])
@pytest.mark.parametrize("path", PATHS)
def test_each_case_shows_its_status_on_a_phone(
    live_server, citizen_page, axe_violations, cases, path, language
):
    page = citizen_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}{language}{path}")
    rows = page.evaluate(ROWS)
    heard = table_as_heard(page)

    assert len(rows) == 3
    roles = [role for role, name in heard]
    columns = len(rows[0]["headings"])
    assert roles.count("columnheader") == columns, heard
    assert roles.count("cell") == 3 * columns, heard
    # On a wide screen a row is one line of cells.
    assert all(len(set(row["top"])) == 1 for row in rows), rows

    for width in (390, 320):
        page.set_viewport_size({"width": width, "height": 800})
        for row in page.evaluate(ROWS):
            assert row["status"]["left"] >= 0, (width, row)
            assert row["status"]["right"] <= width, (width, row)
            assert row["status"]["width"] > 0
            # Each cell says what its column's heading says.
            assert row["labels"] == row["headings"]
            # And the cells are under one another.
            assert row["top"] == sorted(set(row["top"]))
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), width
        # A screen reader gets the same table, without hearing the labels on the cells.
        assert table_as_heard(page) == heard

    page.set_viewport_size({"width": 390, "height": 800})
    assert_meets_the_page_rules(page, axe_violations)
