"""Checking a status at /status/ with a reference and the email address used for the case,
without an account: the right pair shows where the case stands and nothing personal; every
wrong pair gets the same answer after the same work, and what cannot be a reference is told
so; scanning is refused."""

import logging
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import localtime

from applications import status_check
from tests.factories import ask_the_citizen, make_inquiry, make_published_answer
from tests.html import (
    errors,
    find,
    h1,
    link_targets,
    links,
    main,
    region,
    summary_list,
    text,
    title,
)

pytestmark = pytest.mark.django_db

URL = reverse("public:status_check")
NO_MATCH = (
    "No application or inquiry matches this reference and email address. Check that the "
    "reference is the 8 digits from your confirmation email, and that the email address is the "
    "one we send updates to."
)


def check(client, reference, email, address="192.0.2.10", **headers):
    """Post the form as the browser does from the portal's own page."""
    return client.post(
        URL,
        {"reference": reference, "email": email},
        headers={"Sec-Fetch-Site": "same-origin", **headers},
        REMOTE_ADDR=address,
    )


@pytest.fixture
def application(citizen, caseworker, make_application):
    application = make_application(applicant=citizen, details="My passport number is E12345678.")
    return ask_the_citizen(
        application,
        by=caseworker,
        note_to_citizen="Send a scan of your passport.",
        internal_note="Checked by the permits team.",
    )


def test_the_right_pair_shows_where_the_case_stands_and_nothing_personal(client, application):
    response = check(client, application.reference, "LI.NA@example.com ")

    assert response.status_code == 200
    assert h1(response) == f"Status of {application.reference}"
    facts = {key: value for key, value, _ in summary_list(main(response))}
    assert facts == {
        "Service": "Residence permit renewal",
        "Sent": f"{localtime(application.submitted_at):%-d %B %Y}",
        "Last update": f"{localtime(application.status_changed_at):%-d %B %Y}",
    }  # no "Decision expected by": the case waits for its citizen
    shown = text(main(response))
    assert "Status: Action required" in shown
    assert str(application.explanation.meaning) in shown
    assert "Sign in and read the note from your caseworker" in shown
    for personal in ["Li Na", "li.na@example.com", "E12345678", "Send a scan", "permits team"]:
        assert personal.casefold() not in shown.casefold()
    assert "no-store" in response["Cache-Control"]


def test_a_case_with_its_caseworkers_says_when_a_decision_is_expected(
    client, citizen, make_application
):
    submitted = make_application(applicant=citizen)

    response = check(client, submitted.reference, citizen.email)

    facts = {key: value for key, value, _ in summary_list(main(response))}
    assert facts["Decision expected by"] == f"{localtime(submitted.due_at):%-d %B %Y}"


def test_spaces_and_dashes_typed_in_the_reference_are_left_out(client, application):
    spaced = f"{application.reference[:4]} {application.reference[4:]}"

    assert h1(check(client, spaced, application.applicant.email)) == (
        f"Status of {application.reference}"
    )


def test_an_inquiry_shows_its_status_and_links_its_published_answer(client, citizen, caseworker):
    inquiry = make_inquiry(author=citizen, publication_agreed=True, answered_by=caseworker)
    published = make_published_answer(inquiry=inquiry, by=caseworker)

    response = check(client, inquiry.reference, citizen.email)

    shown = main(response)
    assert "Status: Answered" in text(shown)
    assert links(shown)["Read the published question and answer"] == published.get_absolute_url()
    assert inquiry.answer not in text(shown)


def perceived(response, reference):
    """What a person gets back: status, title, the page's text and the form as filled in,
    with the reference they typed put aside (it is shown back to them as typed)."""
    return (
        response.status_code,
        title(response),
        text(main(response)),
        find(main(response), 'input[name="email"]').get("value"),
        response.content.decode().replace(f'value="{reference}"', 'value="…"'),
    )


@pytest.mark.parametrize(
    "typed",
    ["wrong email", "unknown reference", "null character", "reference of"],
)
def test_every_wrong_pair_gets_the_same_answer(client, application, other_citizen, typed):
    reference, email = {
        "wrong email": (application.reference, "zhou.bin@example.com"),
        "unknown reference": ("29999999", "zhou.bin@example.com"),
        "null character": ("2000\x000000", "zhou.bin@example.com"),
        # Someone else's address with an existing case of theirs: still the wrong pair.
        "reference of": (application.reference, other_citizen.email),
    }[typed]
    baseline = check(client, "29999998", "zhou.bin@example.com", address="192.0.2.99")

    response = check(client, reference, email)

    assert errors(response).summary == [NO_MATCH]
    assert perceived(response, reference) == perceived(baseline, "29999998")


class CountingDigest:
    def __init__(self):
        self.calls = 0

    def __call__(self, value):
        self.calls += 1
        return self.digest(value)


@pytest.fixture
def work_done(monkeypatch):
    """The queries (without their values) and digests one check costs."""
    counter = CountingDigest()
    counter.digest = status_check.digest
    monkeypatch.setattr(status_check, "digest", counter)

    def measure(client, reference, email, address):
        counter.calls = 0
        with CaptureQueriesContext(connection) as context:
            check(client, reference, email, address)
        shapes = [
            re.sub(r'"s\d+_x\d+"|\'[^\']*\'|\b\d+\b', "?", query["sql"])
            for query in context.captured_queries
        ]
        return shapes, counter.calls

    return measure


def test_a_wrong_pair_costs_the_same_work_whether_or_not_the_reference_exists(
    client, application, work_done
):
    # Each from its own address, with its own email address: none has been counted before.
    wrong_email = work_done(client, application.reference, "wang@example.com", "192.0.2.1")
    unknown = work_done(client, "29999999", "zhao@example.com", "192.0.2.2")

    assert wrong_email == unknown
    queries, digests = wrong_email
    assert digests == 3  # the address given, and one for each kind of case
    assert len([q for q in queries if "applications_" in q]) == 2  # both kinds, always


def full_width(digits):
    """The digits as a Chinese input method types them (U+FF10 to U+FF19)."""
    return "".join(chr(ord(digit) + 0xFEE0) for digit in digits)


@pytest.mark.parametrize(
    "typed", ["2092722", "209272270", "2000abcd", "A-2026-0001", "2" * 5000, full_width("2092722")]
)
def test_what_cannot_be_a_reference_is_told_so_and_not_counted(client, application, typed):
    response = check(client, typed, application.applicant.email)

    assert errors(response).summary == [
        "Reference: Enter the reference as the 8 digits from your confirmation email, like 20927227"
    ]
    assert title(response).startswith("Error: ")
    assert find(main(response), 'input[name="email"]').get("value") == (application.applicant.email)
    # Not checks that matched nothing: more than the ten an address may make are not refused.
    for _ in range(10):
        check(client, typed, application.applicant.email)
    right = check(client, application.reference, application.applicant.email)
    assert h1(right) == f"Status of {application.reference}"


def test_a_reference_typed_in_full_width_digits_is_read(client, application):
    typed = full_width(application.reference)

    response = check(client, f"{typed[:4]}\u3000{typed[4:]}", application.applicant.email)

    assert h1(response) == f"Status of {application.reference}"


def test_blank_fields_are_asked_for(client):
    response = check(client, "", " ")

    assert errors(response).summary == [
        "Reference: Enter the reference of your application or inquiry",
        "Email address: Enter your email address",
    ]
    assert title(response).startswith("Error: ")


def test_too_many_checks_from_one_address_are_refused_alike(client, application, caplog):
    for number in range(10):
        check(client, f"2999{number:04d}", "zhou.bin@example.com")

    with caplog.at_level(logging.WARNING, logger="applications.status_check"):
        refused_existing = check(client, application.reference, application.applicant.email)
        refused_unknown = check(client, "29999999", "zhou.bin@example.com")

    assert refused_existing.status_code == refused_unknown.status_code == 429
    assert errors(refused_existing).summary == errors(refused_unknown).summary
    assert "You have checked too many times" in errors(refused_existing).summary[0]
    # One burst, one line in the log: not one for every refused check.
    assert [r.getMessage() for r in caplog.records if r.name == "applications.status_check"] == [
        "Status checks refused (status_check): too many from 192.0.2.10."
    ]


def test_checks_that_find_the_case_are_not_counted(client, application):
    # More than every limit allows: a citizen looking at their case again and again, or many
    # citizens behind one office's or mobile network's address.
    for _ in range(31):
        found = check(client, application.reference, application.applicant.email)
        assert found.status_code == 200
        assert "Action required" in text(main(found))

    assert check(client, "29999999", "zhou.bin@example.com").status_code == 200


def test_too_many_checks_of_one_reference_are_refused_from_any_address(client, application, caplog):
    for number in range(10):
        check(client, application.reference, f"guess{number}@example.com", f"198.51.100.{number}")

    with caplog.at_level(logging.WARNING, logger="applications.status_check"):
        refused = check(client, application.reference, application.applicant.email, "203.0.113.1")

    assert refused.status_code == 429
    assert f"too many for reference {application.reference}, the last from 203.0.113.1" in (
        caplog.text
    )
    assert check(client, "29999999", "zhou.bin@example.com", "203.0.113.1").status_code == 200


def test_too_many_checks_with_one_email_address_are_refused_from_any_address(client):
    for number in range(10):
        check(client, f"2999{number:04d}", "li.na@example.com", f"198.51.100.{number}")

    assert check(client, "29998888", "Li.Na@example.com", "203.0.113.1").status_code == 429


def test_the_form_is_shared_by_every_visitor_and_filled_in_from_a_link(
    client, django_assert_num_queries
):
    first = client.get(URL + "?reference=20927227")
    with django_assert_num_queries(0):
        second = client.get(URL + "?reference=20927227")

    assert second.content == first.content
    assert find(first, 'input[name="reference"]')["value"] == "20927227"
    assert "csrfmiddlewaretoken" not in first.content.decode()


def test_a_check_posted_from_another_site_is_refused(client, application):
    response = check(
        client,
        application.reference,
        application.applicant.email,
        **{"Sec-Fetch-Site": "cross-site"},
    )

    assert response.status_code == 403


def test_every_status_email_links_to_the_status_check(
    client, citizen, make_application, delivered_mail
):
    application = make_application(applicant=citizen)

    email = delivered_mail()[-1]

    link = f"http://127.0.0.1:8000{URL}?reference={application.reference}"
    assert link in email.body
    assert f'href="{link}"' in email.alternatives[0].content


def test_the_confirmation_page_after_applying_links_to_the_status_check(
    client, citizen, make_application
):
    application = make_application(applicant=citizen)
    client.force_login(citizen)

    response = client.get(
        reverse("applications:application_submitted", args=[application.reference])
    )

    assert links(main(response))["check its status"] == f"{URL}?reference={application.reference}"


def test_the_header_and_the_home_page_boxes_lead_to_the_status_check(client):
    home = client.get(reverse("home"))

    assert links(find(home, 'nav[aria-label="Main"]'))["Check a status"] == URL
    for box in ["Application Status", "Inquiry Status"]:
        assert URL in link_targets(region(home, box))
