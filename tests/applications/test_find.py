"""Services people can find: in the header of every page, on the home page, each with a start
page, in site search (first for its own name), in the sitemap, and linked from FAQ answers."""

import pytest

from tests.factories import make_inquiry
from tests.html import find, links, main, region, select, text, text_of, texts_of
from tests.sitemaps import sitemap_entries

pytestmark = pytest.mark.django_db


def nav_links(response):
    return [
        (text(link), link.get("href"), link.get("aria-current"))
        for link in select(find(response, "nav.site-nav"), "a")
    ]


@pytest.mark.parametrize("path", ["/", "/news/", "/faq/", "/search/", "/contact/"])
def test_every_page_has_services_in_its_header(client, path):
    assert ("Services", "/services/", None) in nav_links(client.get(path))


def test_the_services_link_is_current_on_the_service_pages_only(client, citizen, parking_service):
    assert ("Services", "/services/", "page") in nav_links(client.get("/services/"))
    assert ("Services", "/services/", "page") in nav_links(
        client.get(parking_service.get_absolute_url())
    )
    client.force_login(citizen)
    question_page = client.get(client.get(parking_service.get_apply_url()).url)
    assert ("Services", "/services/", "page") in nav_links(question_page)
    assert ("My applications", "/applications/", None) in nav_links(question_page)
    my_applications = client.get("/applications/")
    assert ("Services", "/services/", None) in nav_links(my_applications)
    assert ("My applications", "/applications/", "page") in nav_links(my_applications)


def test_the_home_page_has_a_services_box_for_every_visitor(
    client, parking_service, closed_service
):
    box = region(client.get("/"), "Services")

    assert list(links(box).items()) == [
        ("view more services »", "/services/"),
        ("Resident parking permit", "/services/resident-parking-permit/"),
    ]


def test_searching_parking_permit_finds_the_service_first(
    client, parking_service, make_article, make_question
):
    make_article(
        title="More parking permit zones in Xuhui",
        summary="The resident parking permit now covers six more streets.",
        body="<p>Residents can apply for a parking permit for the new zones.</p>",
    )
    make_question(
        question="How long is a parking permit valid?",
        answer="<p>A resident parking permit is valid for one year.</p>",
    )

    results = select(client.get("/search/", {"q": "parking permit"}), "li.search-result")

    assert len(results) == 3
    first = results[0]
    assert links(find(first, "h3")) == {
        "Resident parking permit": parking_service.get_absolute_url()
    }
    assert text_of(first, "span.tag") == "Services"
    assert text_of(first, "mark").lower() in {"parking", "permit"}


def test_only_open_services_are_found_and_the_type_filter_knows_them(
    client, parking_service, closed_service
):
    found = client.get("/search/", {"q": "grant", "type": "services"})
    assert select(found, "li.search-result") == []

    found = client.get("/search/", {"q": "permit", "type": "services"})
    assert texts_of(found, "li.search-result h3") == ["Resident parking permit"]


def test_the_sitemap_lists_each_open_services_start_page(client, parking_service, closed_service):
    entries = sitemap_entries(client)

    assert any(url.endswith("/services/resident-parking-permit/") for url in entries)
    assert not any("heritage" in url for url in entries)


def test_an_faq_answer_links_to_a_start_page(client, parking_service, make_question):
    question = make_question(
        question="Where do I get a parking permit?",
        answer='<p>Apply for a <a href="/services/resident-parking-permit/">resident parking '
        "permit</a> online.</p>",
    )

    page = main(client.get(question.get_absolute_url()))

    # The portal's own links in answers carry its full address, for printing.
    assert (
        links(page)["resident parking permit"]
        == f"http://testserver{parking_service.get_absolute_url()}"
    )


def test_no_header_link_is_current_on_the_inquiry_pages(client, citizen):
    inquiry = make_inquiry(author=citizen)
    client.force_login(citizen)
    for path in ["/inquiries/", "/inquiries/new/", f"/inquiries/{inquiry.reference}/withdraw/"]:
        current = [label for label, _, marked in nav_links(client.get(path)) if marked]
        assert current == [], path
