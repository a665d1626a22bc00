"""The table of sign-in sessions on a phone: each row a block of its own, every cell on the
screen, no sideways scrolling, as the case tables; on a wide screen it stays a table."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.browser.rules import assert_meets_the_page_rules
from tests.browser.sessions import sign_in_with_the_form
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"

# Each cell's box and data-label, and the headings of the columns.
ROWS = """() => {
  const table = document.querySelector('main table');
  const headings = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
  return [...table.querySelectorAll('tbody tr')].map(row => ({
    headings,
    labels: [...row.cells].map(cell => cell.dataset.label),
    cells: [...row.cells].map(cell => {
      const box = cell.getBoundingClientRect();
      return {left: box.left, right: box.right, width: box.width, top: Math.round(box.top)};
    }),
  }));
}"""


@pytest.mark.parametrize("language", ["", "/zh-hans"])
def test_each_session_is_on_the_screen_on_a_phone(
    live_server, page, citizen, axe_violations, language
):
    Client(HTTP_USER_AGENT=FIREFOX_ON_LINUX).post(
        reverse("account_login"), {"login": citizen.email, "password": PASSWORD}
    )
    page.goto(f"{live_server.url}/accounts/login/")
    sign_in_with_the_form(page, citizen.email)
    page.wait_for_url(lambda url: "/login/" not in url)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}{language}/accounts/sessions/")

    rows = page.evaluate(ROWS)
    assert len(rows) == 2
    assert all(len({cell["top"] for cell in row["cells"]}) == 1 for row in rows), rows

    for width in (390, 320):
        page.set_viewport_size({"width": width, "height": 800})
        for row in page.evaluate(ROWS):
            assert row["labels"] == row["headings"]
            for cell in row["cells"]:
                assert cell["left"] >= 0, (width, row)
                assert cell["right"] <= width, (width, row)
                assert cell["width"] > 0, (width, row)
            tops = [cell["top"] for cell in row["cells"]]
            assert tops == sorted(set(tops)), (width, row)
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), width

    page.set_viewport_size({"width": 390, "height": 800})
    assert_meets_the_page_rules(page, axe_violations)
