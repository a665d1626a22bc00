"""The rules every page meets in a real browser."""


def assert_meets_the_page_rules(page, axe_violations):
    """One <h1> and no axe-core violations, at the window's size and on a 320 px phone screen,
    where the page must not scroll sideways. The layout changes on a phone (grids fall to one
    column, a table's rows become blocks or the table scrolls in its own box), so axe-core
    looks at the narrow page as well. The window gets its size back."""
    assert page.locator("h1").count() == 1, page.url
    assert axe_violations(page) == [], page.url
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, page.url
    assert axe_violations(page) == [], page.url
    page.set_viewport_size(size)
