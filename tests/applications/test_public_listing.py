"""The public record of cases: the home page's "Application Status" and "Inquiry Status" boxes
and the lists behind "view more »" show every visitor the listed cases, and only the reference,
the service, the dates and the status of each."""

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, Inquiry
from applications.services import application_change_status, inquiry_change_status
from tests.factories import make_application, make_inquiry, make_public_service
from tests.html import find, headings, main, region, select, table, text, text_of, texts_of, title
from tests.sitemaps import sitemap_entries

pytestmark = pytest.mark.django_db

HOME = reverse("home")
APPLICATIONS = reverse("public:application_list")
INQUIRIES = reverse("public:inquiry_list")


@pytest.fixture
def listed(citizen, other_citizen, caseworker, service):
    """A listed application and inquiry beside ones that must stay private."""
    public = make_public_service()
    cases = {
        "listed_application": make_application(
            applicant=citizen, service=public, details="Minutes of the Changping meeting"
        ),
        "private_application": make_application(
            applicant=other_citizen, service=service, details="Renew my permit please"
        ),
        "listed_inquiry": make_inquiry(
            author=citizen,
            listed_publicly=True,
            subject="Bicycle parking at Jing'an",
            answered_by=caseworker,
            answer="Use the racks on Huashan Road.",
        ),
        "private_inquiry": make_inquiry(
            author=other_citizen, subject="Noise from my neighbour Zhou"
        ),
    }
    application_change_status(
        application=cases["listed_application"],
        to_status="received",
        by=caseworker,
        note_to_citizen="A note for Li Na only",
    )
    return cases


def test_a_visitor_sees_both_boxes_with_only_the_listed_cases_and_fields(client, listed):
    response = client.get(HOME)

    applications = region(response, "Application Status")
    inquiries = region(response, "Inquiry Status")
    application, inquiry = listed["listed_application"], listed["listed_inquiry"]
    sent = timezone.localtime(application.submitted_at)
    assert texts_of(applications, "thead th") == ["Date", "Reference", "Service", "Status"]
    [row] = table(applications)
    assert {column: row[column] for column in ["Reference", "Service", "Status"]} == {
        "Reference": application.reference,
        "Service": "Request for government information",
        "Status": "Received",
    }
    # MM-DD to the eye, the full date to a screen reader
    date = find(applications, "tbody time")
    assert text_of(date, '[aria-hidden="true"]') == f"{sent:%m-%d}"
    assert text_of(date, ".visually-hidden") == f"{sent:%-d %B %Y}"
    assert texts_of(inquiries, "thead th") == ["Date", "Reference", "Status"]
    assert [(row["Reference"], row["Status"]) for row in table(inquiries)] == [
        (inquiry.reference, "Answered")
    ]


def test_nothing_personal_reaches_the_public_pages(client, listed):
    private_words = [
        "Li Na",
        "li.na@example.com",
        "Zhou Bin",
        "Minutes of the Changping meeting",
        "Bicycle parking",
        "Huashan Road",
        "A note for Li Na only",
        listed["private_application"].reference,
        listed["private_inquiry"].reference,
        "Noise from my neighbour",
    ]
    for url in [HOME, APPLICATIONS, INQUIRIES, reverse("public:answer_list")]:
        shown = text(main(client.get(url)))
        assert [word for word in private_words if word in shown] == [], url


def test_a_case_not_listed_appears_nowhere_public(client, listed):
    hidden = [listed["private_application"].reference, listed["private_inquiry"].reference]
    pages = [
        HOME,
        APPLICATIONS,
        INQUIRIES,
        APPLICATIONS + "?status=submitted",
        reverse("public:answer_list"),
        reverse("public:answer_feed"),
        reverse("news:feed"),
        reverse("news:atom_feed"),
        *(f"{reverse('search')}?q={word}" for word in ["permit", "neighbour", *hidden]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        if url.startswith(reverse("search")):
            # The page repeats what was searched for; what it finds is in its results.
            body = " ".join(
                text(results) for results in select(response, "ol.search-results__list")
            )
        assert not [reference for reference in hidden if reference in body], url
    assert not [url for url in sitemap_entries(client) if any(ref in url for ref in hidden)]


def test_applications_are_listed_only_while_their_service_lists_them(
    client, citizen, caseworker, service
):
    sent_before = make_application(applicant=citizen, service=service)
    service.lists_applications_publicly = True
    service.save()
    sent_after = make_application(applicant=citizen, service=service)

    listed = [row["Reference"] for row in table(client.get(APPLICATIONS))]
    service.lists_applications_publicly = False
    service.save()

    # What the applicant was told when applying decides: an earlier one stays private.
    assert listed == [sent_after.reference]
    assert sent_before.reference not in listed
    assert not Application.objects.listed_publicly().exists()


def test_an_inquiry_is_listed_only_when_its_author_agreed(citizen):
    agreed = make_inquiry(author=citizen, listed_publicly=True)
    make_inquiry(author=citizen)

    assert list(Inquiry.objects.listed_publicly()) == [agreed]


def test_the_inquiry_form_asks_for_agreement_to_list_and_to_publish(client, citizen):
    client.force_login(citizen)
    url = reverse("applications:inquiry_create")
    fieldset = find(client.get(url), "fieldset")

    assert texts_of(fieldset, "label") == [
        "You may list this question's reference and status publicly",
        (
            "You may also publish my question and your answer, without my name, "
            "if they could help others"
        ),
    ]

    refused = client.post(
        url, {"subject": "Parking", "message": "Where?", "public_listing": ["publish"]}
    )
    assert refused.status_code == 200
    assert not Inquiry.objects.exists()

    client.post(url, {"subject": "Parking", "message": "Where?", "public_listing": ["list"]})
    inquiry = Inquiry.objects.get()
    assert (inquiry.listed_publicly, inquiry.publication_agreed) == (True, False)


def test_the_lists_are_newest_first_and_filtered_by_status_and_service(
    client, citizen, caseworker, service
):
    public = make_public_service()
    other = make_public_service(name="Street names archive", slug="street-names")
    first, second, third = (
        make_application(applicant=citizen, service=public),
        make_application(applicant=citizen, service=other),
        make_application(applicant=citizen, service=public),
    )
    application_change_status(application=second, to_status="received", by=caseworker)
    inquiry = make_inquiry(author=citizen, listed_publicly=True)
    inquiry_change_status(inquiry=inquiry, to_status="processing", by=caseworker)
    make_inquiry(author=citizen, listed_publicly=True)

    def references(url):
        response = client.get(url)
        return [row["Reference"] for row in table(response)] if select(response, "table") else []

    assert references(APPLICATIONS) == [third.reference, second.reference, first.reference]
    assert references(APPLICATIONS + "?status=received") == [second.reference]
    assert references(APPLICATIONS + "?service=street-names") == [second.reference]
    assert references(APPLICATIONS + "?service=street-names&status=submitted") == []
    assert references(INQUIRIES + "?status=processing") == [inquiry.reference]
    # Only the services that list their applications are offered in the filter.
    options = texts_of(client.get(APPLICATIONS), 'select[name="service"] option')
    assert options == [
        "All services",
        "Request for government information",
        "Street names archive",
    ]


def test_a_filter_nobody_offered_says_so_and_lists_everything(client, citizen):
    public = make_public_service()
    make_application(applicant=citizen, service=public)

    response = client.get(APPLICATIONS + "?status=lost&service=no-such-service")

    assert response.status_code == 200
    assert title(response).startswith("Error:")
    assert len(table(response)) == 1


def test_dates_carry_the_day_without_microseconds(client, listed):
    for url in [HOME, APPLICATIONS, INQUIRIES]:
        for time in select(main(client.get(url)), "time"):
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", time["datetime"]), url


def home_parts(response):
    """The home page's parts in reading order, each as the headings of its boxes."""
    layout = find(response, "div.home-layout")
    return [headings(part, 2) for part in layout.find_all(recursive=False)]


def test_a_signed_in_person_reads_their_own_boxes_first_then_the_news_then_everyones(
    client, citizen, listed
):
    client.force_login(citizen)

    personal, _news, public = home_parts(client.get(HOME))

    assert personal == ["Your account", "My applications", "My inquiries", "Services"]
    assert public == ["Application Status", "Inquiry Status", "FAQ"]


def test_a_visitor_reads_the_sign_in_box_first_then_the_news_then_the_status_boxes(client, listed):
    personal, _news, public = home_parts(client.get(HOME))

    assert personal == ["Sign in", "Services"]
    assert public == ["Application Status", "Inquiry Status", "FAQ"]


@pytest.mark.parametrize("url", [HOME, APPLICATIONS, INQUIRIES, APPLICATIONS + "?status=received"])
def test_the_public_pages_cost_the_same_with_few_and_many_cases(
    client, citizen, caseworker, url, django_assert_max_num_queries
):
    public = make_public_service()

    def add(count):
        for _ in range(count):
            application = make_application(applicant=citizen, service=public)
            application_change_status(application=application, to_status="received", by=caseworker)
            make_inquiry(author=citizen, listed_publicly=True, answered_by=caseworker)

    add(2)
    caches["pages"].clear()  # each page is measured as its first visitor makes it
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(40)
    caches["pages"].clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_anonymous_visitors_share_a_cached_copy_of_the_lists(
    client, listed, django_assert_num_queries
):
    for url in [APPLICATIONS, INQUIRIES]:
        first = client.get(url)
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second.content == first.content
        assert first["Cache-Control"].startswith("public")


def test_applicants_are_told_before_they_apply_that_the_service_lists_applications(client, citizen):
    public = make_public_service()
    client.force_login(citizen)
    client.post(
        reverse("applications:application_page", args=[public.slug, 1]),
        {"qdetails": "The minutes of the meeting."},
    )

    for url in [
        public.get_absolute_url(),
        reverse("applications:application_check", args=[public.slug]),
    ]:
        assert "We list applications for this service publicly" in text(client.get(url)), url
