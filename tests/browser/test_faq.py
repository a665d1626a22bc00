import pytest
from playwright.sync_api import expect

from portal.models import PageFeedback
from tests.factories import make_question, make_topic

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def questions(topic):
    working = make_topic(name="Working in the city", slug="working", position=2)
    make_question(
        topic=topic,
        question="Where can I get an English map of the city?",
        slug="english-city-map",
        answer="<p>Free maps are handed out at <strong>tourist information centres</strong>.</p>",
        featured=True,
    )
    return make_question(
        topic=working,
        question="How do I apply for a work permit?",
        slug="work-permit",
        answer="<p>Your employer starts the application online.</p><ul><li>Passport</li></ul>",
    )


def test_a_person_jumps_to_a_topic_and_says_an_answer_helped(live_server, page, questions):
    page.goto(f"{live_server.url}/faq/")

    page.get_by_role("link", name="Working in the city").click()
    expect(page).to_have_url(f"{live_server.url}/faq/#topic-working")
    answer = page.locator("#q-work-permit")
    expect(answer).to_contain_text("Your employer starts the application online.")
    answer.get_by_role("link", name="How do I apply for a work permit?").click()
    page.get_by_role("button", name="Yes this page is useful").click()

    expect(page.get_by_role("status")).to_have_text("Thank you for your feedback.")
    expect(page.get_by_role("heading", level=1)).to_have_text("How do I apply for a work permit?")
    feedback = PageFeedback.objects.get()
    assert (feedback.path, feedback.kind) == ("/faq/work-permit/", PageFeedback.Kind.USEFUL)


@pytest.mark.parametrize("path", ["/faq/", "/faq/topics/working/", "/faq/work-permit/"])
def test_faq_pages_are_accessible_and_fit_a_small_screen(
    live_server, page, questions, axe_violations, path
):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}{path}")

    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
