"""Keyboard focus in the header and footer: a focused link or button reads as dark text on the
focus colour, as on GOV.UK, never as the header's white text on it (WCAG 1.4.3, 1.4.11). In the
admin, the rich-text editor shows a ring when it has the focus (WCAG 2.4.7, 1.4.11)."""

import re

import pytest
from django.test import Client

from tests.browser.sessions import context_with_session_of, staff_context

pytestmark = pytest.mark.django_db(transaction=True)

# The focused element's text colour and the first opaque background behind it, as the browser
# draws them. A link's colour is always read as unvisited: browsers never tell a page which
# links were visited.
FOCUSED_COLOURS = """() => {
  const element = document.activeElement;
  let node = element, background = 'rgb(255, 255, 255)';
  for (; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour !== 'transparent' && !/, 0\\)$/.test(colour)) { background = colour; break; }
  }
  // Tab goes round the page and back to the top; the second time an element comes, it is known.
  const again = 'focusSeen' in element.dataset;
  element.dataset.focusSeen = '';
  return {
    again,
    region: element.closest('header, footer')?.tagName.toLowerCase() ?? null,
    name: element.textContent.trim() || element.getAttribute('aria-label') || element.tagName,
    colour: getComputedStyle(element).color,
    background,
  };
}"""


def luminance(css_colour):
    red, green, blue, *alpha = (float(n) for n in re.findall(r"[\d.]+", css_colour))
    assert not alpha or alpha[0] == 1, f"a see-through colour: {css_colour}"
    channels = [value / 255 for value in (red, green, blue)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(colour, background):
    lighter, darker = sorted([luminance(colour), luminance(background)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def tab_to(page, name):
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_COLOURS)["name"] == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_a_focused_header_link_is_dark_text_on_the_focus_colour(live_server, page, axe_violations):
    page.goto(f"{live_server.url}/")

    tab_to(page, "News")
    focused = page.evaluate(FOCUSED_COLOURS)

    assert focused["region"] == "header"
    assert contrast(focused["colour"], focused["background"]) >= 4.5, focused
    assert axe_violations(page) == []
    # And with the pointer over it as well.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="News").hover()
    focused = page.evaluate(FOCUSED_COLOURS)
    assert contrast(focused["colour"], focused["background"]) >= 4.5, focused


@pytest.mark.parametrize(
    ("language", "sign_out", "accessibility"),
    [("", "Sign out", "Accessibility statement"), ("/zh-hans", "退出登录", "无障碍声明")],
)
def test_every_link_and_button_in_the_header_and_footer_is_readable_with_focus(
    live_server, browser, citizen, language, sign_out, accessibility
):
    # Signed in, on a page of the main navigation: the "Sign out" button and a current page's
    # link are in the header too.
    client = Client()
    client.force_login(citizen)
    page = context_with_session_of(client, browser, live_server).new_page()
    page.goto(f"{live_server.url}{language}/applications/")

    too_faint = {}
    seen = set()
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_COLOURS)
        if focused["again"]:
            break
        seen.add(focused["name"])
        if focused["region"] and contrast(focused["colour"], focused["background"]) < 4.5:
            too_faint[focused["name"]] = focused

    assert too_faint == {}
    # Tab went through the header and down to the footer.
    assert {sign_out, accessibility} <= seen


# The lines the browser draws around the Body editor (its box and the text area in it), as
# [colour, width in pixels], and the first opaque background behind the editor.
EDITOR_RINGS = """() => {
  const editor = document.querySelector('#id_body').closest('.prose-editor');
  const rings = [];
  for (const element of [editor, editor.querySelector('.ProseMirror')]) {
    const style = getComputedStyle(element);
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) {
      rings.push([style.outlineColor, parseFloat(style.outlineWidth)]);
    }
    // A ring of box-shadow: no offset, no blur, its spread is its width.
    const shadows = style.boxShadow.matchAll(/(rgba?\\([^)]*\\)) 0px 0px 0px ([\\d.]+)px/g);
    for (const [, colour, spread] of shadows) rings.push([colour, parseFloat(spread)]);
  }
  let node = editor.parentElement, background = 'rgb(255, 255, 255)';
  for (; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour !== 'transparent' && !/, 0\\)$/.test(colour)) { background = colour; break; }
  }
  const focused = document.activeElement;
  return {rings, background, inEditor: editor.contains(focused) && focused.isContentEditable};
}"""


def test_the_rich_text_editor_shows_where_the_keyboard_is(live_server, browser, editor):
    context = staff_context(browser, live_server, editor)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/news/article/add/")
    before = page.evaluate(EDITOR_RINGS)

    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate(EDITOR_RINGS)["inEditor"]:
            break
    else:
        raise AssertionError("Tab never reached the Body editor")
    focused = page.evaluate(EDITOR_RINGS)

    assert focused["rings"] != before["rings"]
    visible = [
        [colour, width]
        for colour, width in focused["rings"]
        if width >= 2 and contrast(colour, focused["background"]) >= 3
    ]
    assert visible, focused
    context.close()


def test_the_rich_text_editors_toolbar_shows_which_button_has_the_keyboard(new_article_form):
    page = new_article_form.page
    new_article_form.body.click()

    page.keyboard.press("Shift+Tab")  # the toolbar's last button
    focused = page.evaluate(
        """() => {
      const style = getComputedStyle(document.activeElement);
      const band = style.boxShadow.match(/(rgba?\\([^)]*\\)) 0px 0px 0px ([\\d.]+)px/);
      return {inToolbar: document.activeElement.closest('.prose-menubar') !== null,
              outline: parseFloat(style.outlineWidth),
              band: band && [band[1], parseFloat(band[2])]};
    }"""
    )

    assert focused["inToolbar"]
    assert focused["outline"] >= 3, focused
    band_colour, band_width = focused["band"]
    assert band_width >= 3
    assert contrast(band_colour, "rgb(255, 255, 255)") >= 3, focused
