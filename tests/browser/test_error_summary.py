"""The error summary: it takes the focus when the page arrives, with or without JavaScript, so
that a screen reader reads the problems first and Tab goes on to their links; on a phone,
following a link brings its field into view with the label and the error above it, not only the
input at the top edge of the screen."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

# For the element the link points at: the top and bottom of its field's label and error.
LABEL_AND_ERROR = """(id) => {
  const input = document.getElementById(id);
  const field = input.closest('.field');
  const label = document.querySelector(`label[for="${id}"]`) || field.querySelector('legend');
  const error = field.querySelector('.errorlist, .field-error');
  const box = element => {
    const rect = element.getBoundingClientRect();
    return {top: rect.top, bottom: rect.bottom};
  };
  return {label: box(label), error: box(error), input: box(input)};
}"""


@pytest.mark.parametrize("javascript", [True, False])
def test_the_summary_takes_the_focus_when_the_page_arrives(live_server, browser, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/signup/")
    page.locator("form.form button[type=submit]").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()

    page.keyboard.press("Tab")
    expect(summary.locator("a").first).to_be_focused()
    context.close()


@pytest.mark.parametrize("language", ["", "/zh-hans"])
def test_each_summary_link_shows_the_label_and_the_error(live_server, page, language):
    page.set_viewport_size({"width": 390, "height": 700})
    page.goto(f"{live_server.url}{language}/accounts/signup/")
    page.locator("form.form button[type=submit]").click()
    links = page.locator(".error-summary a")
    expect(links.first).to_be_visible()  # the page with the errors has arrived
    ids = [
        href.removeprefix("#")
        for href in links.evaluate_all("as => as.map(a => a.getAttribute('href'))")
    ]
    assert ids

    for index, id_ in enumerate(ids):
        page.evaluate("window.scrollTo(0, 0)")
        links.nth(index).click()
        assert page.evaluate("document.activeElement.id") == id_
        boxes = page.evaluate(LABEL_AND_ERROR, id_)
        for part, box in boxes.items():
            assert box["top"] >= 0, (id_, part, boxes)
            assert box["bottom"] <= 700, (id_, part, boxes)
