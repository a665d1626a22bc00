import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def news(make_article, channel, other_channel):
    for number in range(14):
        with_photo = number == 1
        make_article(
            channel=channel if number % 2 else other_channel,
            title=f"Bus routes change in district {number}",
            slug=f"bus-routes-{number}",
            summary="Four express routes link housing areas with metro stations.",
            body="<h2>What changes</h2><p>New numbers.</p><h2>When</h2><p>From March.</p>",
            days_ago=number + 1,
            source="Municipal Transport Commission",
            photo=with_photo,
            image_alt="A blue bus at a stop" if with_photo else "",
            image_caption="A new express bus." if with_photo else "",
        )


def test_a_person_follows_a_channels_view_more_link_and_opens_an_article(
    live_server, page, news, axe_violations
):
    page.goto(live_server.url)

    page.get_by_role("link", name="view more Government News").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Government News"
    assert axe_violations(page) == []

    page.get_by_role("link", name="Bus routes change in district 1", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Bus routes change in district 1"
    photo = page.get_by_role("img", name="A blue bus at a stop")
    expect(photo).to_have_js_property("complete", True)  # loaded, or given up on
    assert photo.evaluate("image => image.naturalWidth") > 0
    assert axe_violations(page) == []

    page.get_by_role("link", name="Back to Government News").click()
    assert page.url == f"{live_server.url}/news/government-news/"


def test_news_pages_fit_a_320_pixel_screen(live_server, page, news, axe_violations):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/news/", "/news/government-news/bus-routes-1/", "/"]:
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    page.goto(live_server.url + "/news/?page=2")
    assert axe_violations(page) == []
